import KeysmithCore
import KeysmithStore
import PostgresNIO

/// The account's API-key switch (the one row of `account`), the rate-limit counters
/// (`rate_windows`, a row per bucket) and the rate limits set on endpoints (`rate_limits`, a
/// row per endpoint, the latest setting; a NULL `count` removes the limit the API states).
extension PostgresTransaction {
    func apiKeysEnabled() async throws -> Bool {
        guard let row = try await rows("SELECT api_keys_enabled FROM account WHERE id = 1").first else {
            throw StoreError.damaged(store: store, detail: "the account table has lost its row (the API-key switch)")
        }
        return try row.decode(Bool.self)
    }

    func setAPIKeysEnabled(_ enabled: Bool) async throws {
        let updated = try await rows("UPDATE account SET api_keys_enabled = \(enabled) WHERE id = 1 RETURNING id")
        if updated.isEmpty {
            throw StoreError.damaged(store: store, detail: "the account table has lost its row (the API-key switch)")
        }
    }

    func rateWindow(_ bucket: RateBucket) async throws -> RateWindow? {
        if Self.holdsNUL(bucket.id) { return nil }
        guard let row = try await rows("SELECT window_start, count FROM rate_windows WHERE bucket = \(bucket.id)").first
        else { return nil }
        let (start, count) = try row.decode((Int64, Int).self)
        guard (1...RateLimit.largestCount).contains(count) else {
            throw damage("rate_windows", "count", "\(count)", expected: "a count from 1 to \(RateLimit.largestCount)")
        }
        return RateWindow(start: try instant(start, "rate_windows", "window_start"), count: count)
    }

    func setRateWindow(_ window: RateWindow, for bucket: RateBucket) async throws {
        try await run(
            """
            INSERT INTO rate_windows (bucket, window_start, count) VALUES (\(bucket.id), \(window.start.secondsSinceEpoch), \(window.count))
            ON CONFLICT (bucket) DO UPDATE SET window_start = excluded.window_start, count = excluded.count
            """)
    }

    func setRateLimit(_ limit: RateLimit?, on endpoint: Endpoint) async throws {
        var catalog = try await catalog()
        try catalog.setRateLimit(limit, method: endpoint.method, path: endpoint.path, version: endpoint.version)
        // A new, larger `change` tells a cached catalog it is stale (writers hold the clock row,
        // so the number cannot collide).
        try await run(
            """
            INSERT INTO rate_limits (change, method, version, path, count, period, scope)
            VALUES ((SELECT coalesce(max(change), 0) + 1 FROM rate_limits), \(endpoint.method), \(endpoint.version),
                    \(endpoint.path.description), \(limit?.count), \(limit?.period.seconds), \(limit?.scope.rawValue))
            ON CONFLICT (method, version, path) DO UPDATE
            SET change = excluded.change, count = excluded.count, period = excluded.period, scope = excluded.scope
            """)
        replaceOwnCatalog(catalog)
    }

    /// Applies the stored settings, oldest first, to a catalog being built.
    func applyRateLimits(to catalog: inout Catalog) async throws {
        for row in try await rows("SELECT change, method, version, path, count, period, scope FROM rate_limits ORDER BY change") {
            let (change, method, version, pathText, count, period, scope) = try row.decode(
                (Int64, String, Int, String, Int?, Int64?, String?).self)
            let place = "rate_limits row \(change)"
            guard let path = try? PathTemplate(parsing: pathText) else {
                throw StoreError.damaged(
                    store: store, detail: "\(place): path holds '\(PrintableText.shown(pathText))', expected a path template")
            }
            var limit: RateLimit?
            if let count {
                guard (1...RateLimit.largestCount).contains(count), let period, (1...KeyDuration.longest.seconds).contains(period),
                    let scope
                else {
                    throw StoreError.damaged(
                        store: store, detail: "\(place): the limit \(count) per \(period.map(String.init) ?? "NULL") s is out of range")
                }
                limit = RateLimit(
                    count: count, period: KeyDuration(seconds: period),
                    scope: try choice(scope, "rate_limits", "scope"))
            }
            do {
                try catalog.setRateLimit(limit, method: method, path: path, version: version)
            } catch {
                throw StoreError.damaged(store: store, detail: "\(place): it limits \(method) \(path), which is not in the catalog")
            }
        }
    }
}
