import GRDB
import KeysmithCore
import KeysmithStore

/// The store's latest instant, in the one-row `store_clock` table (schema version 3).
extension SQLiteTransaction {
    func latestInstant() throws -> Instant? {
        guard let row = try Row.fetchOne(statement("SELECT id, latest FROM store_clock WHERE id = 1")) else { return nil }
        return try stored(row, "store_clock").instant(1, "latest")
    }

    func recordLatestInstant(_ instant: Instant) throws {
        try statement("""
            INSERT INTO store_clock (id, latest) VALUES (1, ?)
            ON CONFLICT (id) DO UPDATE SET latest = max(latest, excluded.latest)
            """).execute(arguments: [instant.secondsSinceEpoch])
    }
}
