import GRDB
import KeysmithCore
import KeysmithStore

/// The store's latest instant, in the one-row `store_clock` table (schema version 3).
extension SQLiteTransaction {
    func latestInstant() throws -> Instant? {
        guard let value = try DatabaseValue.fetchOne(statement("SELECT latest FROM store_clock WHERE id = 1")) else {
            return nil
        }
        guard case .int64(let seconds) = value.storage, Instant(secondsSinceEpoch: seconds).isInRange else {
            throw StoreError.failure("the store is damaged: store_clock.latest holds \(value), not an instant")
        }
        return Instant(secondsSinceEpoch: seconds)
    }

    func recordLatestInstant(_ instant: Instant) throws {
        try statement("""
            INSERT INTO store_clock (id, latest) VALUES (1, ?)
            ON CONFLICT (id) DO UPDATE SET latest = max(latest, excluded.latest)
            """).execute(arguments: [instant.secondsSinceEpoch])
    }
}
