import Foundation
import Hummingbird
import KeysmithHTTP

// A Hummingbird app that protects its own two routes with keysmith keys. Each route is an
// endpoint of the store's catalog (which holds this API's endpoints only, not Lucid's) with the
// grant it accepts; KeysmithMiddleware checks every request's `Authorization: Bearer` key
// against it and answers a denial itself. The API has no version header and no admin mode
// (`rules: .none`), and its routes live under `/api`, which the middleware strips.
let service = KeyService(store: MemoryStore(catalog: Catalog()))  // this API's endpoints only
_ = try await service.addEndpoint(method: "GET", path: "/reports/{id}", grants: ["ReportsRead"],
                                  access: nil, acceptsAPIKeys: true, actor: "me")
_ = try await service.addEndpoint(method: "POST", path: "/reports", grants: ["ReportsWrite"],
                                  access: nil, acceptsAPIKeys: true, actor: "me")
// A key to try it with; its secret is shown once, here, as `key create` shows it.
let dashboard = try await service.createKey(name: "dashboard", expires: .after(KeyDuration(seconds: 86_400)),
                                            grants: ["ReportsRead"], actor: "me")

let router = Router(context: KeysmithContext.self)
router.group("api").add(middleware: KeysmithMiddleware(service: service, mountPath: "/api", rules: .none))
    .get("reports/{id}") { _, context in
        let identity = context.keysmithIdentity!  // the middleware let the request through
        return "report \(identity.pathParameters["id"] ?? "") for \(identity.user.name)\n"
    }
    .post("reports") { _, context in
        "report created by \(context.keysmithIdentity!.user.name)\n"
    }

let port = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 8080
let app = Application(
    router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)),
    onServerRunning: { channel in
        let text = "listening on http://127.0.0.1:\(channel.localAddress?.port ?? port)\n"
            + "dashboard key (ReportsRead): \(dashboard.secret)\n"
        FileHandle.standardOutput.write(Data(text.utf8))
    })
try await app.runService()  // until SIGINT or SIGTERM
