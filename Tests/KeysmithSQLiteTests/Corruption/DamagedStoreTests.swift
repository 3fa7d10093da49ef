import Foundation
import GRDB
import KeysmithCore
import KeysmithStore
import KeysmithTestSupport
import Testing

@testable import KeysmithSQLite

/// A store file changed behind keysmith's back (by `sqlite3`, a bad copy, a disk) gives a
/// clear error naming the table, column and row, never a trap, and is left untouched.
@Suite struct DamagedStoreTests {
    static let instantRange = "an integer instant between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z"

    /// The damage, and the message that must name it (after `store PATH is damaged: `).
    static let values: [(sql: String, detail: String)] = [
        // The three found by hand: a fatal `try!` in GRDB's decoding and two traps.
        (
            "UPDATE api_keys SET expires_at = 'abc' WHERE name = 'live'",
            "api_keys.expires_at in row 5 holds 'abc' (expected \(instantRange) or NULL)"
        ),
        (
            "UPDATE api_keys SET created_at = -9223372036854775808 WHERE name = 'live'",
            "api_keys.created_at in row 5 holds -9223372036854775808 (expected \(instantRange))"
        ),
        // Int64.min is also the in-memory mark for "never": it must not pass for one.
        (
            "UPDATE api_keys SET expires_at = -9223372036854775808 WHERE name = 'live'",
            "api_keys.expires_at in row 5 holds -9223372036854775808 (expected \(instantRange) or NULL)"
        ),
        (
            "UPDATE api_keys SET last_used_at = 1.5 WHERE name = 'live'",
            "api_keys.last_used_at in row 5 holds 1.5 (expected \(instantRange) or NULL)"
        ),
        (
            "UPDATE api_keys SET grants = 'User,Nope' WHERE name = 'live'",
            "api_keys.grants in row 5 holds 'User,Nope' (expected grant names of this store's catalog, joined by commas)"
        ),
        (
            "UPDATE api_keys SET grants = '' WHERE name = 'live'",
            "api_keys.grants in row 5 holds '' (expected grant names of this store's catalog, joined by commas)"
        ),
        (
            "UPDATE api_keys SET digest = x'0011' WHERE name = 'live'",
            "api_keys.digest in row 5 holds a 2-byte blob (expected a 32-byte blob)"
        ),
        (
            "UPDATE api_keys SET digest = NULL WHERE name = 'live'",
            "api_keys.digest in row 5 holds NULL (expected a 32-byte blob)"
        ),
        (
            "UPDATE api_keys SET id = 'key_ABC' WHERE name = 'live'",
            "api_keys.id in row 5 holds 'key_ABC' (expected a key id such as key_0a1b2c3d)"
        ),
        (
            "UPDATE api_keys SET name = printf('%.101c', 'x') WHERE name = 'live'",
            "api_keys.name in row 5 holds '\(String(repeating: "x", count: 40))…' (101 characters) (expected a key name of 1 to 100 characters)"
        ),
        (
            "UPDATE users SET role = 'superuser' WHERE name = 'alice'",
            "users.role in row 2 holds 'superuser' (expected 'member' or 'admin')"
        ),
        (
            "UPDATE users SET name = x'6d65' WHERE name = 'me'",
            "users.name in row 1 holds a 2-byte blob (expected a user name of 1 to 32 characters)"
        ),
        (
            "UPDATE resources SET kind = 'drawer' WHERE name = 'd1'",
            "resources.kind in row 1 holds 'drawer' (expected 'document' or 'folder')"
        ),
        (
            "UPDATE shares SET role = 'own' WHERE user = 'alice'",
            "shares.role in the row for resource 2 and user 'alice' holds 'own' (expected 'view' or 'edit')"
        ),
        (
            "UPDATE custom_endpoints SET accepts_api_keys = 2 WHERE position = 1",
            "custom_endpoints.accepts_api_keys in row 1 holds 2 (expected 0 or 1)"
        ),
        (
            "UPDATE custom_endpoints SET path = 'no slash' WHERE position = 1",
            "custom_endpoints.path in row 1 holds 'no slash' (expected a path template such as /reports/{id})"
        ),
        (
            "UPDATE audit_log SET time = 'noon' WHERE sequence = 1",
            "audit_log.time in row 1 holds 'noon' (expected \(instantRange))"
        ),
        (
            "UPDATE audit_log SET key_id = 42 WHERE key_id IS NOT NULL",
            "audit_log.key_id in row"
        ),
        // What is printed of a damaged value is cut, escaped and never a secret.
        (
            "UPDATE audit_log SET actor = 'a' || char(27) || '[2J' || printf('%.40c', 'x') WHERE sequence = 1",
            "audit_log.actor in row 1 holds 'a\\u{1b}[2Jxxxx"
        ),
    ]

