import Foundation
import GRDB
import KeysmithCore
import KeysmithStore

/// Keys: the digest is a 32-byte BLOB with a UNIQUE index (a check is one indexed lookup,
/// whatever the number of keys); grants are stored by name and mapped onto the catalog's
/// grant indices when read.
extension SQLiteTransaction {
    private static let keyColumns = "id, owner, name, expires_at, grants, digest, created_at, last_used_at, deleted_at"

    func key(id: KeyID) throws -> APIKey? {
        try Row.fetchOne(statement("SELECT \(Self.keyColumns) FROM api_keys WHERE id = ?"), arguments: [id.rawValue])
            .map { try key(from: $0, catalog: try catalog()) }
    }

    func key(digest: SecretDigest) throws -> APIKey? {
        try Row.fetchOne(statement("SELECT \(Self.keyColumns) FROM api_keys WHERE digest = ?"),
                         arguments: [Data(digest.bytes)])
            .map { try key(from: $0, catalog: try catalog()) }
    }

    func keys(ownedBy owner: String) throws -> [APIKey] {
        let rows = try Row.fetchAll(statement("SELECT \(Self.keyColumns) FROM api_keys WHERE owner = ? ORDER BY seq"),
                                    arguments: [owner])
        if rows.isEmpty { return [] }
        let catalog = try catalog()
        return try rows.map { try key(from: $0, catalog: catalog) }
    }

    func insert(_ key: APIKey) throws {
        let catalog = try catalog()
        do {
            try statement("""
                INSERT INTO api_keys (id, owner, name, expires_at, grants, digest, created_at, last_used_at, deleted_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [
                    key.id.rawValue, key.owner, key.name, key.expiration.instant?.secondsSinceEpoch,
                    GrantNames.join(catalog.names(of: key.grants)), Data(key.digest.bytes),
                    key.createdAt.secondsSinceEpoch, key.lastUsedAt?.secondsSinceEpoch, key.deletedAt?.secondsSinceEpoch,
                ])
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            if try Bool.fetchOne(statement("SELECT 1 FROM api_keys WHERE id = ?"), arguments: [key.id.rawValue]) == true {
                throw StoreError.duplicateKeyID(key.id)
            }
            throw StoreError.failure("another key already has this secret's digest")
        }
    }

    func update(_ key: APIKey) throws {
        try statement("UPDATE api_keys SET name = ?, last_used_at = ?, deleted_at = ? WHERE id = ?")
            .execute(arguments: [key.name, key.lastUsedAt?.secondsSinceEpoch, key.deletedAt?.secondsSinceEpoch,
                                 key.id.rawValue])
    }

    private func key(from row: Row, catalog: Catalog) throws -> APIKey {
        let digestBytes: Data = row[5]
        guard let digest = SecretDigest(bytes: Array(digestBytes)) else {
            throw StoreError.failure("key \(row[0] as String) has a damaged digest")
        }
        let expiresAt: Int64? = row[3]
        let lastUsedAt: Int64? = row[7]
        let deletedAt: Int64? = row[8]
        return APIKey(id: KeyID(row[0]), owner: row[1], name: row[2],
                      expiration: expiresAt.map { .at(Instant(secondsSinceEpoch: $0)) } ?? .never,
                      grants: catalog.knownGrantSet(GrantNames.split(row[4])), digest: digest,
                      createdAt: Instant(secondsSinceEpoch: row[6]),
                      lastUsedAt: lastUsedAt.map(Instant.init(secondsSinceEpoch:)),
                      deletedAt: deletedAt.map(Instant.init(secondsSinceEpoch:)))
    }
}
