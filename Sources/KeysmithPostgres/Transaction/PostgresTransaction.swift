import KeysmithCore
import KeysmithStore
import Logging
import NIOCore
import PostgresNIO

/// One transaction of a ``PostgresStore`` on one leased connection: the store protocol's
/// reads and writes as SQL with bound parameters. Valid only inside the transaction body.
///
/// Values the database's types and checks cannot vouch for (a role's spelling, an instant's
/// range, a key id's form) are checked as they are read: a store edited by hand gives
/// a damaged store error (``StoreError/Code-swift.struct/damaged``), never a trap.
final class PostgresTransaction: StoreWriter {
    let connection: PostgresConnection
    /// The store's URL (password masked), named in errors.
    let store: String
    private let cache: CatalogCache
    /// The catalog after this transaction added custom endpoints (not shared until committed).
    private var ownCatalog: Catalog?
    /// For a write: the store's latest instant, read when the clock row was locked and kept
    /// up to date since (nothing else can change it while the lock is held).
    var lockedLatest: Instant??

    /// Counts the queries sent (for the cost-guard tests).
    private let queries: QueryCount

    init(_ connection: PostgresConnection, store: String, cache: CatalogCache, queries: QueryCount) {
        self.queries = queries
        self.connection = connection
        self.store = store
        self.cache = cache
    }

    // MARK: Running SQL

