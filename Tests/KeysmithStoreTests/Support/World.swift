import Testing

@testable import KeysmithCore
@testable import KeysmithStore

/// The moment every test world starts at.
let start = Instant(parsing: "2026-01-01T00:00:00Z")!
let thirtyDays = KeyDuration(seconds: 30 * 86_400)

/// A service over a store, with a manual clock and seeded randomness, and a cast of users:
/// `alice` and `bob` (members) and `root` (an admin), plus `me`, the store's default user.
struct World: Sendable {
    let store: any KeyStore
    let clock: ManualClock
    let service: KeyService

    init(seed: UInt64 = 7, store: any KeyStore = MemoryStore(), random: (any RandomSource)? = nil) {
        self.store = store
        clock = ManualClock(start)
        service = KeyService(store: store, clock: clock, random: random ?? SeededRandomSource(seed: seed))
    }

    static func withCast(seed: UInt64 = 7, store: any KeyStore = MemoryStore()) async throws -> World {
        let world = World(seed: seed, store: store)
        _ = try await world.service.addUser("alice", role: .member, actor: "me")
        _ = try await world.service.addUser("bob", role: .member, actor: "me")
        _ = try await world.service.addUser("root", role: .admin, actor: "me")
        return world
    }

    /// Adds documents `d-alice`, `d-bob` and folders `f-alice`, `f-bob`, owned as named.
    func addResources() async throws {
        for owner in ["alice", "bob"] {
            _ = try await service.addResource(.document, id: "d-\(owner)", owner: owner, actor: owner)
            _ = try await service.addResource(.folder, id: "f-\(owner)", owner: owner, actor: owner)
        }
    }

    @discardableResult
    func createKey(
        _ name: String = "key", grants: [String], expires: ExpirationRequest = .after(thirtyDays),
        as actor: String = "alice"
    ) async throws -> CreatedKey {
        try await service.createKey(name: name, expires: expires, grants: grants, actor: actor)
    }

    /// `check(secret, "GET /documents/d1")`.
    func check(_ secret: String, _ request: String, mode: RequestMode = .user) async throws -> CheckResult {
        let parts = request.split(separator: " ", maxSplits: 1).map(String.init)
        return try await service.check(secret: secret, method: parts[0], path: parts[1], mode: mode)
    }

    func decision(_ secret: String, _ request: String, mode: RequestMode = .user) async throws -> Decision {
        try await check(secret, request, mode: mode).decision
    }

    func advance(seconds: Int64) { try! clock.advance(by: KeyDuration(seconds: seconds)) }

    func storedKey(_ id: KeyID) async throws -> APIKey? {
        try await store.read { try await $0.key(id: id) }
    }
}

/// Runs `body` and returns the `KeysmithError` it threw (recording an issue if it threw
/// something else or nothing).
func keysmithError<T>(_ body: () async throws -> T, sourceLocation: SourceLocation = #_sourceLocation) async -> KeysmithError? {
    do {
        _ = try await body()
        Issue.record("expected a KeysmithError, but nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as KeysmithError {
        return error
    } catch {
        Issue.record("expected a KeysmithError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

/// Every string that `value` holds, however deep, plus the descriptions of every part of it.
func allText(of value: Any) -> String {
    var out = ""
    dump(value, to: &out, maxDepth: .max, maxItems: .max)
    out += String(describing: value) + "\n" + String(reflecting: value)
    return out
}

extension Instant {
    /// Test shorthand for ``Instant/adding(_:)`` on instants known to be in range.
    static func + (a: Instant, d: KeyDuration) -> Instant {
        do { return try a.adding(d) } catch { fatalError("\(error)") }
    }
}
