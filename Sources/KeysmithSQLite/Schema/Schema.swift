import GRDB

/// keysmith's tables, versioned with `PRAGMA user_version` and marked as keysmith's with
/// `PRAGMA application_id`, so another application's database is never mistaken for a store.
///
/// A migration only ever moves a store forward, inside one IMMEDIATE transaction that also
/// re-checks what the file is: two processes opening a new store at once serialize on it, and
/// the second finds the work done. A store whose version is newer than ``currentVersion`` was
/// written by a newer keysmith and is refused untouched.
enum Schema {
    /// `KSMT` in ASCII.
    static let applicationID: Int32 = 0x4B53_4D54

    /// One step of the schema; migration `n` (1-based) takes a store from version `n - 1` to `n`.
    struct Migration: Sendable {
        let summary: String
        let sql: String
    }

    /// Every migration since the first version, in order. Never edit a shipped one: add a new one.
    static let migrations: [Migration] = [version1, version2, version3, version4]

    /// The schema this keysmith writes.
    static var currentVersion: Int { migrations.count }

    /// What a database says about itself.
    struct Identity: Equatable {
        var applicationID: Int32
        var version: Int
        /// User tables (not SQLite's own), sorted.
        var tables: [String]
    }

    static func identity(of db: Database) throws -> Identity {
        let appID = try Int.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        let tables = try String.fetchAll(
            db,
            sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name
                """)
        return Identity(applicationID: Int32(truncatingIfNeeded: appID), version: version, tables: tables)
    }

    /// Refuses a database that is not a keysmith store this keysmith can use. Returns whether
    /// it is a blank database, ready to become a store.
    @discardableResult
    static func vet(_ identity: Identity, path: String) throws(SQLiteStoreError) -> Bool {
        if identity.applicationID == applicationID {
            if identity.version > currentVersion {
                throw .newerSchema(path, found: identity.version, supported: currentVersion)
            }
            // Migrations mark a store with its version and keysmith's id in one transaction:
            // the id without a version keysmith wrote means the header was changed by hand.
            if identity.version < 1 {
                throw .damaged(
                    path, detail: "its schema version (PRAGMA user_version) is \(identity.version), expected 1 to \(currentVersion)")
            }
            return false
        }
        if identity.applicationID == 0 && identity.version == 0 && identity.tables.isEmpty { return true }
        if identity.applicationID != 0 {
            let hex = String(UInt32(bitPattern: identity.applicationID), radix: 16)
            throw .foreignDatabase(path, detail: "application id 0x\(hex)")
        }
        let shown = identity.tables.prefix(5).joined(separator: ", ") + (identity.tables.count > 5 ? ", …" : "")
        throw .foreignDatabase(path, detail: identity.tables.isEmpty ? "user version \(identity.version)" : "tables \(shown)")
    }

    /// Brings the store up to `target` (normally ``currentVersion``) in one IMMEDIATE transaction.
    /// Whether SQLite's error says the tables are not what the schema version promises.
    static func isMismatch(_ error: DatabaseError) -> Bool {
        guard error.resultCode == .SQLITE_ERROR, let message = error.message else { return false }
        return ["no such table", "no such column", "already exists", "cannot modify", "has no column"]
            .contains { message.contains($0) }
    }

    static func migrate(_ db: Database, path: String, upTo target: Int = currentVersion) throws {
        precondition(target >= 1 && target <= currentVersion, "no schema version \(target)")
        try db.inTransaction(.immediate) {
            let identity = try identity(of: db)
            try vet(identity, path: path)
            guard identity.version < target else { return .commit }
            guard identity.version >= 0 else { throw SQLiteStoreError.damaged(path, detail: "its schema version is \(identity.version)") }
            for migration in migrations[identity.version..<target] {
                do {
                    try db.execute(sql: migration.sql)
                } catch let error as DatabaseError where isMismatch(error) {
                    // A version number set back by hand: the tables it would add are there.
                    throw SQLiteStoreError.damaged(
                        path, detail: "its tables do not match its schema version \(identity.version) (\(error.message ?? "SQLite error"))")
                }
            }
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try db.execute(sql: "PRAGMA user_version = \(target)")
            return .commit
        }
    }
}