    /// Runs `query` and returns every row.
    func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        queries.increment()
        return try await connection.rows(query, logger: PostgresStore.logger)
    }

    /// Runs a statement that returns no rows.
    func run(_ query: PostgresQuery) async throws {
        _ = try await rows(query)
    }

    /// Whether `text` holds a NUL character, which PostgreSQL text never does: a lookup of
    /// such a name finds nothing (as in the other stores) without asking the server, which
    /// would refuse the parameter.
    static func holdsNUL(_ text: String) -> Bool { text.utf8.contains(0) }

    /// What a value found in `table`.`column` should have been.
    func damage(_ table: String, _ column: String, _ found: String, expected: String) -> StoreError {
        .damaged(store: store, detail: "\(table).\(column) holds \(found), expected \(expected)")
    }

    /// A text column restricted to a type's raw values.
    func choice<T: RawRepresentable & CaseIterable>(
        _ raw: String, _ table: String, _ column: String,
        as type: T.Type = T.self
    ) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: raw) else {
            throw damage(table, column, "'\(raw)'", expected: T.allCases.map { "'\($0.rawValue)'" }.joined(separator: " or "))
        }
        return value
    }

    /// An instant within the years keysmith can print and parse.
    func instant(_ seconds: Int64, _ table: String, _ column: String) throws -> Instant {
        guard (Instant.earliest.secondsSinceEpoch...Instant.latest.secondsSinceEpoch).contains(seconds) else {
            throw damage(table, column, "\(seconds)", expected: "an instant between \(Instant.earliest) and \(Instant.latest)")
        }
        return Instant(secondsSinceEpoch: seconds)
    }

    /// A key id as keysmith makes them.
    func keyID(_ text: String, _ table: String, _ column: String) throws -> KeyID {
        let bytes = text.utf8
        guard bytes.starts(with: "key_".utf8), bytes.count > 4, bytes.count <= 64 else {
            throw damage(table, column, "'\(PrintableText.shown(text))'", expected: "a key id such as key_0a1b2c3d")
        }
        return KeyID(text)
    }

    // MARK: Clock

    /// Locks the store's clock row for the rest of the transaction (every writer takes it
    /// first, so writers on every host take turns) and reads the latest instant. A clock row
    /// removed by hand is put back.
    func lockClock() async throws {
        for _ in 0..<2 {
            let found = try await rows(
                """
                SELECT latest, (SELECT time FROM audit_log ORDER BY sequence DESC LIMIT 1)
                FROM store_clock WHERE id = 1 FOR UPDATE
                """)
            if let row = found.first {
                let (kept, audited) = try row.decode((Int64?, Int64?).self)
                let instants = try [
                    kept.map { try instant($0, "store_clock", "latest") },
                    audited.map { try instant($0, "audit_log", "time") },
                ].compactMap { $0 }
                lockedLatest = .some(instants.max())
                return
            }
            try await run("INSERT INTO store_clock (id, latest) VALUES (1, NULL) ON CONFLICT (id) DO NOTHING")
        }
        throw StoreError.damaged(store: store, detail: "store_clock keeps no row")
    }

    /// The later of the kept instant and the newest audit entry's time (a clock row set back
    /// by hand cannot take the store back in time).
    func latestInstant() async throws -> Instant? {
        if let lockedLatest { return lockedLatest }
        let found = try await rows(
            """
            SELECT (SELECT latest FROM store_clock WHERE id = 1), (SELECT time FROM audit_log ORDER BY sequence DESC LIMIT 1)
            """)
        guard let row = found.first else { return nil }
        let (kept, audited) = try row.decode((Int64?, Int64?).self)
        return try [
            kept.map { try instant($0, "store_clock", "latest") },
            audited.map { try instant($0, "audit_log", "time") },
        ].compactMap { $0 }.max()
    }

    func recordLatestInstant(_ instant: Instant) async throws {
        if case .some(.some(let latest)) = lockedLatest, latest >= instant { return }
        let seconds = instant.secondsSinceEpoch
        try await run(
            """
            UPDATE store_clock SET latest = greatest(coalesce(latest, \(seconds)), \(seconds)) WHERE id = 1
            """)
        if lockedLatest != nil { lockedLatest = .some(instant) }
    }

    // MARK: Catalog

    func catalog() async throws -> Catalog {
        if let ownCatalog { return ownCatalog }
        return try await catalog(for: try await catalogVersion())
    }

    /// The committed catalog `version` names: the cached one, or built again (and cached).
    func catalog(for version: CatalogCache.Version) async throws -> Catalog {
        if let cached = cache.catalog(for: version) { return cached }
        var catalog = cache.base
        for row in try await rows(
            """
            SELECT position, method, path, accepts_api_keys, grants, access FROM custom_endpoints ORDER BY position
            """)
        {
            let (position, method, pathText, accepts, grants, accessText) = try row.decode(
                (Int64, String, String, Bool, String, String).self)
            let where_ = "custom_endpoints row \(position)"
            guard let template = try? PathTemplate(parsing: pathText) else {
                throw StoreError.damaged(
                    store: store, detail: "\(where_): path holds '\(PrintableText.shown(pathText))', expected a path template")
            }
            guard let rule = try? AccessRule.parse(accessText, template: template) else {
                throw StoreError.damaged(
                    store: store, detail: "\(where_): access holds '\(PrintableText.shown(accessText))', expected an access rule")
            }
            guard
                let endpoint = try? Endpoint(
                    method: method, path: template, acceptsAPIKeys: accepts,
                    grantNames: GrantNames.split(grants), access: rule, isCustom: true)
            else {
                throw StoreError.damaged(
                    store: store,
                    detail:
                        "\(where_): access holds '\(PrintableText.shown(accessText))', expected an access rule naming a parameter of the path"
                )
            }
            do {
                _ = try catalog.restore(endpoint)
            } catch {
                throw StoreError.damaged(
                    store: store, detail: "\(where_): the endpoint \(endpoint.signature) does not fit the catalog: \(error)")
            }
        }
        try await applyRateLimits(to: &catalog)
        cache.remember(catalog, version: version)
        return catalog
    }

    /// The committed state the catalog is built from (see ``CatalogCache``).
    private func catalogVersion() async throws -> CatalogCache.Version {
        let row = try await rows(
            """
            SELECT (SELECT count(*) FROM custom_endpoints), (SELECT coalesce(max(change), 0) FROM rate_limits)
            """
        ).first
        guard let row else { return CatalogCache.Version(customEndpoints: 0, lastLimitChange: 0) }
        let (count, change) = try row.decode((Int64, Int64).self)
        return CatalogCache.Version(customEndpoints: Int(count), lastLimitChange: change)
    }

    func replaceCustomEndpoints(with endpoints: [Endpoint]) async throws {
        let lastChange =
            try await rows("SELECT coalesce(max(change), 0)::bigint FROM rate_limits").first?.decode(Int64.self) ?? 0
        for endpoint in try await catalog().customEndpoints {
            try await run(
                """
                DELETE FROM rate_limits
                WHERE method = \(endpoint.method) AND version = \(endpoint.version) AND path = \(endpoint.path.description)
                """)
        }
        try await run("DELETE FROM custom_endpoints")
        var catalog = cache.base
        try await applyRateLimits(to: &catalog)
        ownCatalog = catalog
        for endpoint in endpoints {
            try await insertCustomEndpoint(endpoint)
            if let limit = endpoint.rateLimit { try await setRateLimit(limit, on: endpoint) }
        }
        // A change numbered above every one before, so no state after the replacement shares a
        // cached catalog's version (CatalogCache): the limit an endpoint already has.
        guard let marker = ReplacementMarker.endpoint(in: try await self.catalog()) else { throw ReplacementMarker.emptyCatalog }
        let change = lastChange + 1 + Int64(endpoints.count)
        let limit = marker.rateLimit
        try await run(
            """
            INSERT INTO rate_limits (change, method, version, path, count, period, scope)
            VALUES (\(change), \(marker.method), \(marker.version), \(marker.path.description),
                    \(limit?.count), \(limit?.period.seconds), \(limit?.scope.rawValue))
            ON CONFLICT (method, version, path) DO UPDATE
            SET change = excluded.change, count = excluded.count, period = excluded.period, scope = excluded.scope
            """)
    }

    /// Keeps a catalog this transaction changed to itself until it commits.
    func replaceOwnCatalog(_ catalog: Catalog) { ownCatalog = catalog }

    func insertCustomEndpoint(_ endpoint: Endpoint) async throws {
        var catalog = try await catalog()
        try catalog.add(endpoint)
        try await run(
            """
            INSERT INTO custom_endpoints (method, path, accepts_api_keys, grants, access)
            VALUES (\(endpoint.method), \(endpoint.path.description), \(endpoint.acceptsAPIKeys),
                    \(GrantNames.join(endpoint.grantNames)), \(endpoint.access.storedText))
            """)
        ownCatalog = catalog
    }

    // MARK: Users

    func user(named name: String) async throws -> User? {
        if Self.holdsNUL(name) { return nil }
        return try await rows("SELECT name, role FROM users WHERE name = \(name)").first.map(user)
    }

    func users() async throws -> [User] {
        try await rows("SELECT name, role FROM users ORDER BY id").map(user)
    }

    func insert(_ user: User) async throws {
        try await run("INSERT INTO users (name, role) VALUES (\(user.name), \(user.role.rawValue))")
    }

    private func user(_ row: PostgresRow) throws -> User {
        let (name, role) = try row.decode((String, String).self)
        return User(name: name, role: try choice(role, "users", "role"))
    }

    // MARK: Documents and folders

    func resource(_ kind: ResourceKind, id: String) async throws -> Resource? {
        if Self.holdsNUL(id) { return nil }
        guard
            let row = try await rows(
                """
                SELECT id, kind, name, owner FROM resources WHERE kind = \(kind.rawValue) AND name = \(id)
                """
            ).first
        else { return nil }
        let (rowID, found) = try self.resource(row)
        var resource = found
        for share in try await rows("SELECT resource, user_name, role FROM shares WHERE resource = \(rowID)") {
            let (_, user, role) = try self.share(share)
            resource.shares[user] = role
        }
        return resource
    }

    func resources() async throws -> [Resource] {
        var byRowID: [Int64: Resource] = [:]
        var order: [Int64] = []
        for row in try await rows("SELECT id, kind, name, owner FROM resources ORDER BY id") {
            let (rowID, resource) = try self.resource(row)
            byRowID[rowID] = resource
            order.append(rowID)
        }
        for row in try await rows("SELECT resource, user_name, role FROM shares") {
            let (rowID, user, role) = try share(row)
            byRowID[rowID]?.shares[user] = role
        }
        return order.compactMap { byRowID[$0] }
    }

    private func resource(_ row: PostgresRow) throws -> (Int64, Resource) {
        let (rowID, kind, name, owner) = try row.decode((Int64, String, String, String).self)
        return (rowID, Resource(kind: try choice(kind, "resources", "kind"), id: name, owner: owner))
    }

    private func share(_ row: PostgresRow) throws -> (Int64, String, ShareRole) {
        let (resource, user, role) = try row.decode((Int64, String, String).self)
        return (resource, user, try choice(role, "shares", "role"))
    }

    func insert(_ resource: Resource) async throws {
        let inserted = try await rows(
            """
            INSERT INTO resources (kind, name, owner) VALUES (\(resource.kind.rawValue), \(resource.id), \(resource.owner))
            RETURNING id
            """)
        guard let rowID = try inserted.first?.decode(Int64.self) else { return }
        for (user, role) in resource.shares.sorted(by: { $0.key < $1.key }) {
            try await run("INSERT INTO shares (resource, user_name, role) VALUES (\(rowID), \(user), \(role.rawValue))")
        }
    }

    func setShare(_ kind: ResourceKind, id: String, user: String, role: ShareRole) async throws {
        // No such resource: nothing to share, as in the memory store.
        try await run(
            """
            INSERT INTO shares (resource, user_name, role)
            SELECT id, \(user), \(role.rawValue) FROM resources WHERE kind = \(kind.rawValue) AND name = \(id)
            ON CONFLICT (resource, user_name) DO UPDATE SET role = excluded.role
            """)
    }

    // MARK: Audit

    func auditLog(limit: Int?) async throws -> [AuditEntry] {
        let found: [PostgresRow]
        if let limit {
            found = try await rows(
                """
                SELECT * FROM (SELECT sequence, time, actor, action, key_id, outcome, detail FROM audit_log
                               ORDER BY sequence DESC LIMIT \(max(0, limit))) AS newest ORDER BY sequence
                """)
        } else {
            found = try await rows("SELECT sequence, time, actor, action, key_id, outcome, detail FROM audit_log ORDER BY sequence")
        }
        return try found.map { row in
            let (sequence, time, actor, action, keyID, outcome, detail) = try row.decode(
                (Int64, Int64, String, String, String?, String, String).self)
            let kind: AuditAction = try choice(action, "audit_log", "action")
            guard let result = AuditOutcome(outcome) else {
                throw damage("audit_log", "outcome", "'\(PrintableText.shown(outcome))'", expected: "ok, allow or deny:REASON")
            }
            return AuditEntry(
                sequence: Int(sequence), time: try instant(time, "audit_log", "time"), actor: actor,
                action: kind, keyID: try keyID.map { try self.keyID($0, "audit_log", "key_id") },
                outcome: result, detail: AuditDetail(stored: detail, action: kind))
        }
    }

    /// Appends with the next sequence number: writers hold the clock row, so numbers never
    /// collide and a rolled-back write leaves no gap.
    func append(_ entry: AuditEntry) async throws {
        try await run(
            """
            INSERT INTO audit_log (sequence, time, actor, action, key_id, outcome, detail)
            SELECT coalesce(max(sequence), 0) + 1, \(entry.time.secondsSinceEpoch), \(entry.actor), \(entry.action.rawValue),
                   \(entry.keyID?.rawValue), \(entry.outcome.description), \(entry.detail.description)
            FROM audit_log
            """)
    }
}
