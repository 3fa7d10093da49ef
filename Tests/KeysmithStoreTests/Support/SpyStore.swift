@testable import KeysmithCore
@testable import KeysmithStore
import Synchronization

/// A ``MemoryStore`` that counts digest lookups, to prove which checks never reach the store.
final class SpyStore: KeyStore {
    let inner = MemoryStore()
    let digestLookups = Mutex(0)
    let transactions = Mutex(0)

    var location: String { inner.location }

    var lookupCount: Int { digestLookups.withLock { $0 } }

    func read<T: Sendable>(_ body: @Sendable (any StoreReader) throws -> T) async throws -> T {
        transactions.withLock { $0 += 1 }
        return try await inner.read { tx in try body(SpyReader(tx, spy: self)) }
    }

    func write<T: Sendable>(_ body: @Sendable (any StoreWriter) throws -> T) async throws -> T {
        transactions.withLock { $0 += 1 }
        return try await inner.write { tx in try body(SpyWriter(tx, spy: self)) }
    }
}

/// Forwards every read to `reads`, counting digest lookups: shared by the spy's reader and writer.
protocol SpyReading: StoreReader {
    var reads: any StoreReader { get }
    var spy: SpyStore { get }
}

extension SpyReading {
    func catalog() throws -> Catalog { try reads.catalog() }
    func user(named name: String) throws -> User? { try reads.user(named: name) }
    func users() throws -> [User] { try reads.users() }
    func resource(_ kind: ResourceKind, id: String) throws -> Resource? { try reads.resource(kind, id: id) }
    func resources() throws -> [Resource] { try reads.resources() }
    func key(id: KeyID) throws -> APIKey? { try reads.key(id: id) }
    func key(digest: SecretDigest) throws -> APIKey? {
        spy.digestLookups.withLock { $0 += 1 }
        return try reads.key(digest: digest)
    }
    func keys(ownedBy owner: String) throws -> [APIKey] { try reads.keys(ownedBy: owner) }
    func auditLog(limit: Int?) throws -> [AuditEntry] { try reads.auditLog(limit: limit) }
    func latestInstant() throws -> Instant? { try reads.latestInstant() }
    func apiKeysEnabled() throws -> Bool { try reads.apiKeysEnabled() }
    func rateWindow(_ bucket: RateBucket) throws -> RateWindow? { try reads.rateWindow(bucket) }
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

    func insert(_ user: User) throws { try tx.insert(user) }
    func insert(_ resource: Resource) throws { try tx.insert(resource) }
    func setShare(_ kind: ResourceKind, id: String, user: String, role: ShareRole) throws {
        try tx.setShare(kind, id: id, user: user, role: role)
    }
    func insert(_ key: APIKey) throws { try tx.insert(key) }
    func update(_ key: APIKey) throws { try tx.update(key) }
    func insertCustomEndpoint(_ endpoint: Endpoint) throws { try tx.insertCustomEndpoint(endpoint) }
    func append(_ entry: AuditEntry) throws { try tx.append(entry) }
    func recordLatestInstant(_ instant: Instant) throws { try tx.recordLatestInstant(instant) }
    func setAPIKeysEnabled(_ enabled: Bool) throws { try tx.setAPIKeysEnabled(enabled) }
    func setRateWindow(_ window: RateWindow, for bucket: RateBucket) throws { try tx.setRateWindow(window, for: bucket) }
    func setRateLimit(_ limit: RateLimit?, on endpoint: Endpoint) throws { try tx.setRateLimit(limit, on: endpoint) }
}
