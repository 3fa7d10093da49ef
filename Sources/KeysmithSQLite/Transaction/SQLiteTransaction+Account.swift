import GRDB
import KeysmithCore
import KeysmithStore

/// The account's API-key switch (one row of `account`) and the rate-limit counters
/// (`rate_windows`, one row per bucket), schema version 4.
extension SQLiteTransaction {
    func apiKeysEnabled() throws -> Bool {
        guard let row = try Row.fetchOne(statement("SELECT id, api_keys_enabled FROM account WHERE id = 1")) else {
            throw StoreError.damaged(store: store, detail: "the account table has lost its row (the API-key switch)")
        }
        return try stored(row, "account").bool(1, "api_keys_enabled")
    }

    func setAPIKeysEnabled(_ enabled: Bool) throws {
        try statement("UPDATE account SET api_keys_enabled = ? WHERE id = 1").execute(arguments: [enabled])
        if db.changesCount == 0 {
            throw StoreError.damaged(store: store, detail: "the account table has lost its row (the API-key switch)")
        }
    }

    func rateWindow(_ bucket: RateBucket) throws -> RateWindow? {
        try Row.fetchOne(
            statement("SELECT bucket, window_start, count FROM rate_windows WHERE bucket = ?"),
            arguments: [bucket.id]
        ).map { try rateWindow($0).window }
    }

    /// A `rate_windows` row selected as `bucket, window_start, count`.
    func rateWindow(_ row: Row) throws -> (bucket: String, window: RateWindow) {
        let stored = StoredRow(row, table: "rate_windows", store: store) { row in
            "the row for bucket \(StoredRow.describe(row[0]))"
        }
        return (
            try stored.text(0, "bucket"),
            RateWindow(
                start: try stored.instant(1, "window_start"),
                count: Int(try stored.integer(2, "count", in: 1...Int64(RateLimit.largestCount))))
        )
    }

    func setRateWindow(_ window: RateWindow, for bucket: RateBucket) throws {
        try statement(
            """
            INSERT INTO rate_windows (bucket, window_start, count) VALUES (?, ?, ?)
            ON CONFLICT (bucket) DO UPDATE SET window_start = excluded.window_start, count = excluded.count
            """
        ).execute(arguments: [bucket.id, window.start.secondsSinceEpoch, window.count])
    }
}
