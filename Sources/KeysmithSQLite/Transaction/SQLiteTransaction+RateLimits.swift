import GRDB
import KeysmithCore
import KeysmithStore

/// Rate limits set on catalog endpoints (`rate_limits`, schema version 4): one row per
/// endpoint, the latest setting; a NULL `count` removes the limit the API states.
extension SQLiteTransaction {
    func setRateLimit(_ limit: RateLimit?, on endpoint: Endpoint) throws {
        var catalog = try catalog()
        try catalog.setRateLimit(limit, method: endpoint.method, path: endpoint.path, version: endpoint.version)
        // REPLACE gives the row a new, larger `change`: the number that tells a cached catalog it is stale.
        try statement(
            """
            INSERT OR REPLACE INTO rate_limits (change, method, version, path, count, period, scope)
            VALUES ((SELECT coalesce(max(change), 0) + 1 FROM rate_limits), ?, ?, ?, ?, ?, ?)
            """
        ).execute(arguments: [
            endpoint.method, endpoint.version, endpoint.path.description, limit?.count,
            limit?.period.seconds, limit?.scope.rawValue,
        ])
        replaceOwnCatalog(catalog)
    }

    /// Applies the stored settings, oldest first, to a catalog being built.
    func applyRateLimits(to catalog: inout Catalog) throws {
        let rows = try Row.fetchAll(
            statement(
                """
                SELECT change, method, version, path, count, period, scope FROM rate_limits ORDER BY change
                """))
        for row in rows {
            let row = stored(row, "rate_limits")
            let method = try row.text(1, "method", length: 1...16, expected: "an HTTP method")
            let version = Int(try row.integer(2, "version", in: 1...9999))
            let path = try row.value(3, "path", expected: "a path template such as /documents/{id}") { raw in
                (raw as? String).flatMap { try? PathTemplate(parsing: $0) }
            }
            let limit: RateLimit?
            if row.row.hasNull(atIndex: 4) {
                limit = nil
            } else {
                let count = Int(try row.integer(4, "count", in: 1...Int64(RateLimit.largestCount)))
                let seconds = try row.integer(5, "period", in: 1...KeyDuration.longest.seconds)
                let scope = try row.choice(6, "scope", as: RateLimit.Scope.self)
                limit = RateLimit(count: count, period: KeyDuration(seconds: seconds), scope: scope)
            }
            do {
                try catalog.setRateLimit(limit, method: method, path: path, version: version)
            } catch {
                throw row.damage("it limits \(method) \(path), which is not in the catalog")
            }
        }
    }
}
