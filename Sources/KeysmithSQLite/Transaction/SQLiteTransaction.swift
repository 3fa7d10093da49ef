import GRDB
import KeysmithCore
import KeysmithStore

/// One access to a ``SQLiteStore``'s connection inside an open transaction: the store
/// protocol's reads and writes as SQL. Lives only inside a GRDB access closure (a
/// ``SQLiteOpenTransaction`` makes one per method call); statements are prepared once per
/// connection and reused (`cachedStatement`), since a bulk script runs the same few thousands
/// of times. Every value read is decoded with a check (``StoredRow``): a damaged file gives
/// a damaged store error (``StoreError/Code-swift.struct/damaged``), never a trap.
struct SQLiteTransaction {
    let db: Database
    /// The store file, named in errors.
    let store: String
    let cache: CatalogCache
    /// What the open transaction keeps between accesses.
    private let open: OpenState

    /// What an open transaction keeps between its accesses to the connection.
    final class OpenState {
        /// The catalog as this transaction sees it: read once (a transaction sees one state of
        /// the store), and replaced when it adds an endpoint or sets a limit (not shared with
        /// other transactions until committed).
        var ownCatalog: Catalog?
    }

    init(_ db: Database, store: String, cache: CatalogCache, open: OpenState) {
        self.db = db
        self.store = store
        self.cache = cache
        self.open = open
    }

    /// `row` of `table` (column 0 its integer primary key), to decode with a check.
    func stored(_ row: Row, _ table: String) -> StoredRow {
        StoredRow(row, table: table, store: store)
    }

    // MARK: Catalog

    func catalog() throws -> Catalog {
        if let ownCatalog = open.ownCatalog { return ownCatalog }
        let version = try catalogVersion()
        if let cached = cache.catalog(for: version) {
            open.ownCatalog = cached
            return cached
        }
        var catalog = cache.base
        let rows = try Row.fetchAll(
            statement(
                """
                SELECT position, method, path, accepts_api_keys, grants, access FROM custom_endpoints ORDER BY position
                """))
        for row in rows {
            let row = stored(row, "custom_endpoints")
            let endpoint = try StoredEndpoint.endpoint(from: row)
            do {
                // A stored custom endpoint the default catalog has since come to hold gives way to it.
                _ = try catalog.restore(endpoint)
            } catch {
                throw row.damage("the endpoint \(endpoint.signature) does not fit the catalog: \(error)")
            }
        }
        try applyRateLimits(to: &catalog)
        cache.remember(catalog, version: version)
        open.ownCatalog = catalog
        return catalog
    }

    private func catalogVersion() throws -> CatalogCache.Version {
        let row = try Row.fetchOne(
            statement(
                """
                SELECT (SELECT count(*) FROM custom_endpoints), (SELECT coalesce(max(change), 0) FROM rate_limits)
                """))
        return CatalogCache.Version(
            customEndpoints: (row?[0] as Int64?).map(Int.init) ?? 0,
            lastLimitChange: row?[1] ?? 0)
    }

    func insertCustomEndpoint(_ endpoint: Endpoint) throws {
        var catalog = try catalog()
        try catalog.add(endpoint)
        try statement(
            """
            INSERT INTO custom_endpoints (method, path, accepts_api_keys, grants, access) VALUES (?, ?, ?, ?, ?)
            """
        ).execute(arguments: [
            endpoint.method, endpoint.path.description, endpoint.acceptsAPIKeys,
            GrantNames.join(endpoint.grantNames), StoredEndpoint.accessText(endpoint.access),
        ])
        open.ownCatalog = catalog
    }

    func replaceCustomEndpoints(with endpoints: [Endpoint]) throws {
        let lastChange = try Int64.fetchOne(statement("SELECT coalesce(max(change), 0) FROM rate_limits")) ?? 0
        for endpoint in try catalog().customEndpoints {
            try statement("DELETE FROM rate_limits WHERE method = ? AND version = ? AND path = ?").execute(arguments: [
                endpoint.method, endpoint.version, endpoint.path.description,
            ])
        }
        try statement("DELETE FROM custom_endpoints").execute()
        var catalog = cache.base
        try applyRateLimits(to: &catalog)
        open.ownCatalog = catalog
        for endpoint in endpoints {
            try insertCustomEndpoint(endpoint)
            if let limit = endpoint.rateLimit { try setRateLimit(limit, on: endpoint) }
        }
        // A change numbered above every one before, so no state after the replacement shares a
        // cached catalog's version (CatalogCache): the limit an endpoint already has.
        guard let marker = try ReplacementMarker.endpoint(in: self.catalog()) else { throw ReplacementMarker.emptyCatalog }
        try statement(
            """
            INSERT OR REPLACE INTO rate_limits (change, method, version, path, count, period, scope) VALUES (?, ?, ?, ?, ?, ?, ?)
            """
        ).execute(arguments: [
            lastChange + 1 + Int64(endpoints.count), marker.method, marker.version, marker.path.description,
            marker.rateLimit?.count, marker.rateLimit?.period.seconds, marker.rateLimit?.scope.rawValue,
        ])
    }

    /// Keeps a catalog this transaction changed to itself until it commits.
    func replaceOwnCatalog(_ catalog: Catalog) { open.ownCatalog = catalog }

    // MARK: Users

    func user(named name: String) throws -> User? {
        try Row.fetchOne(statement("SELECT id, name, role FROM users WHERE name = ?"), arguments: [name]).map(user)
    }

