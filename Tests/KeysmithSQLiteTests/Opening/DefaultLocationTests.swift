import KeysmithTestSupport
import Testing

@testable import KeysmithSQLite

/// `${XDG_DATA_HOME:-$HOME/.local/share}/keysmith/store.sqlite`, and the modes it is created with.
@Suite struct DefaultLocationTests {
    @Test(arguments: [
        (["XDG_DATA_HOME": "/data", "HOME": "/home/u"], "/data/keysmith/store.sqlite"),
        (["XDG_DATA_HOME": "/data/", "HOME": "/home/u"], "/data/keysmith/store.sqlite"),
        (["HOME": "/home/u"], "/home/u/.local/share/keysmith/store.sqlite"),
        (["XDG_DATA_HOME": "", "HOME": "/home/u"], "/home/u/.local/share/keysmith/store.sqlite"),
        (["XDG_DATA_HOME": "relative/dir", "HOME": "/home/u/"], "/home/u/.local/share/keysmith/store.sqlite"),
    ])
    func defaultPathFollowsXDG(_ environment: [String: String], _ expected: String) throws {
        #expect(try SQLiteStore.defaultPath(environment: environment) == expected)
    }

    @Test func noHomeAndNoXDGIsAClearError() {
        #expect(throws: SQLiteStoreError.noDefaultLocation) { try SQLiteStore.defaultPath(environment: [:]) }
    }

    @Test func theDefaultStoreIsCreatedPrivateOnFirstUse() async throws {
        let directory = try TemporaryDirectory()
        let path = try SQLiteStore.defaultPath(environment: ["XDG_DATA_HOME": directory.file("data")])
        let store = try SQLiteStore(path: path)
        _ = try await store.write { try await $0.users() }
        #expect(Files.mode(directory.file("data")) == 0o700)
        #expect(Files.mode(directory.file("data/keysmith")) == 0o700)
        for file in Files.storeFiles(path) { #expect(Files.mode(file) == 0o600, "\(file)") }
    }

    @Test func anExistingDirectoryKeepsItsMode() throws {
        let directory = try TemporaryDirectory()
        chmod(directory.path, 0o755)
        _ = try SQLiteStore(path: directory.file("store.sqlite"))
        #expect(Files.mode(directory.path) == 0o755)
        #expect(Files.mode(directory.file("store.sqlite")) == 0o600)
    }
}

#if canImport(Glibc)
import Glibc
#endif