    /// Damage made behind keysmith's back is found when the store is next opened, whatever
    /// row it is in, and the file is left as it was: nothing is read into a command, nothing is
    /// written (the copy carries no seal, so it is read whole first).
    @Test(arguments: values)
    func aDamagedValueIsRefusedAtOpenAndTheFileIsUntouched(_ damage: (sql: String, detail: String)) async throws {
        let fixture = try await DamagedFixture()
        let path = try fixture.damagedCopy("damaged.sqlite", damage.sql)
        let before = DamagedFixture.snapshot(path)
        let error = #expect(throws: SQLiteStoreError.self) { try SQLiteStore(path: path) }
        guard case .damaged(let named, let detail)? = error else {
            Issue.record("expected a damaged store, got \(String(describing: error))")
            return
        }
        #expect(named == path)
        #expect(detail.hasPrefix(damage.detail), "\(detail)")
        #expect(error?.description.hasPrefix("store \(path) is damaged: \(detail)") == true)
        #expect(DamagedFixture.snapshot(path) == before, "opening changed the file")
    }

    /// The same damage made while a store is open (a running server) is named when a command
    /// reads it, and a check that meets it writes nothing.
    @Test(arguments: values)
    func aDamagedValueMetByAnOpenStoreIsAClearError(_ damage: (sql: String, detail: String)) async throws {
        let fixture = try await DamagedFixture()
        let path = try fixture.damagedCopy("damaged.sqlite", "SELECT 1")
        let store = try SQLiteStore(path: path)
        try DamagedFixture.execute(on: path, "PRAGMA ignore_check_constraints = 1; PRAGMA foreign_keys = OFF;\n" + damage.sql)
        let before = DamagedFixture.snapshot(path)
        let error = await #expect(throws: StoreError.self) { _ = try await StoreDump.of(store) }
        guard case .damaged(let named, let detail)? = error?.kind else {
            Issue.record("expected a damaged store, got \(String(describing: error))")
            return
        }
        #expect(named == path)
        #expect(detail.hasPrefix(damage.detail), "\(detail)")
        #expect(DamagedFixture.snapshot(path) == before, "reading changed the file")
        let world = TestWorld(store: store)
        var recorded = false
        for request in ["GET /documents/d1", "GET /users/me/profile"] {
            do {
                _ = try await world.check(fixture.liveSecret, request)
                recorded = true
            } catch let error as StoreError {
                guard case .damaged = error.kind else { throw error }
            }
        }
        #expect(DamagedFixture.snapshot(path) == before || recorded, "a check that failed changed the file")
    }

    @Test func aSoundStoreReadsBackWithoutError() async throws {
        let fixture = try await DamagedFixture()
        let dump = try await StoreDump.of(try SQLiteStore(path: fixture.path))
        #expect(dump.users.map(\.name) == ["me", "alice", "root"])
        #expect(dump.keys["me"]?.count == 2)
        #expect(dump.audit.count > 10)
    }

    @Test(arguments: [
        (
            -1,
            "store PATH is damaged: its schema version (PRAGMA user_version) is -1, expected 1 to \(SQLiteStore.schemaVersion); it was left untouched"
        ),
        (
            0,
            "store PATH is damaged: its schema version (PRAGMA user_version) is 0, expected 1 to \(SQLiteStore.schemaVersion); it was left untouched"
        ),
        (
            Int(Int32.min),
            "store PATH is damaged: its schema version (PRAGMA user_version) is -2147483648, expected 1 to \(SQLiteStore.schemaVersion); it was left untouched"
        ),
        (
            Int(Int32.max),
            "PATH was written by a newer keysmith (schema version 2147483647; this keysmith knows up to \(SQLiteStore.schemaVersion)); upgrade keysmith to use it — the store was left untouched"
        ),
    ])
    func aSchemaVersionKeysmithNeverWroteIsRefusedUntouched(_ version: Int, _ message: String) async throws {
        let fixture = try await DamagedFixture(nullable: false)
        let path = try fixture.damagedCopy("version.sqlite", "PRAGMA user_version = \(version)")
        let before = DamagedFixture.snapshot(path)
        let error = #expect(throws: SQLiteStoreError.self) { try SQLiteStore(path: path) }
        #expect(error?.description == message.replacingOccurrences(of: "PATH", with: path))
        let untouched = DamagedFixture.snapshot(path) == before
        #expect(untouched, "the file changed")
    }

    @Test func instantsInTheStoredRangePrintAndParseBack() {
        for seconds in [StoredRow.instantRange.lowerBound, StoredRow.instantRange.upperBound] {
            let instant = Instant(secondsSinceEpoch: seconds)
            #expect(Instant(parsing: instant.description) == instant, "\(instant)")
        }
        #expect(Instant(secondsSinceEpoch: StoredRow.instantRange.lowerBound).description == "0001-01-01T00:00:00Z")
        #expect(Instant(secondsSinceEpoch: StoredRow.instantRange.upperBound).description == "9999-12-31T23:59:59Z")
    }

    @Test func aDamagedValueIsShownShortEscapedAndWithoutSecrets() {
        #expect(StoredRow.describe(nil) == "NULL")
        #expect(StoredRow.describe(Int64(-3)) == "-3")
        #expect(StoredRow.describe(Data([1, 2, 3])) == "a 3-byte blob")
        #expect(StoredRow.describe("it's") == "'it\\'s'")
        #expect(StoredRow.describe("a\u{202E}b\n") == "'a\\u{202e}b\\u{a}'")
        let secret = "ksk_" + String(repeating: "A1b2", count: 9)
        #expect(!StoredRow.describe("name \(secret)").contains(secret))
        #expect(StoredRow.describe(String(repeating: "y", count: 1000)) == "'\(String(repeating: "y", count: 40))…' (1000 characters)")
    }
}
