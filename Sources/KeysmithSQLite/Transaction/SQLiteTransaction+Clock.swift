import GRDB
import KeysmithCore
import KeysmithStore

/// The store's latest instant, in the one-row `store_clock` table (schema version 3).
extension SQLiteTransaction {
    /// The later of the kept instant and the newest audit entry's time: every change and check
    /// is audited, so a clock row deleted or set back by hand cannot take the store back in
    /// time (and revive an expired key). Both are one indexed row.
    func latestInstant() throws -> Instant? {
        let kept = try Row.fetchOne(statement("SELECT id, latest FROM store_clock WHERE id = 1"))
            .map { try stored($0, "store_clock").instant(1, "latest") }
        let audited = try Row.fetchOne(statement("SELECT sequence, time FROM audit_log ORDER BY sequence DESC LIMIT 1"))
            .map { try stored($0, "audit_log").instant(1, "time") }
        switch (kept, audited) {
        case let (kept?, audited?): return max(kept, audited)
        case let (kept, audited): return kept ?? audited
        }
    }

    func recordLatestInstant(_ instant: Instant) throws {
        try statement(
            """
            INSERT INTO store_clock (id, latest) VALUES (1, ?)
            ON CONFLICT (id) DO UPDATE SET latest = max(latest, excluded.latest)
            """
        ).execute(arguments: [instant.secondsSinceEpoch])
    }
}
