import Foundation
import GRDB
import KeysmithCore
import KeysmithStore
import KeysmithTestSupport
import Testing

@testable import KeysmithSQLite

/// Schema versions: a store from an earlier keysmith is migrated with its data intact; one
/// from a newer keysmith is refused untouched; two openers of a new store do not collide.
@Suite struct MigrationTests {
    static func version(of path: String) throws -> Int {
        try DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "PRAGMA user_version") ?? -1 }
    }

    @Test func aVersion1StoreOpensWithEverythingInIt() async throws {
        let fixture = try #require(Version1Fixture.bundledPath, "the fixture is bundled as a test resource")
        let directory = try TemporaryDirectory()
        let path = directory.file("store.sqlite")
        try FileManager.default.copyItem(atPath: fixture, toPath: path)
        #expect(try Self.version(of: path) == 1)

        let store = try SQLiteStore(path: path)
        #expect(try Self.version(of: path) == SQLiteStore.schemaVersion)
        let indexes = try await DatabaseQueue(path: path).read {
            try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'audit_log_by_key'")
        }
        #expect(indexes == ["audit_log_by_key"])

        // The same recipe on a memory store gives the same contents and the same secrets.
        let reference = TestWorld(store: MemoryStore(), seed: Version1Fixture.seed)
        let secrets = try await Version1Fixture.recipe(reference)
        let expected = try await StoreDump.of(reference.store)
        #expect(try await StoreDump.of(store) == expected)

        // Version 3 keeps the store's latest instant; an older store starts from its newest
        // audit entry, so a key that expired there stays expired after the upgrade.
        let newest = try await reference.service.auditLog().map(\.time).max()
        #expect(try await store.read { try await $0.latestInstant() } == newest)

        let world = TestWorld(store: store, at: TestWorld.start + KeyDuration(seconds: 86_400))
        #expect(try await world.check(secrets[0], "GET /reports/d1").decision == .allow)
        #expect(try await world.check(secrets[1], "GET /documents/d1").decision == .deny(.deleted))
        let before = try await world.service.auditLog().count
        _ = try await world.service.createKey(name: "new", expires: .never, grants: ["ReportRead"], actor: "alice")
        #expect(try await world.service.auditLog(limit: 1).first?.sequence == before + 1)
    }

    @Test func aStoreFromANewerKeysmithIsRefusedUntouched() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("store.sqlite")
        do { _ = try SQLiteStore(path: path) }
        try await DatabaseQueue(path: path).write { try $0.execute(sql: "PRAGMA user_version = 99") }
        let bytes = Files.bytes(path)
        #expect(throws: SQLiteStoreError.newerSchema(path, found: 99, supported: SQLiteStore.schemaVersion)) {
            try SQLiteStore(path: path)
        }
        #expect(Files.bytes(path) == bytes)
        #expect(try Self.version(of: path) == 99)
    }

    @Test func anOlderStoreIsMigratedStepByStep() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("store.sqlite")
        do { _ = try SQLiteStore(path: path, schemaVersion: 1, temporaryDirectory: nil) }
        #expect(try Self.version(of: path) == 1)
        do { _ = try SQLiteStore(path: path) }
        #expect(try Self.version(of: path) == SQLiteStore.schemaVersion)
        do { _ = try SQLiteStore(path: path) }  // opening an up-to-date store changes nothing
        #expect(try Self.version(of: path) == SQLiteStore.schemaVersion)
    }

    @Test func manyOpenersOfANewStoreAllSucceed() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("new/store.sqlite")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask { _ = try SQLiteStore(path: path) }
            }
            try await group.waitForAll()
        }
        let store = try SQLiteStore(path: path)
        #expect(try await store.read { try await $0.users() }.map(\.name) == ["me"])
    }
}
