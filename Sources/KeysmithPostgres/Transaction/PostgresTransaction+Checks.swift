import KeysmithCore
import KeysmithStore
import NIOCore
import PostgresNIO

/// A batch of checks in a fixed number of round trips whatever its size (Docs: The check):
/// with BEGIN and COMMIT, five in all. The clock row is locked and the store's small facts
/// read in one query, everything the batch names in a second (arrays bound with `= ANY`), and
/// every change in a third (`unnest` into multi-row writes).
extension PostgresTransaction {
    /// How many round trips a batch costs, BEGIN and COMMIT included (the catalog's rebuild
    /// aside): the guard tests hold a batch to it.
    static let roundTripsPerBatch = 5

    /// Locks the clock row and reads, in one round trip, the store's latest instant, the
    /// API-key switch and the catalog's version; then everything `batch` names.
    func checkSnapshot(for batch: CheckBatch) async throws -> CheckSnapshot {
        var found: [PostgresRow] = []
        for _ in 0..<2 {
            found = try await rows(
                """
                SELECT latest, (SELECT time FROM audit_log ORDER BY sequence DESC LIMIT 1),
                       (SELECT api_keys_enabled FROM account WHERE id = 1),
                       (SELECT count(*) FROM custom_endpoints), (SELECT coalesce(max(change), 0) FROM rate_limits)
                FROM store_clock WHERE id = 1 FOR UPDATE
                """)
            if !found.isEmpty { break }
            try await run("INSERT INTO store_clock (id, latest) VALUES (1, NULL) ON CONFLICT (id) DO NOTHING")
        }
        guard let facts = found.first else { throw StoreError.damaged(store: store, detail: "store_clock keeps no row") }
        let (kept, audited, enabled, customEndpoints, lastLimitChange) = try facts.decode(
            (Int64?, Int64?, Bool?, Int64, Int64).self)
        guard let enabled else {
            throw StoreError.damaged(store: store, detail: "the account table has lost its row (the API-key switch)")
        }
        let latest = try [
            kept.map { try instant($0, "store_clock", "latest") },
            audited.map { try instant($0, "audit_log", "time") },
        ].compactMap { $0 }.max()
        lockedLatest = .some(latest)
        let catalog = try await catalog(
            for: CatalogCache.Version(
                customEndpoints: Int(customEndpoints),
                lastLimitChange: lastLimitChange))
        var snapshot = CheckSnapshot(catalog: catalog, latestInstant: latest, apiKeysEnabled: enabled)
        try await load(batch, routedBy: catalog, into: &snapshot)
        return snapshot
    }

