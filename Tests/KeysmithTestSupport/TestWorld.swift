import KeysmithCore
import KeysmithStore

/// A service over a store, with a manual clock and seeded randomness: the one test world of
/// the store, SQLite and HTTP tests. ``withCast(store:seed:)`` adds the users most tests need:
/// `alice` and `bob` (members) and `root` (an admin), beside `me`, the store's default user.
///
/// ```swift
/// let world = try await TestWorld.withCast()
/// try await world.addResources()
/// let key = try await world.createKey(grants: ["DocumentReadonly"])
/// #expect(try await world.decision(key.secret, "GET /documents/d-alice") == .allow)
/// ```
public struct TestWorld: Sendable {
    /// The moment every test world starts at: 2026-01-01T00:00:00Z.
    public static let start = Instant(secondsSinceEpoch: 1_767_225_600)
    /// The usual lifetime of a test key.
    public static let thirtyDays = KeyDuration(seconds: 30 * 86_400)

    public let store: any KeyStore
    public let clock: ManualClock
    public let service: KeyService

    /// A world over `store` whose clock reads `instant` until moved, and whose ids and secrets
    /// come from `random` (a source seeded with `seed` when nil).
    public init(
        store: any KeyStore = MemoryStore(), seed: UInt64 = 7, random: (any RandomSource)? = nil,
        at instant: Instant = TestWorld.start
    ) {
        self.store = store
        clock = ManualClock(instant)
        service = KeyService(store: store, clock: clock, random: random ?? SeededRandomSource(seed: seed))
    }

    /// A world with `alice`, `bob` and `root` added.
    public static func withCast(store: any KeyStore = MemoryStore(), seed: UInt64 = 7) async throws -> TestWorld {
        let world = TestWorld(store: store, seed: seed)
        _ = try await world.service.addUser("alice", role: .member, actor: "me")
        _ = try await world.service.addUser("bob", role: .member, actor: "me")
        _ = try await world.service.addUser("root", role: .admin, actor: "me")
        return world
    }

    /// Adds documents `d-alice`, `d-bob` and folders `f-alice`, `f-bob`, owned as named.
    public func addResources() async throws {
        for owner in ["alice", "bob"] {
            _ = try await service.addResource(.document, id: "d-\(owner)", owner: owner, actor: owner)
            _ = try await service.addResource(.folder, id: "f-\(owner)", owner: owner, actor: owner)
        }
    }

    /// `key create NAME` for `actor`, expiring after thirty days unless told otherwise.
    @discardableResult
    public func createKey(
        _ name: String = "key", grants: [String], expires: ExpirationRequest = .after(TestWorld.thirtyDays),
        as actor: String = "alice"
    ) async throws -> CreatedKey {
        try await service.createKey(name: name, expires: expires, grants: grants, actor: actor)
    }

    /// `check(secret, "GET /documents/d1")`.
    public func check(_ secret: String, _ request: String, mode: RequestMode = .user) async throws -> CheckResult {
        let parts = request.split(separator: " ", maxSplits: 1).map(String.init)
        return try await service.check(secret: secret, method: parts[0], path: parts[1], mode: mode)
    }

    /// The decision of ``check(_:_:mode:)``.
    public func decision(_ secret: String, _ request: String, mode: RequestMode = .user) async throws -> Decision {
        try await check(secret, request, mode: mode).decision
    }

    /// Moves the manual clock forward (the store's latest instant follows at the next write).
    public func advance(seconds: Int64) { try! clock.advance(by: KeyDuration(seconds: seconds)) }

    /// The key `id` as the store holds it.
    public func storedKey(_ id: KeyID) async throws -> APIKey? {
        try await store.read { try await $0.key(id: id) }
    }
}

extension Instant {
    /// Test shorthand for ``Instant/adding(_:)`` on instants known to be in range.
    public static func + (a: Instant, d: KeyDuration) -> Instant {
        do { return try a.adding(d) } catch { fatalError("\(error)") }
    }
}
