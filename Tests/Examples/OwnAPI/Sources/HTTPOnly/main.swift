import Hummingbird
import HummingbirdTesting
import KeysmithHTTP

// The middleware alone, guarding an API of one's own: no version header, no admin-mode
// header, routes where this program likes them. Answered in process, no socket.
let service = KeyService(store: MemoryStore(catalog: Catalog()))
_ = try await service.addEndpoint(
    method: "GET", path: "/invoices/{id}", grants: ["InvoicesRead"], access: nil,
    acceptsAPIKeys: true, actor: "me")
let key = try await service.createKey(name: "books", expires: .never, grants: ["InvoicesRead"], actor: "me")
let router = Router(context: KeysmithContext.self)
router.group("billing").add(middleware: KeysmithMiddleware(service: service, mountPath: "/billing", rules: .none))
    .get("invoices/{id}") { _, context in "invoice for \(context.keysmithIdentity?.user.name ?? "?")\n" }
let statuses = try await Application(router: router).test(.router) { client in
    var statuses: [Int] = []
    for secret in [key.secret, nil] {
        var headers = HTTPFields()
        if let secret { headers[.authorization] = "Bearer \(secret)" }
        let status = try await client.execute(uri: "/billing/invoices/7", method: .get, headers: headers) { $0.status.code }
        statuses.append(status)
    }
    return statuses
}
print("with the key: \(statuses[0]), without: \(statuses[1])")
guard statuses == [200, 401] else { fatalError("unexpected statuses \(statuses)") }
