import KeysmithCore
import KeysmithStore
import NIOCore
import PostgresNIO

/// Keys: the digest is 32 bytes (`bytea`) with a unique index, so a check is one indexed
/// lookup; grants are stored by name and mapped onto the catalog's grant indices when read.
extension PostgresTransaction {
    private static let keyColumns = """
        seq, id, owner, name, expires_at, grants, digest, created_at, last_used_at, deleted_at, replaces, replaced_by, retires_at
        """

    func key(id: KeyID) async throws -> APIKey? {
        if Self.holdsNUL(id.rawValue) { return nil }
        guard let row = try await rows("SELECT \(unescaped: Self.keyColumns) FROM api_keys WHERE id = \(id.rawValue)").first
        else { return nil }
        return try key(from: row, catalog: try await catalog())
    }

    func key(digest: SecretDigest) async throws -> APIKey? {
        guard
            let row = try await rows(
                """
                SELECT \(unescaped: Self.keyColumns) FROM api_keys WHERE digest = \(ByteBuffer(bytes: digest.bytes))
                """
            ).first
        else { return nil }
        return try key(from: row, catalog: try await catalog())
    }

    func keys(ownedBy owner: String) async throws -> [APIKey] {
        if Self.holdsNUL(owner) { return [] }
        let found = try await rows("SELECT \(unescaped: Self.keyColumns) FROM api_keys WHERE owner = \(owner) ORDER BY seq")
        if found.isEmpty { return [] }
        let catalog = try await catalog()
        return try found.map { try key(from: $0, catalog: catalog) }
    }

    func insert(_ key: APIKey) async throws {
        let catalog = try await catalog()
        do {
            try await run(
                """
                INSERT INTO api_keys (id, owner, name, expires_at, grants, digest, created_at, last_used_at, deleted_at,
                                      replaces, replaced_by, retires_at)
                VALUES (\(key.id.rawValue), \(key.owner), \(key.name), \(key.expiration.instant?.secondsSinceEpoch),
                        \(GrantNames.join(catalog.names(of: key.grants))), \(ByteBuffer(bytes: key.digest.bytes)),
                        \(key.createdAt.secondsSinceEpoch), \(key.lastUsedAt?.secondsSinceEpoch),
                        \(key.deletedAt?.secondsSinceEpoch), \(key.replaces?.rawValue), \(key.replacedBy?.rawValue),
                        \(key.retiresAt?.secondsSinceEpoch))
                """)
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
            // The transaction is aborted now; the constraint says which uniqueness failed.
            if error.serverInfo?[.constraintName] == "api_keys_id_unique" { throw StoreError.duplicateKeyID(key.id) }
            throw StoreError.failure("another key already has this secret's digest")
        }
    }

    func update(_ key: APIKey) async throws {
        try await run(
            """
            UPDATE api_keys SET name = \(key.name), last_used_at = \(key.lastUsedAt?.secondsSinceEpoch),
                                deleted_at = \(key.deletedAt?.secondsSinceEpoch), replaced_by = \(key.replacedBy?.rawValue),
                                retires_at = \(key.retiresAt?.secondsSinceEpoch)
            WHERE id = \(key.id.rawValue)
            """)
    }

    /// A key from a row selected as ``keyColumns``.
    private func key(from row: PostgresRow, catalog: Catalog) throws -> APIKey {
        let (
            seq, id, owner, name, expiresAt, grantText, digestBytes, createdAt, lastUsedAt, deletedAt, replaces,
            replacedBy, retiresAt
        ) = try row.decode(
            (Int64, String, String, String, Int64?, String, ByteBuffer, Int64, Int64?, Int64?, String?, String?, Int64?).self)
        return try key(
            StoredKey(
                seq: seq, id: id, owner: owner, name: name, expiresAt: expiresAt, grants: grantText,
                digest: digestBytes, createdAt: createdAt, lastUsedAt: lastUsedAt, deletedAt: deletedAt,
                replaces: replaces, replacedBy: replacedBy, retiresAt: retiresAt), catalog: catalog)
    }

    /// A key from its stored columns, each checked.
    func key(_ stored: StoredKey, catalog: Catalog) throws -> APIKey {
        let names = GrantNames.split(stored.grants)
        guard !names.isEmpty, let grants = try? catalog.grantSet(names) else {
            throw StoreError.damaged(
                store: store,
                detail:
                    "api_keys row \(stored.seq): grants holds '\(PrintableText.shown(stored.grants))', expected grant names of this store's catalog, joined by commas"
            )
        }
        guard let digest = SecretDigest(bytes: Array(stored.digest.readableBytesView)) else {
            throw StoreError.damaged(store: store, detail: "api_keys row \(stored.seq): digest is not 32 bytes")
        }
        return APIKey(
            id: try keyID(stored.id, "api_keys", "id"), owner: stored.owner, name: stored.name,
            expiration: try stored.expiresAt.map { .at(try instant($0, "api_keys", "expires_at")) } ?? .never,
            grants: grants, digest: digest,
            createdAt: try instant(stored.createdAt, "api_keys", "created_at"),
            lastUsedAt: try stored.lastUsedAt.map { try instant($0, "api_keys", "last_used_at") },
            deletedAt: try stored.deletedAt.map { try instant($0, "api_keys", "deleted_at") },
            replaces: try stored.replaces.map { try keyID($0, "api_keys", "replaces") },
            replacedBy: try stored.replacedBy.map { try keyID($0, "api_keys", "replaced_by") },
            retiresAt: try stored.retiresAt.map { try instant($0, "api_keys", "retires_at") })
    }
}

/// The columns of an `api_keys` row as stored, before they are checked.
struct StoredKey {
    let seq: Int64
    let id: String
    let owner: String
    let name: String
    let expiresAt: Int64?
    let grants: String
    let digest: ByteBuffer
    let createdAt: Int64
    let lastUsedAt: Int64?
    let deletedAt: Int64?
    let replaces: String?
    let replacedBy: String?
    let retiresAt: Int64?
}
