import KeysmithCore
import KeysmithStore

@testable import KeysmithSQLite

/// The moment every test world starts at.
let start = Instant(parsing: "2026-01-01T00:00:00Z")!
let thirtyDays = KeyDuration(seconds: 30 * 86_400)

/// A service over a store with a manual clock and seeded randomness.
struct StoreWorld: Sendable {
    let store: any KeyStore
    let clock: ManualClock
    let service: KeyService

    init(store: any KeyStore, seed: UInt64 = 7, at instant: Instant = start) {
        self.store = store
        clock = ManualClock(instant)
        service = KeyService(store: store, clock: clock, random: SeededRandomSource(seed: seed))
    }

    /// `check(secret, "GET /documents/d1")`.
    func check(_ secret: String, _ request: String) async throws -> CheckResult {
        let parts = request.split(separator: " ", maxSplits: 1).map(String.init)
        return try await service.check(secret: secret, method: parts[0], path: parts[1])
    }
}

/// Everything a store holds, read through the store protocol, to compare two stores.
struct StoreDump: Equatable {
    var users: [User] = []
    var resources: [Resource] = []
    var keys: [String: [APIKey]] = [:]
    var keyGrantNames: [String: [[String]]] = [:]
    var audit: [AuditEntry] = []
    var grantNames: [String] = []
    var endpoints: [String] = []

    /// The audit log is read as the service shows it (a `key.create` entry's detail is rendered
    /// from the key), so a store written before details were rendered compares equal.
    static func of(_ store: any KeyStore) async throws -> StoreDump {
        var dump = try await records(of: store)
        dump.audit = try await KeyService(store: store).auditLog()
        return dump
    }

    private static func records(of store: any KeyStore) async throws -> StoreDump {
        try await store.read { tx in
            var dump = StoreDump()
            let catalog = try await tx.catalog()
            dump.users = try await tx.users()
            dump.resources = try await tx.resources()
            for user in dump.users {
                let keys = try await tx.keys(ownedBy: user.name)
                dump.keys[user.name] = keys
                dump.keyGrantNames[user.name] = keys.map { catalog.names(of: $0.grants) }
            }
            dump.grantNames = catalog.grantNames
            dump.endpoints = catalog.endpoints.map {
                "\($0.signature) api=\($0.acceptsAPIKeys) grants=\($0.grantNames) access=\($0.access) custom=\($0.isCustom)"
            }
            return dump
        }
    }
}

/// A workout touching every kind of record, including failed commands (which must change
/// nothing). Returns the secrets it created, in order.
@discardableResult
func exercise(_ world: StoreWorld) async throws -> [String] {
    let s = world.service
    _ = try await s.addUser("alice", role: .member, actor: "me")
    _ = try await s.addUser("root", role: .admin, actor: "me")
    _ = try? await s.addUser("alice", role: .admin, actor: "me")
    _ = try await s.addResource(.document, id: "d1", owner: "alice", actor: "alice")
    _ = try await s.addResource(.folder, id: "f1", owner: "me", actor: "me")
    _ = try await s.share(.document, id: "d1", with: "me", role: .view, actor: "alice")
    _ = try await s.share(.document, id: "d1", with: "me", role: .edit, actor: "alice")
    _ = try await s.share(.folder, id: "f1", with: "alice", role: .view, actor: "me")
    _ = try await s.addEndpoint(
        method: "GET", path: "/reports/{id}", grants: ["ReportRead"], access: "view document id",
        acceptsAPIKeys: true, actor: "me")
    _ = try await s.addEndpoint(method: "POST", path: "/internal", grants: [], access: nil, acceptsAPIKeys: false, actor: "me")
    _ = try? await s.addEndpoint(
        method: "GET", path: "/reports/{id}", grants: ["Other"], access: nil, acceptsAPIKeys: true,
        actor: "me")
    let a = try await s.createKey(
        name: "alice ci", expires: .after(thirtyDays), grants: ["DocumentReadonly", "ReportRead"],
        actor: "alice")
    let m = try await s.createKey(name: "forever", expires: .never, grants: ["User"], actor: "me")
    let r = try await s.createKey(
        name: "admin", expires: .at(Instant(parsing: "2026-03-01")!), grants: ["AccountAdmin"],
        actor: "root")
    _ = try? await s.createKey(name: "bad", expires: .after(thirtyDays), grants: ["Nope"], actor: "alice")
    _ = try? await s.createKey(name: "bad", expires: .after(thirtyDays), grants: ["DocumentAdmin"], actor: "alice")
    _ = try await s.renameKey(a.info.id, to: "alice ci (renamed)", actor: "alice")
    _ = try await s.deleteKey(m.info.id, actor: "me")
    _ = try? await s.deleteKey(m.info.id, actor: "me")
    _ = try await world.check(a.secret, "GET /reports/d1")
    _ = try await world.check(a.secret, "GET /documents/d1")
    _ = try await world.check(m.secret, "GET /users/me/profile")
    _ = try await world.check("ksk_garbage", "GET /users/me/profile")
    _ = try await world.check(r.secret, "GET /users")
    // The key life: a limit, a roll with a grace period, the account's switch.
    _ = try await s.setRateLimit(
        RateLimit(count: 1, period: KeyDuration(seconds: 60), scope: .user), method: "GET",
        path: "/reports/{id}", actor: "alice")
    _ = try await world.check(a.secret, "GET /reports/d1")
    let rolled = try await s.rollKey(a.info.id, grace: KeyDuration(seconds: 3_600), actor: "alice")
    _ = try await world.check(rolled.created.secret, "GET /reports/d1")
    _ = try? await s.setAPIKeys(enabled: false, actor: "alice")
    _ = try await s.setAPIKeys(enabled: false, actor: "root")
    _ = try await world.check(rolled.created.secret, "GET /documents/d1")
    _ = try await s.setAPIKeys(enabled: true, actor: "root")
    try world.clock.advance(by: KeyDuration(seconds: 31 * 86_400))
    _ = try await world.check(a.secret, "GET /reports/d1")
    _ = try await world.check(rolled.created.secret, "GET /reports/d1")
    return [a.secret, m.secret, r.secret, rolled.created.secret]
}

extension Instant {
    /// Test shorthand for ``Instant/adding(_:)`` on instants known to be in range.
    static func + (a: Instant, d: KeyDuration) -> Instant {
        do { return try a.adding(d) } catch { fatalError("\(error)") }
    }
}