    func users() throws -> [User] {
        try Row.fetchAll(statement("SELECT id, name, role FROM users ORDER BY id")).map(user)
    }

    func insert(_ user: User) throws {
        try statement("INSERT INTO users (name, role) VALUES (?, ?)").execute(arguments: [user.name, user.role.rawValue])
    }

    func user(_ row: Row) throws -> User {
        let row = stored(row, "users")
        return User(
            name: try row.text(1, "name", length: StoredRow.userName, expected: StoredRow.userNameExpected),
            role: try row.choice(2, "role", as: User.Role.self))
    }

    // MARK: Documents and folders

    func resource(_ kind: ResourceKind, id: String) throws -> Resource? {
        guard
            let row = try Row.fetchOne(
                statement("SELECT id, kind, name, owner FROM resources WHERE kind = ? AND name = ?"),
                arguments: [kind.rawValue, id])
        else { return nil }
        let (rowID, resource) = try self.resource(row)
        var withShares = resource
        for share in try Row.fetchAll(
            statement("SELECT resource, user, role FROM shares WHERE resource = ?"),
            arguments: [rowID])
        {
            let (_, user, role) = try self.share(share)
            withShares.shares[user] = role
        }
        return withShares
    }

    func resources() throws -> [Resource] {
        var byRowID: [Int64: Resource] = [:]
        var order: [Int64] = []
        for row in try Row.fetchAll(statement("SELECT id, kind, name, owner FROM resources ORDER BY id")) {
            let (rowID, resource) = try self.resource(row)
            byRowID[rowID] = resource
            order.append(rowID)
        }
        for row in try Row.fetchAll(statement("SELECT resource, user, role FROM shares")) {
            let (rowID, user, role) = try share(row)
            byRowID[rowID]?.shares[user] = role
        }
        return order.compactMap { byRowID[$0] }
    }

    /// A `resources` row selected as `id, kind, name, owner`, without its shares.
    func resource(_ row: Row) throws -> (Int64, Resource) {
        let row = stored(row, "resources")
        return (
            try row.integer(0, "id"),
            Resource(
                kind: try row.choice(1, "kind", as: ResourceKind.self),
                id: try row.text(2, "name", length: StoredRow.resourceID, expected: StoredRow.resourceIDExpected),
                owner: try row.text(3, "owner", length: StoredRow.userName, expected: StoredRow.userNameExpected))
        )
    }

    /// A `shares` row selected as `resource, user, role` (a table without row ids: messages
    /// name the row by its key).
    func share(_ row: Row) throws -> (Int64, String, ShareRole) {
        let row = StoredRow(row, table: "shares", store: store) { row in
            "the row for resource \(StoredRow.describe(row[0])) and user \(StoredRow.describe(row[1]))"
        }
        return (
            try row.integer(0, "resource"),
            try row.text(1, "user", length: StoredRow.userName, expected: StoredRow.userNameExpected),
            try row.choice(2, "role", as: ShareRole.self)
        )
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
        try statement(
            """
            INSERT INTO shares (resource, user, role) SELECT id, ?, ? FROM resources WHERE kind = ? AND name = ?
            ON CONFLICT (resource, user) DO UPDATE SET role = excluded.role
            """
        ).execute(arguments: [user, role.rawValue, kind.rawValue, id])
    }

    // MARK: Audit

    func auditLog(limit: Int?) throws -> [AuditEntry] {
        let columns = "sequence, time, actor, action, key_id, outcome, detail"
        let rows: [Row]
        if let limit {
            rows = try Row.fetchAll(
                statement(
                    """
                    SELECT * FROM (SELECT \(columns) FROM audit_log ORDER BY sequence DESC LIMIT ?) ORDER BY sequence
                    """), arguments: [max(0, limit)])
        } else {
            rows = try Row.fetchAll(statement("SELECT \(columns) FROM audit_log ORDER BY sequence"))
        }
        return try rows.map(auditEntry)
    }

    /// An `audit_log` row selected as `sequence, time, actor, action, key_id, outcome, detail`.
    func auditEntry(_ row: Row) throws -> AuditEntry {
        let row = stored(row, "audit_log")
        let action = try row.choice(3, "action", as: AuditAction.self)
        return AuditEntry(
            sequence: Int(try row.integer(0, "sequence", in: 1...Int64.max)),
            time: try row.instant(1, "time"),
            actor: try row.text(2, "actor", length: StoredRow.userName, expected: StoredRow.userNameExpected),
            action: action,
            keyID: try row.optionalKeyID(4, "key_id"),
            outcome: try row.value(5, "outcome", expected: "ok, allow or deny:REASON") { raw in
                (raw as? String).flatMap(AuditOutcome.init)
            },
            detail: AuditDetail(stored: try row.text(6, "detail"), action: action))
    }

    func append(_ entry: AuditEntry) throws {
        try statement(
            """
            INSERT INTO audit_log (time, actor, action, key_id, outcome, detail) VALUES (?, ?, ?, ?, ?, ?)
            """
        ).execute(arguments: [
            entry.time.secondsSinceEpoch, entry.actor, entry.action.rawValue, entry.keyID?.rawValue,
            entry.outcome.description, entry.detail.description,
        ])
    }

    // MARK: Statements

    /// A prepared statement, compiled once per connection.
    func statement(_ sql: String) throws -> Statement {
        try db.cachedStatement(sql: sql)
    }
}
