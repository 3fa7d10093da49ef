import GRDB
import KeysmithCore
import KeysmithStore

/// The store protocol's reader and writer over a transaction a ``SQLiteStore`` holds open on
/// its connection: each method is one synchronous access (run on the calling thread) doing
/// that method's SQL through a ``SQLiteTransaction``. Handed to a transaction body, valid
/// only until the body returns.
struct SQLiteOpenTransaction: StoreWriter {
    private let database: DatabaseQueue
    private let store: String
    private let cache: CatalogCache
    private let open = SQLiteTransaction.OpenState()

    init(_ database: DatabaseQueue, store: String, cache: CatalogCache) {
        self.database = database
        self.store = store
        self.cache = cache
    }

    /// Runs `body` in one access to the connection, inside the open transaction.
    private func access<T>(_ body: (SQLiteTransaction) throws -> T) throws -> T {
        let (store, cache, open) = (store, cache, open)
        return try database.inDatabase { db in try body(SQLiteTransaction(db, store: store, cache: cache, open: open)) }
    }

    func catalog() throws -> Catalog { try access { try $0.catalog() } }
    func user(named name: String) throws -> User? { try access { try $0.user(named: name) } }
    func users() throws -> [User] { try access { try $0.users() } }
    func resource(_ kind: ResourceKind, id: String) throws -> Resource? { try access { try $0.resource(kind, id: id) } }
    func resources() throws -> [Resource] { try access { try $0.resources() } }
    func key(id: KeyID) throws -> APIKey? { try access { try $0.key(id: id) } }
    func key(digest: SecretDigest) throws -> APIKey? { try access { try $0.key(digest: digest) } }
    func keys(ownedBy owner: String) throws -> [APIKey] { try access { try $0.keys(ownedBy: owner) } }
    func auditLog(limit: Int?) throws -> [AuditEntry] { try access { try $0.auditLog(limit: limit) } }
    func latestInstant() throws -> Instant? { try access { try $0.latestInstant() } }
    func apiKeysEnabled() throws -> Bool { try access { try $0.apiKeysEnabled() } }
    func rateWindow(_ bucket: RateBucket) throws -> RateWindow? { try access { try $0.rateWindow(bucket) } }

    func insert(_ user: User) throws { try access { try $0.insert(user) } }
    func insert(_ resource: Resource) throws { try access { try $0.insert(resource) } }
    func setShare(_ kind: ResourceKind, id: String, user: String, role: ShareRole) throws {
        try access { try $0.setShare(kind, id: id, user: user, role: role) }
    }
    func insert(_ key: APIKey) throws { try access { try $0.insert(key) } }
    func update(_ key: APIKey) throws { try access { try $0.update(key) } }
    func insertCustomEndpoint(_ endpoint: Endpoint) throws { try access { try $0.insertCustomEndpoint(endpoint) } }
    func append(_ entry: AuditEntry) throws { try access { try $0.append(entry) } }
    func recordLatestInstant(_ instant: Instant) throws { try access { try $0.recordLatestInstant(instant) } }
    func setAPIKeysEnabled(_ enabled: Bool) throws { try access { try $0.setAPIKeysEnabled(enabled) } }
    func setRateWindow(_ window: RateWindow, for bucket: RateBucket) throws {
        try access { try $0.setRateWindow(window, for: bucket) }
    }
    func setRateLimit(_ limit: RateLimit?, on endpoint: Endpoint) throws { try access { try $0.setRateLimit(limit, on: endpoint) } }
    func replaceCustomEndpoints(with endpoints: [Endpoint]) throws {
        try access { try $0.replaceCustomEndpoints(with: endpoints) }
    }
}
