import KeysmithTestSupport
import Synchronization
import Testing

@testable import KeysmithCore
@testable import KeysmithStore

/// A check is one call to the store, however many checks a batch holds, and deciding reads
/// the state a fixed number of times per check (Docs: The check): the cost the chatty
/// interface hid (a dozen awaited calls per check) cannot come back unnoticed.
@Suite struct CheckCostTests {
    /// Counts the calls a service makes to its store.
    final class CountingStore: KeyStore {
        let inner = MemoryStore()
        let calls = Mutex<[String]>([])
        var location: String { inner.location }

        func read<T: Sendable>(_ body: @Sendable (any StoreReader) async throws -> T) async throws -> T {
            calls.withLock { $0.append("read") }
            return try await inner.read(body)
        }
        func write<T: Sendable>(_ body: @Sendable (any StoreWriter) async throws -> T) async throws -> T {
            calls.withLock { $0.append("write") }
            return try await inner.write(body)
        }
        func runChecks(_ batch: CheckBatch) async throws -> [CheckResult] {
            calls.withLock { $0.append("runChecks") }
            return try await inner.runChecks(batch)
        }
        func runCheck(_ request: CheckRequest, clock: SessionClock) async throws -> CheckResult {
            calls.withLock { $0.append("runCheck") }
            return try await inner.runCheck(request, clock: clock)
        }
    }

    /// A ``CheckSnapshot`` that counts what deciding asks of it.
    struct CountingState: CheckState {
        var inner: CheckSnapshot
        var count = 0
        func catalog() -> Catalog { inner.catalog() }
        func latestInstant() -> Instant? { inner.latestInstant() }
        func apiKeysEnabled() -> Bool { inner.apiKeysEnabled() }
        func key(digest: SecretDigest) -> APIKey? { inner.key(digest: digest) }
        func user(named name: String) -> User? { inner.user(named: name) }
        func resource(_ kind: ResourceKind, id: String) -> Resource? { inner.resource(kind, id: id) }
        func rateWindow(_ bucket: RateBucket) -> RateWindow? { inner.rateWindow(bucket) }
        mutating func update(_ key: APIKey) {
            count += 1
            inner.update(key)
        }
        mutating func setRateWindow(_ window: RateWindow, for bucket: RateBucket) {
            count += 1
            inner.setRateWindow(window, for: bucket)
        }
        mutating func append(_ entry: AuditEntry) {
            count += 1
            inner.append(entry)
        }
        mutating func recordLatestInstant(_ instant: Instant) {
            count += 1
            inner.recordLatestInstant(instant)
        }
    }

    @Test func aCheckIsOneStoreCallAndABatchIsOneToo() async throws {
        let store = CountingStore()
        let service = TestWorld(store: store, random: SystemRandomSource()).service
        let secret = try await service.createKey(name: "ci", expires: .never, grants: ["DocumentReadonly"], actor: "me").secret
        _ = try await service.addResource(.document, id: "d1", owner: "me", actor: "me")
        store.calls.withLock { $0.removeAll() }

        #expect(try await service.check(secret: secret, method: "GET", path: "/documents/d1").allowed)
        #expect(store.calls.withLock { $0 } == ["runCheck"])

        store.calls.withLock { $0.removeAll() }
        let batch = Array(repeating: CheckRequest(secret: secret, method: "GET", path: "/documents/d1"), count: 64)
        #expect(try await service.checks(batch).count == 64)
        #expect(store.calls.withLock { $0 } == ["runChecks"])
    }

    @Test func deciding64ChecksWritesAtMostFourThingsPerCheck() throws {
        let key = APIKey(
            id: KeyID("key_a1"), owner: "me", name: "ci", expiration: .never,
            grants: try Catalog.lucid.grantSet(["DocumentReadonly"]),
            digest: SecretDigest(hashing: "a secret"),
            createdAt: Instant(parsing: "2026-01-01")!)
        var snapshot = CheckSnapshot(catalog: .lucid, latestInstant: nil, apiKeysEnabled: true)
        snapshot.add(key)
        snapshot.add(Resource(kind: .document, id: "d1", owner: "me"))
        var state = CountingState(inner: snapshot)
        let clock = SessionClock(frozenAt: Instant(parsing: "2026-01-01")!)
        for _ in 0..<64 {
            _ = CheckBatch.decide("GET", "/documents/d1", mode: .user, digest: key.digest, clock: clock, in: &state)
        }
        // Per check: its audit entry, lastUsedAt and the rate window; the latest instant once.
        #expect(state.count <= 64 * 3 + 1)
        #expect(state.inner.effects.auditEntries.count == 64)
        #expect(state.inner.effects.usedKeys.count == 1)
        #expect(state.inner.effects.rateWindows.count == 1)
    }
}
