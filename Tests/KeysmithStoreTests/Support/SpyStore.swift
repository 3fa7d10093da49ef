import Synchronization

@testable import KeysmithCore
@testable import KeysmithStore

/// A ``MemoryStore`` that counts digest lookups, to prove which checks never reach the store.
final class SpyStore: KeyStore {
    let inner = MemoryStore()
    let digestLookups = Mutex(0)
    let transactions = Mutex(0)

    var location: String { inner.location }

    var lookupCount: Int { digestLookups.withLock { $0 } }

    func read<T: Sendable>(_ body: @Sendable (any StoreReader) async throws -> T) async throws -> T {
        transactions.withLock { $0 += 1 }
        return try await inner.read { tx in try await body(SpyReader(tx, spy: self)) }
    }

    func write<T: Sendable>(_ body: @Sendable (any StoreWriter) async throws -> T) async throws -> T {
        transactions.withLock { $0 += 1 }
        return try await inner.write { tx in try await body(SpyWriter(tx, spy: self)) }
    }
}

/// Forwards every read to `reads`, counting digest lookups: shared by the spy's reader and writer.
protocol SpyReading: StoreReader {
    var reads: any StoreReader { get }
    var spy: SpyStore { get }
}

extension SpyReading {
    func catalog() async throws -> Catalog { try await reads.catalog() }
    func user(named name: String) async throws -> User? { try await reads.user(named: name) }
    func users() async throws -> [User] { try await reads.users() }
    func resource(_ kind: ResourceKind, id: String) async throws -> Resource? { try await reads.resource(kind, id: id) }
    func resources() async throws -> [Resource] { try await reads.resources() }
    func key(id: KeyID) async throws -> APIKey? { try await reads.key(id: id) }
    func key(digest: SecretDigest) async throws -> APIKey? {
        spy.digestLookups.withLock { $0 += 1 }
        return try await reads.key(digest: digest)
    }
    func keys(ownedBy owner: String) async throws -> [APIKey] { try await reads.keys(ownedBy: owner) }
    func auditLog(limit: Int?) async throws -> [AuditEntry] { try await reads.auditLog(limit: limit) }
    func latestInstant() async throws -> Instant? { try await reads.latestInstant() }
    func apiKeysEnabled() async throws -> Bool { try await reads.apiKeysEnabled() }
    func rateWindow(_ bucket: RateBucket) async throws -> RateWindow? { try await reads.rateWindow(bucket) }
}

struct SpyReader: SpyReading {
    let reads: any StoreReader
    let spy: SpyStore
    init(_ tx: any StoreReader, spy: SpyStore) { (self.reads, self.spy) = (tx, spy) }
}

struct SpyWriter: SpyReading, StoreWriter {
    let tx: any StoreWriter
    let spy: SpyStore
    var reads: any StoreReader { tx }
    init(_ tx: any StoreWriter, spy: SpyStore) { (self.tx, self.spy) = (tx, spy) }

    func insert(_ user: User) async throws { try await tx.insert(user) }
    func insert(_ resource: Resource) async throws { try await tx.insert(resource) }
    func setShare(_ kind: ResourceKind, id: String, user: String, role: ShareRole) async throws {
        try await tx.setShare(kind, id: id, user: user, role: role)
    }
    func insert(_ key: APIKey) async throws { try await tx.insert(key) }
    func update(_ key: APIKey) async throws { try await tx.update(key) }
    func insertCustomEndpoint(_ endpoint: Endpoint) async throws { try await tx.insertCustomEndpoint(endpoint) }
    func append(_ entry: AuditEntry) async throws { try await tx.append(entry) }
    func recordLatestInstant(_ instant: Instant) async throws { try await tx.recordLatestInstant(instant) }
    func setAPIKeysEnabled(_ enabled: Bool) async throws { try await tx.setAPIKeysEnabled(enabled) }
    func setRateWindow(_ window: RateWindow, for bucket: RateBucket) async throws { try await tx.setRateWindow(window, for: bucket) }
    func setRateLimit(_ limit: RateLimit?, on endpoint: Endpoint) async throws { try await tx.setRateLimit(limit, on: endpoint) }
}
