import GRDB
import KeysmithCore
import KeysmithStore

/// One transaction over a ``SQLiteStore``'s connection: the store protocol's reads and writes
/// as SQL. Lives only inside a GRDB access closure; statements are prepared once per
/// connection and reused (`cachedStatement`), since a bulk script runs the same few thousands
/// of times.
final class SQLiteTransaction: StoreWriter {
    let db: Database
    private let cache: CatalogCache
    /// The catalog after this transaction added custom endpoints (not shared until committed).
    private var ownCatalog: Catalog?

    init(_ db: Database, cache: CatalogCache) {
        self.db = db
        self.cache = cache
    }

    // MARK: Catalog

    func catalog() throws -> Catalog {
        if let ownCatalog { return ownCatalog }
        let count = try Int.fetchOne(statement("SELECT count(*) FROM custom_endpoints")) ?? 0
        if let cached = cache.catalog(forCustomCount: count) { return cached }
        var catalog = Catalog.lucid
        let rows = try Row.fetchAll(statement("""
            SELECT method, path, accepts_api_keys, grants, access FROM custom_endpoints ORDER BY position
            """))
        for row in rows {
            let endpoint = try StoredEndpoint.endpoint(method: row[0], path: row[1], acceptsAPIKeys: row[2],
                                                       grants: row[3], access: row[4])
            do {
                try catalog.add(endpoint)
            } catch {
                throw StoreError.failure("the stored endpoint \(endpoint.signature) no longer fits the catalog: \(error)")
            }
        }
        cache.remember(catalog, customCount: count)
        return catalog
    }

    func insertCustomEndpoint(_ endpoint: Endpoint) throws {
        var catalog = try catalog()
        try catalog.add(endpoint)
        try statement("""
            INSERT INTO custom_endpoints (method, path, accepts_api_keys, grants, access) VALUES (?, ?, ?, ?, ?)
            """).execute(arguments: [endpoint.method, endpoint.path.description, endpoint.acceptsAPIKeys,
                                     GrantNames.join(endpoint.grantNames), StoredEndpoint.accessText(endpoint.access)])
        ownCatalog = catalog
    }

    // MARK: Users

    func user(named name: String) throws -> User? {
        try Row.fetchOne(statement("SELECT name, role FROM users WHERE name = ?"), arguments: [name]).map(Self.user)
    }

    func users() throws -> [User] {
        try Row.fetchAll(statement("SELECT name, role FROM users ORDER BY id")).map(Self.user)
    }

    func insert(_ user: User) throws {
        try statement("INSERT INTO users (name, role) VALUES (?, ?)").execute(arguments: [user.name, user.role.rawValue])
    }

    private static func user(_ row: Row) -> User {
        User(name: row[0], role: User.Role(rawValue: row[1]) ?? .member)
    }

    // MARK: Documents and folders

    func resource(_ kind: ResourceKind, id: String) throws -> Resource? {
        guard let row = try Row.fetchOne(statement("SELECT id, owner FROM resources WHERE kind = ? AND name = ?"),
                                         arguments: [kind.rawValue, id]) else { return nil }
        var resource = Resource(kind: kind, id: id, owner: row[1])
        let shares = try Row.fetchAll(statement("SELECT user, role FROM shares WHERE resource = ?"), arguments: [row[0] as Int64])
        for share in shares { resource.shares[share[0]] = ShareRole(rawValue: share[1]) ?? .view }
        return resource
    }

    func resources() throws -> [Resource] {
        var byRowID: [Int64: Resource] = [:]
        var order: [Int64] = []
        for row in try Row.fetchAll(statement("SELECT id, kind, name, owner FROM resources ORDER BY id")) {
            let rowID: Int64 = row[0]
            byRowID[rowID] = Resource(kind: ResourceKind(rawValue: row[1]) ?? .document, id: row[2], owner: row[3])
            order.append(rowID)
        }
        for share in try Row.fetchAll(statement("SELECT resource, user, role FROM shares")) {
            byRowID[share[0] as Int64]?.shares[share[1]] = ShareRole(rawValue: share[2]) ?? .view
        }
        return order.compactMap { byRowID[$0] }
    }

    func insert(_ resource: Resource) throws {
        try statement("INSERT INTO resources (kind, name, owner) VALUES (?, ?, ?)")
            .execute(arguments: [resource.kind.rawValue, resource.id, resource.owner])
        let rowID = db.lastInsertedRowID
        for (user, role) in resource.shares.sorted(by: { $0.key < $1.key }) {
            try statement("INSERT INTO shares (resource, user, role) VALUES (?, ?, ?)")
                .execute(arguments: [rowID, user, role.rawValue])
        }
    }

    func setShare(_ kind: ResourceKind, id: String, user: String, role: ShareRole) throws {
        // No such resource: nothing to share, as in the memory store.
        try statement("""
            INSERT INTO shares (resource, user, role) SELECT id, ?, ? FROM resources WHERE kind = ? AND name = ?
            ON CONFLICT (resource, user) DO UPDATE SET role = excluded.role
            """).execute(arguments: [user, role.rawValue, kind.rawValue, id])
    }

    // MARK: Audit

    func auditLog(limit: Int?) throws -> [AuditEntry] {
        let columns = "sequence, time, actor, action, key_id, outcome, detail"
        let rows: [Row]
        if let limit {
            rows = try Row.fetchAll(statement("""
                SELECT * FROM (SELECT \(columns) FROM audit_log ORDER BY sequence DESC LIMIT ?) ORDER BY sequence
                """), arguments: [max(0, limit)])
        } else {
            rows = try Row.fetchAll(statement("SELECT \(columns) FROM audit_log ORDER BY sequence"))
        }
        return rows.map { row in
            AuditEntry(sequence: row[0], time: Instant(secondsSinceEpoch: row[1]), actor: row[2], action: row[3],
                       keyID: (row[4] as String?).map(KeyID.init), outcome: row[5], detail: row[6])
        }
    }

    func append(_ entry: AuditEntry) throws {
        try statement("""
            INSERT INTO audit_log (time, actor, action, key_id, outcome, detail) VALUES (?, ?, ?, ?, ?, ?)
            """).execute(arguments: [entry.time.secondsSinceEpoch, entry.actor, entry.action, entry.keyID?.rawValue,
                                     entry.outcome, entry.detail])
    }

    // MARK: Statements

    /// A prepared statement, compiled once per connection.
    func statement(_ sql: String) throws -> Statement {
        try db.cachedStatement(sql: sql)
    }
}
