import Foundation
import KeysmithTestSupport
import Testing

@testable import KeysmithSQLite

/// `creatingDirectories: false` (what `--store PATH` passes): a store in a
/// directory that does not exist is refused and nothing is created; with the default (`true`,
/// the default location) the directories are made.
@Suite struct MissingDirectoryTests {
    @Test("a store whose directory is missing is refused without creating anything")
    func missingDirectoryIsRefused() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("typo/dir/x.sqlite")
        #expect(
            throws: SQLiteStoreError.cannotCreate(
                path,
                reason:
                    "its directory \(directory.file("typo/dir")) does not exist (keysmith creates the directories of the default store only; create it first, or check the path)"
            )
        ) {
            try SQLiteStore(path: path, creatingDirectories: false)
        }
        #expect(!Files.exists(directory.file("typo")))
    }

    @Test("a store whose directory is a file is refused")
    func directoryThatIsAFileIsRefused() throws {
        let directory = try TemporaryDirectory()
        try Files.write(directory.file("plain"), "")
        let path = directory.file("plain/x.sqlite")
        #expect(throws: SQLiteStoreError.self) { try SQLiteStore(path: path, creatingDirectories: false) }
    }

    @Test("a store in a directory that exists is created as before")
    func existingDirectoryWorks() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStore(path: directory.file("x.sqlite"), creatingDirectories: false)
        #expect(store.readOnlyReason == nil)
        #expect(Files.exists(directory.file("x.sqlite")))
    }

    @Test("with creatingDirectories (the default location) missing directories are made")
    func defaultCreatesDirectories() throws {
        let directory = try TemporaryDirectory()
        _ = try SQLiteStore(path: directory.file("a/b/x.sqlite"))
        #expect(Files.exists(directory.file("a/b/x.sqlite")))
    }
}