    /// The keys with the batch's digests, their owners, the documents and folders the requests
    /// name (with their shares) and the rate windows they count in, in one query: a row per
    /// thing, told apart by its first column.
    private func load(_ batch: CheckBatch, routedBy catalog: Catalog, into snapshot: inout CheckSnapshot) async throws {
        let digests = batch.wantedDigests.map { ByteBuffer(bytes: $0.bytes) }
        if digests.isEmpty { return }
        let references = batch.wantedResources(routedBy: catalog).filter { !Self.holdsNUL($0.id) }
        let limits = batch.wantedRateLimits(routedBy: catalog)
        let rows = try await rows(
            """
            WITH k AS (
                SELECT seq, id, owner, name, expires_at, grants, digest, created_at, last_used_at, deleted_at, replaces,
                       replaced_by, retires_at
                FROM api_keys WHERE digest = ANY(\(digests))
            ), limited AS (
                SELECT * FROM unnest(\(limits.map { ByteBuffer(bytes: $0.digest.bytes) }), \(limits.map { Self.bucketPrefix($0.endpoint, $0.limit.scope) }),
                                     \(limits.map { $0.limit.scope.rawValue })) AS l(digest, prefix, scope)
            )
            SELECT 1::bigint, seq, expires_at, created_at, last_used_at, deleted_at, retires_at,
                   id, owner, name, grants, replaces, replaced_by, digest FROM k
            UNION ALL
            SELECT 2, NULL, NULL, NULL, NULL, NULL, NULL, u.name, u.role, NULL, NULL, NULL, NULL, NULL
            FROM users u WHERE u.name IN (SELECT owner FROM k)
            UNION ALL
            SELECT 3, r.id, NULL, NULL, NULL, NULL, NULL, r.kind, r.name, r.owner, s.user_name, s.role, NULL, NULL
            FROM resources r LEFT JOIN shares s ON s.resource = r.id
            WHERE (r.kind, r.name) IN (SELECT * FROM unnest(\(references.map { $0.kind.rawValue }), \(references.map(\.id))))
            UNION ALL
            SELECT 4, w.window_start, w.count::bigint, NULL, NULL, NULL, NULL, w.bucket, NULL, NULL, NULL, NULL, NULL, NULL
            FROM rate_windows w
            WHERE w.bucket IN (SELECT l.prefix || CASE l.scope WHEN 'user' THEN k.owner WHEN 'key' THEN k.id ELSE '' END
                               FROM limited l JOIN k ON k.digest = l.digest)
            """)
        var resources: [Int64: Resource] = [:]
        var windows: [(String, RateWindow)] = []
        for row in rows {
            let (kind, i1, i2, i3, i4, i5, i6, t1, t2, t3, t4, t5, t6, blob) = try row.decode(
                (
                    Int64, Int64?, Int64?, Int64?, Int64?, Int64?, Int64?, String?, String?, String?, String?, String?, String?,
                    ByteBuffer?
                ).self)
            switch kind {
            case 1:
                guard let seq = i1, let createdAt = i3, let id = t1, let owner = t2, let name = t3, let grants = t4,
                    let digest = blob
                else { throw StoreError.damaged(store: store, detail: "api_keys holds a row with a NULL") }
                snapshot.add(
                    try key(
                        StoredKey(
                            seq: seq, id: id, owner: owner, name: name, expiresAt: i2, grants: grants,
                            digest: digest, createdAt: createdAt, lastUsedAt: i4, deletedAt: i5,
                            replaces: t5, replacedBy: t6, retiresAt: i6), catalog: catalog))
            case 2:
                guard let name = t1, let role = t2 else { continue }
                snapshot.add(User(name: name, role: try choice(role, "users", "role")))
            case 3:
                guard let rowID = i1, let kindText = t1, let name = t2, let owner = t3 else { continue }
                var resource =
                    try resources[rowID]
                    ?? Resource(kind: choice(kindText, "resources", "kind"), id: name, owner: owner)
                if let user = t4, let role = t5 { resource.shares[user] = try choice(role, "shares", "role") }
                resources[rowID] = resource
            case 4:
                guard let start = i1, let count = i2, let bucket = t1 else { continue }
                guard (1...Int64(RateLimit.largestCount)).contains(count) else {
                    throw damage("rate_windows", "count", "\(count)", expected: "a count from 1 to \(RateLimit.largestCount)")
                }
                windows.append((bucket, RateWindow(start: try instant(start, "rate_windows", "window_start"), count: Int(count))))
            default:
                continue
            }
        }
        for resource in resources.values { snapshot.add(resource) }
        if !windows.isEmpty {
            let found = snapshot
            let buckets = batch.wantedRateBuckets(routedBy: catalog, keys: found.loadedKey(digest:))
            let byID = Dictionary(buckets.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            for (id, window) in windows { if let bucket = byID[id] { snapshot.add(window, for: bucket) } }
        }
    }

    /// A rate bucket's id up to its subject: `GET /documents/{id} per user ` (the user's name
    /// follows), or the whole id for an account's bucket.
    private static func bucketPrefix(_ endpoint: Endpoint, _ scope: RateLimit.Scope) -> String {
        scope == .account ? "\(endpoint.signature) per account" : "\(endpoint.signature) per \(scope.rawValue) "
    }

    /// Writes what a batch of checks changed in one statement: `lastUsedAt`, the rate windows,
    /// the audit entries (numbered after the newest: writers hold the clock row) and the latest
    /// instant.
    func write(_ effects: CheckEffects) async throws {
        let used = effects.usedKeys
        let windows = effects.rateWindows
        let audit = effects.auditEntries
        try await run(
            """
            WITH used AS (
                UPDATE api_keys a SET last_used_at = u.at
                FROM unnest(\(used.map(\.id.rawValue)), \(used.map(\.at.secondsSinceEpoch))) AS u(id, at)
                WHERE a.id = u.id RETURNING 1
            ), windows AS (
                INSERT INTO rate_windows (bucket, window_start, count)
                SELECT * FROM unnest(\(windows.map(\.bucket.id)), \(windows.map(\.window.start.secondsSinceEpoch)),
                                     \(windows.map { Int32($0.window.count) }))
                ON CONFLICT (bucket) DO UPDATE SET window_start = excluded.window_start, count = excluded.count
                RETURNING 1
            ), audit AS (
                INSERT INTO audit_log (sequence, time, actor, action, key_id, outcome, detail)
                SELECT newest.sequence + e.ordinal, e.time, e.actor, e.action, nullif(e.key_id, ''), e.outcome, e.detail
                FROM unnest(\(audit.map(\.time.secondsSinceEpoch)), \(audit.map(\.actor)), \(audit.map(\.action.rawValue)),
                            \(audit.map { $0.keyID?.rawValue ?? "" }), \(audit.map(\.outcome.description)),
                            \(audit.map(\.detail.description)))
                     WITH ORDINALITY AS e(time, actor, action, key_id, outcome, detail, ordinal),
                     (SELECT coalesce(max(sequence), 0) AS sequence FROM audit_log) AS newest
                RETURNING 1
            )
            UPDATE store_clock SET latest = greatest(coalesce(latest, \(effects.latestInstant?.secondsSinceEpoch)),
                                                     \(effects.latestInstant?.secondsSinceEpoch))
            WHERE id = 1
            """)
        if let latest = effects.latestInstant { lockedLatest = .some(latest) }
    }
}
