import Foundation
import GRDB
import KeysmithTestSupport
import Testing

@testable import KeysmithSQLite

/// A path that is not a keysmith store gets a clear error and is never modified.
@Suite struct BadFileTests {
    @Test func randomBytesAreRefusedUntouched() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("random.bin")
        let bytes = (0..<4096).map { _ in UInt8.random(in: 0...255) }
        try Files.write(path, bytes: bytes)
        #expect(throws: SQLiteStoreError.notSQLite(path)) { try SQLiteStore(path: path) }
        #expect(Files.bytes(path) == bytes)
        #expect(Files.storeFiles(path) == [path])
    }

    @Test func aFileWithASQLiteHeaderButGarbageAfterIsRefusedUntouched() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("fake.sqlite")
        let bytes = Array("SQLite format 3".utf8) + [0] + (0..<4080).map { _ in UInt8.random(in: 0...255) }
        try Files.write(path, bytes: bytes)
        #expect(throws: SQLiteStoreError.self) { try SQLiteStore(path: path) }
        #expect(Files.bytes(path) == bytes)
    }

    @Test(arguments: ["rollback", "wal"])
    func anotherApplicationsDatabaseIsRefusedUntouched(_ journal: String) throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("other.db")
        do {
            let other = try DatabaseQueue(path: path)
            try other.write { db in
                if journal == "wal" { try db.execute(sql: "PRAGMA journal_mode = WAL") }
                try db.execute(sql: "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine')")
            }
            try other.close()
        }
        let bytes = Files.bytes(path)
        #expect(throws: SQLiteStoreError.foreignDatabase(path, detail: "tables notes")) { try SQLiteStore(path: path) }
        #expect(Files.bytes(path) == bytes)
        let error = try #require(throws: SQLiteStoreError.self) { try SQLiteStore(path: path) }
        #expect(error.description.contains("is not a keysmith store"))
    }

    @Test func aDatabaseWithAnotherApplicationIDIsRefused() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("other.db")
        try DatabaseQueue(path: path).write { try $0.execute(sql: "PRAGMA application_id = 1234") }
        let bytes = Files.bytes(path)
        #expect(throws: SQLiteStoreError.foreignDatabase(path, detail: "application id 0x4d2")) { try SQLiteStore(path: path) }
        #expect(Files.bytes(path) == bytes)
    }

    @Test func aDirectoryIsRefusedUntouched() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("a-directory")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        #expect(throws: SQLiteStoreError.isDirectory(path)) { try SQLiteStore(path: path) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: path).isEmpty)
    }

    @Test(.enabled(if: geteuid() != 0, "root reads any file"))
    func anUnreadableFileIsRefusedUntouched() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("locked.sqlite")
        try Files.write(path, "not yours")
        chmod(path, 0)
        #expect(throws: SQLiteStoreError.unreadable(path, reason: "permission denied")) { try SQLiteStore(path: path) }
        chmod(path, 0o600)
        #expect(Files.bytes(path) == Array("not yours".utf8))
    }

    @Test func anEmptyFileBecomesAStore() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("empty.sqlite")
        try Files.write(path, "")
        let store = try SQLiteStore(path: path)
        #expect(try await store.read { try await $0.users() }.map(\.name) == ["me"])
    }

    @Test func messagesSayWhatIsWrong() {
        #expect(
            SQLiteStoreError.notSQLite("x").description == "x is not a keysmith store (it is not a SQLite database); it was left untouched")
        #expect(SQLiteStoreError.isDirectory("d").description.hasPrefix("d is not a keysmith store (it is a directory)"))
        #expect(
            SQLiteStoreError.newerSchema("s", found: 9, supported: 2).description
                == "s was written by a newer keysmith (schema version 9; this keysmith knows up to 2); upgrade keysmith to use it — the store was left untouched"
        )
    }
}
