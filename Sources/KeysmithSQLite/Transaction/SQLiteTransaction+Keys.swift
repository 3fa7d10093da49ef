import Foundation
import GRDB
import KeysmithCore
import KeysmithStore

/// Keys: the digest is a 32-byte BLOB with a UNIQUE index (a check is one indexed lookup,
/// whatever the number of keys); grants are stored by name and mapped onto the catalog's
/// grant indices when read.
extension SQLiteTransaction {
    private static let keyColumns =
        "seq, id, owner, name, expires_at, grants, digest, created_at, last_used_at, deleted_at, replaces, replaced_by, retires_at"

    func key(id: KeyID) throws -> APIKey? {
        try Row.fetchOne(statement("SELECT \(Self.keyColumns) FROM api_keys WHERE id = ?"), arguments: [id.rawValue])
            .map { try key(from: $0, catalog: try catalog()) }
    }

    func key(digest: SecretDigest) throws -> APIKey? {
        try Row.fetchOne(
            statement("SELECT \(Self.keyColumns) FROM api_keys WHERE digest = ?"),
            arguments: [Data(digest.bytes)]
        )
        .map { try key(from: $0, catalog: try catalog()) }
    }

    func keys(ownedBy owner: String) throws -> [APIKey] {
        let rows = try Row.fetchAll(
            statement("SELECT \(Self.keyColumns) FROM api_keys WHERE owner = ? ORDER BY seq"),
            arguments: [owner])
        if rows.isEmpty { return [] }
        let catalog = try catalog()
        return try rows.map { try key(from: $0, catalog: catalog) }
    }

    func insert(_ key: APIKey) throws {
        let catalog = try catalog()
        do {
            try statement(
                """
                INSERT INTO api_keys (id, owner, name, expires_at, grants, digest, created_at, last_used_at, deleted_at,
                                      replaces, replaced_by, retires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
            ).execute(arguments: [
                key.id.rawValue, key.owner, key.name, key.expiration.instant?.secondsSinceEpoch,
                GrantNames.join(catalog.names(of: key.grants)), Data(key.digest.bytes),
                key.createdAt.secondsSinceEpoch, key.lastUsedAt?.secondsSinceEpoch, key.deletedAt?.secondsSinceEpoch,
                key.replaces?.rawValue, key.replacedBy?.rawValue, key.retiresAt?.secondsSinceEpoch,
            ])
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            if try Bool.fetchOne(statement("SELECT 1 FROM api_keys WHERE id = ?"), arguments: [key.id.rawValue]) == true {
                throw StoreError.duplicateKeyID(key.id)
            }
            throw StoreError.failure("another key already has this secret's digest")
        }
    }

    func update(_ key: APIKey) throws {
        try statement(
            """
            UPDATE api_keys SET name = ?, last_used_at = ?, deleted_at = ?, replaced_by = ?, retires_at = ? WHERE id = ?
            """
        ).execute(arguments: [
            key.name, key.lastUsedAt?.secondsSinceEpoch, key.deletedAt?.secondsSinceEpoch,
            key.replacedBy?.rawValue, key.retiresAt?.secondsSinceEpoch, key.id.rawValue,
        ])
    }

    /// A key from a row selected as ``keyColumns``.
    func key(from row: Row, catalog: Catalog) throws -> APIKey {
        let row = stored(row, "api_keys")
        let grants = try row.value(5, "grants", expected: "grant names of this store's catalog, joined by commas") { raw in
            (raw as? String).flatMap { text -> GrantSet? in
                let names = GrantNames.split(text)
                return names.isEmpty ? nil : try? catalog.grantSet(names)
            }
        }
        let digestBytes = try row.blob(6, "digest", count: 32)
        guard let digest = SecretDigest(bytes: digestBytes) else {
            throw row.damage("digest", holds: row.row[6], expected: "a 32-byte blob")
        }
        return APIKey(
            id: try row.keyID(1, "id"),
            owner: try row.text(2, "owner", length: StoredRow.userName, expected: StoredRow.userNameExpected),
            name: try row.text(3, "name", length: StoredRow.keyName, expected: StoredRow.keyNameExpected),
            expiration: try row.optionalInstant(4, "expires_at").map { .at($0) } ?? .never,
            grants: grants, digest: digest,
            createdAt: try row.instant(7, "created_at"),
            lastUsedAt: try row.optionalInstant(8, "last_used_at"),
            deletedAt: try row.optionalInstant(9, "deleted_at"),
            replaces: try row.optionalKeyID(10, "replaces"),
            replacedBy: try row.optionalKeyID(11, "replaced_by"),
            retiresAt: try row.optionalInstant(12, "retires_at"))
    }
}
