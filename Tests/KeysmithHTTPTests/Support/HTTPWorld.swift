import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KeysmithCore
import KeysmithHTTP
import KeysmithServe
import KeysmithStore
import KeysmithTestSupport
import Testing

/// The keys, users and resources the HTTP tests use, in a memory store's ``TestWorld`` (its
/// clock frozen at ``TestWorld/start``, its randomness the system's), and the serve router over it.
struct HTTPWorld {
    /// The store, the clock and the service.
    let base: TestWorld
    var service: KeyService { base.service }
    /// DocumentReadonly, expires in 30 days.
    let reader: CreatedKey
    /// User and FolderReadonly, never expires.
    let profile: CreatedKey
    /// Deleted.
    let deleted: CreatedKey
    /// Expires after one hour; the clock is then moved two hours on.
    let expired: CreatedKey
    /// DocumentReadonly for the user `bob`.
    let bobs: CreatedKey

    init() async throws {
        base = TestWorld(random: SystemRandomSource())
        let service = base.service
        _ = try await service.addUser("bob", role: .member, actor: "me")
        _ = try await service.addResource(.document, id: "d1", owner: "me", actor: "me")
        _ = try await service.addResource(.document, id: "d2", owner: "bob", actor: "bob")
        _ = try await service.addResource(.folder, id: "f1", owner: "bob", actor: "bob")
        _ = try await service.share(.folder, id: "f1", with: "me", role: .view, actor: "bob")
        reader = try await service.createKey(
            name: "reader", expires: .after(TestWorld.thirtyDays),
            grants: ["DocumentReadonly"], actor: "me")
        profile = try await service.createKey(name: "profile", expires: .never, grants: ["User", "FolderReadonly"], actor: "me")
        deleted = try await service.createKey(
            name: "gone", expires: .after(KeyDuration(seconds: 86_400)),
            grants: ["DocumentReadonly"], actor: "me")
        _ = try await service.deleteKey(deleted.info.id, actor: "me")
        expired = try await service.createKey(
            name: "short", expires: .after(KeyDuration(seconds: 3_600)),
            grants: ["DocumentReadonly"], actor: "me")
        bobs = try await service.createKey(
            name: "bobs", expires: .after(KeyDuration(seconds: 86_400)),
            grants: ["DocumentReadonly"], actor: "bob")
        try await service.advanceClock(by: KeyDuration(seconds: 7_200))
    }

    /// Every secret this world created.
    var secrets: [String] { [reader, profile, deleted, expired, bobs].map(\.secret) }

    /// Runs `body` against the serve application over this world, in process (`.router`).
    func test<T: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        try await base.test(body)
    }
}

extension TestWorld {
    /// Runs `body` against the serve application over this world's service, in process (`.router`).
    func test<T: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        let app = Application(router: KeysmithServer.router(service: service))
        return try await app.test(.router, body)
    }
}

/// One response, read whole.
struct Answer: Sendable {
    let status: Int
    let headers: HTTPFields
    let body: String

    func header(_ name: String) -> String? {
        HTTPField.Name(name).flatMap { headers[$0] }
    }
}

extension TestClientProtocol {
    /// `method path` with `headers`; `secret` (if any) as `Authorization: Bearer`, and
    /// `Lucid-Api-Version: 1` unless `version` is nil.
    func call(
        _ method: HTTPRequest.Method = .get, _ path: String, secret: String? = nil, version: String? = "1",
        headers extra: [(String, String)] = []
    ) async throws -> Answer {
        var headers = HTTPFields()
        if let secret { headers.append(HTTPField(name: .authorization, value: "Bearer \(secret)")) }
        if let version, let name = HTTPField.Name("Lucid-Api-Version") { headers.append(HTTPField(name: name, value: version)) }
        for (name, value) in extra {
            guard let name = HTTPField.Name(name) else { continue }
            headers.append(HTTPField(name: name, value: value))
        }
        return try await execute(uri: path, method: method, headers: headers) { response in
            Answer(status: response.status.code, headers: response.headers, body: String(buffer: response.body))
        }
    }
}
