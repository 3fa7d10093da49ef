import Foundation
import GRDB
import KeysmithCore
import KeysmithStore
import KeysmithTestSupport
import Testing

@testable import KeysmithSQLite

/// Edits a hostile tester made to a store file with `sqlite3` (a hostile review): each is found,
/// and none takes the store back in time.
@Suite struct HandEditedStoreTests {
    /// Deleting or setting back the clock row made an expired key allowed again.
    @Test(arguments: ["DELETE FROM store_clock", "UPDATE store_clock SET latest = 1700000000"])
    func aClockRowEditedByHandCannotReviveAnExpiredKey(_ edit: String) async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("store.sqlite")
        let first = TestWorld(store: try SQLiteStore(path: path))
        let key = try await first.service.createKey(
            name: "k", expires: .after(KeyDuration(seconds: 86_400)),
            grants: ["User"], actor: "me")
        try await first.service.advanceClock(by: KeyDuration(seconds: 2 * 86_400))
        #expect(try await first.check(key.secret, "GET /users/me/profile").decision == .deny(.expired))

        try await DatabaseQueue(path: path).write { try $0.execute(sql: edit) }
        let later = TestWorld(store: try SQLiteStore(path: path), at: TestWorld.start)
        #expect(try await later.check(key.secret, "GET /users/me/profile").decision == .deny(.expired))
        await #expect(throws: KeysmithError.self) { try await later.service.setClock(to: TestWorld.start + KeyDuration(seconds: 3_600)) }
    }

    /// A dropped table used to be "no such table" with exit 1; a version set back by hand,
    /// "table store_clock already exists".
    @Test func missingTablesAndAVersionSetBackAreDamage() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("store.sqlite")
        _ = try SQLiteStore(path: path)
        try await DatabaseQueue(path: path).write { try $0.execute(sql: "DROP TABLE shares") }
        // Changed behind keysmith's back, so read whole at open: refused there, untouched.
        let dropped = Files.bytes(path)
        let error = #expect(throws: SQLiteStoreError.self) { try SQLiteStore(path: path) }
        if case .damaged(_, let detail)? = error {
            #expect(detail.contains("its tables do not match its schema version"), "\(detail)")
        } else {
            Issue.record("a store without its shares table: \(String(describing: error))")
        }
        #expect(Files.bytes(path) == dropped)

        let other = directory.file("other.sqlite")
        _ = try SQLiteStore(path: other)
        try await DatabaseQueue(path: other).write { try $0.execute(sql: "PRAGMA user_version = 2") }
        let before = Files.bytes(other)
        #expect(throws: SQLiteStoreError.self) { try SQLiteStore(path: other) }
        do { _ = try SQLiteStore(path: other) } catch {
            #expect("\(error)".contains("do not match its schema version 2"), "\(error)")
        }
        #expect(Files.bytes(other) == before)
    }
}
