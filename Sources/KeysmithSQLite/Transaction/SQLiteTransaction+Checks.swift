import Foundation
import GRDB
import KeysmithCore
import KeysmithStore

/// A batch of checks in one access to the connection (Docs: The check): one load of what the
/// batch needs and one write of what it changed, each a fixed set of cached statements whatever
/// the batch's size. Lists travel as one JSON text bound to one parameter (`json_each`), and
/// digests as one blob cut in 32-byte slices, so a statement's text never depends on the size.
extension SQLiteTransaction {
    /// How many statements ``checkSnapshot(for:)`` and ``write(_:)`` run at most together
    /// (the catalog's rebuild aside): the guard tests hold a batch to it.
    static let statementsPerBatch = 12

    /// Everything `batch` reads, decoded with checks (a damaged row is found before anything
    /// is written).
    func checkSnapshot(for batch: CheckBatch) throws -> CheckSnapshot {
        let catalog = try catalog()
        var snapshot = CheckSnapshot(
            catalog: catalog, latestInstant: try latestInstant(),
            apiKeysEnabled: try apiKeysEnabled())
        let digests = batch.wantedDigests
        if !digests.isEmpty {
            var joined = [UInt8]()
            joined.reserveCapacity(digests.count * 32)
            for digest in digests { joined.append(contentsOf: digest.bytes) }
            let slices = SQLiteJSON.array((0..<digests.count).map { SQLiteJSON.integer(Int64($0 * 32 + 1)) })
            for row in try Row.fetchAll(
                statement(
                    """
                    SELECT seq, id, owner, name, expires_at, grants, digest, created_at, last_used_at, deleted_at, replaces,
                           replaced_by, retires_at
                    FROM api_keys WHERE digest IN (SELECT substr(?1, value, 32) FROM json_each(?2))
                    """), arguments: [Data(joined), slices])
            {
                snapshot.add(try key(from: row, catalog: catalog))
            }
        }
        let owners = snapshot.loadedOwners
        if !owners.isEmpty {
            for row in try Row.fetchAll(
                statement("SELECT id, name, role FROM users WHERE name IN (SELECT value FROM json_each(?))"),
                arguments: [SQLiteJSON.array(owners.map(SQLiteJSON.text))])
            {
                snapshot.add(try user(row))
            }
        }
        let references = batch.wantedResources(routedBy: catalog)
        if !references.isEmpty {
            let wanted = SQLiteJSON.array(
                references.map {
                    SQLiteJSON.array([SQLiteJSON.text($0.kind.rawValue), SQLiteJSON.text($0.id)])
                })
            var byRowID: [Int64: Resource] = [:]
            for row in try Row.fetchAll(
                statement(
                    """
                    SELECT id, kind, name, owner FROM resources
                    WHERE (kind, name) IN (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?))
                    """), arguments: [wanted])
            {
                let (rowID, resource) = try self.resource(row)
                byRowID[rowID] = resource
            }
            if !byRowID.isEmpty {
                for row in try Row.fetchAll(
                    statement(
                        """
                        SELECT resource, user, role FROM shares WHERE resource IN (SELECT value FROM json_each(?))
                        """), arguments: [SQLiteJSON.array(byRowID.keys.map(SQLiteJSON.integer))])
                {
                    let (rowID, user, role) = try share(row)
                    byRowID[rowID]?.shares[user] = role
                }
                for resource in byRowID.values { snapshot.add(resource) }
            }
        }
        let found = snapshot
        let buckets = batch.wantedRateBuckets(routedBy: catalog, keys: found.loadedKey(digest:))
        if !buckets.isEmpty {
            let bucketsByID = Dictionary(buckets.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            for row in try Row.fetchAll(
                statement(
                    """
                    SELECT bucket, window_start, count FROM rate_windows WHERE bucket IN (SELECT value FROM json_each(?))
                    """), arguments: [SQLiteJSON.array(buckets.map { SQLiteJSON.text($0.id) })])
            {
                let (id, window) = try rateWindow(row)
                if let bucket = bucketsByID[id] { snapshot.add(window, for: bucket) }
            }
        }
        return snapshot
    }

    /// Writes what a batch of checks changed: the latest instant, `lastUsedAt`, the rate
    /// windows and the audit entries, one statement each.
    func write(_ effects: CheckEffects) throws {
        if let latest = effects.latestInstant { try recordLatestInstant(latest) }
        if !effects.usedKeys.isEmpty {
            try statement(
                """
                UPDATE api_keys SET last_used_at = json_extract(used.value, '$[1]')
                FROM json_each(?) AS used WHERE api_keys.id = json_extract(used.value, '$[0]')
                """
            ).execute(arguments: [
                SQLiteJSON.array(
                    effects.usedKeys.map {
                        SQLiteJSON.array([SQLiteJSON.text($0.id.rawValue), SQLiteJSON.integer($0.at.secondsSinceEpoch)])
                    })
            ])
        }
        if !effects.rateWindows.isEmpty {
            try statement(
                """
                INSERT INTO rate_windows (bucket, window_start, count)
                SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]')
                FROM json_each(?) WHERE true
                ON CONFLICT (bucket) DO UPDATE SET window_start = excluded.window_start, count = excluded.count
                """
            ).execute(arguments: [
                SQLiteJSON.array(
                    effects.rateWindows.map {
                        SQLiteJSON.array([
                            SQLiteJSON.text($0.bucket.id), SQLiteJSON.integer($0.window.start.secondsSinceEpoch),
                            SQLiteJSON.integer(Int64($0.window.count)),
                        ])
                    })
            ])
        }
        if !effects.auditEntries.isEmpty {
            try statement(
                """
                INSERT INTO audit_log (time, actor, action, key_id, outcome, detail)
                SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'),
                       json_extract(value, '$[3]'), json_extract(value, '$[4]'), json_extract(value, '$[5]')
                FROM json_each(?) ORDER BY key
                """
            ).execute(arguments: [
                SQLiteJSON.array(
                    effects.auditEntries.map { entry in
                        SQLiteJSON.array([
                            SQLiteJSON.integer(entry.time.secondsSinceEpoch), SQLiteJSON.text(entry.actor),
                            SQLiteJSON.text(entry.action.rawValue), entry.keyID.map { SQLiteJSON.text($0.rawValue) } ?? "null",
                            SQLiteJSON.text(entry.outcome.description), SQLiteJSON.text(entry.detail.description),
                        ])
                    })
            ])
        }
    }
}
