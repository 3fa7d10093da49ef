import Foundation
import GRDB
import KeysmithCore
import KeysmithStore
import KeysmithTestSupport
import Testing

@testable import KeysmithSQLite

/// The SQLite store keeps the memory store's semantics exactly, and keeps them across reopening.
@Suite struct SQLiteStoreTests {
    @Test func freshStoreHoldsOnlyTheUserMe() async throws {
        let store = try SQLiteStore.temporary()
        let dump = try await StoreDump.of(store)
        #expect(dump.users == [User(name: "me", role: .member)])
        #expect(dump.resources.isEmpty && dump.audit.isEmpty)
        #expect(dump.endpoints.count == Catalog.lucid.endpoints.count)
        #expect(dump.grantNames == Catalog.lucid.grantNames)
    }

    @Test func behavesExactlyLikeTheMemoryStore() async throws {
        let memory = TestWorld(store: MemoryStore())
        let sqlite = TestWorld(store: try SQLiteStore.temporary())
        let memorySecrets = try await exercise(memory)
        let sqliteSecrets = try await exercise(sqlite)
        #expect(memorySecrets == sqliteSecrets)
        let expected = try await StoreDump.of(memory.store)
        let actual = try await StoreDump.of(sqlite.store)
        #expect(actual == expected)
        #expect(actual.audit.map(\.sequence) == Array(1...expected.audit.count))
    }

    @Test func everythingPersistsAcrossReopening() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("store.sqlite")
        let before: StoreDump
        let secrets: [String]
        do {
            let world = TestWorld(store: try SQLiteStore(path: path))
            secrets = try await exercise(world)
            before = try await StoreDump.of(world.store)
        }
        let reopened = TestWorld(store: try SQLiteStore(path: path), at: TestWorld.start + KeyDuration(seconds: 86_400))
        #expect(try await StoreDump.of(reopened.store) == before)
        // The reopened store still authenticates by digest, and numbers the audit log on.
        let result = try await reopened.check(secrets[2], "GET /users")
        #expect(result.decision == .allow)
        #expect(try await reopened.service.auditLog(limit: 1).first?.sequence == before.audit.count + 1)
    }

    @Test func aWriteThatThrowsChangesNothing() async throws {
        struct Boom: Error {}
        let world = TestWorld(store: try SQLiteStore.temporary())
        try await exercise(world)
        let before = try await StoreDump.of(world.store)
        await #expect(throws: Boom.self) {
            try await world.store.write { tx in
                try await tx.insert(User(name: "ghost", role: .admin))
                try await tx.insert(Resource(kind: .document, id: "ghost-doc", owner: "ghost"))
                try await tx.setShare(.document, id: "d1", user: "ghost", role: .edit)
                try await tx.insertCustomEndpoint(
                    Endpoint(
                        method: "GET", path: try PathTemplate(parsing: "/ghosts"),
                        acceptsAPIKeys: true, grantNames: ["Ghost"], access: .none, isCustom: true))
                let key = try #require(try await tx.keys(ownedBy: "alice").first)
                var renamed = key
                renamed.name = "ghost"
                try await tx.update(renamed)
                try await tx.append(
                    AuditEntry(time: TestWorld.start, actor: "ghost", action: .userAdd, keyID: nil, outcome: .ok, detail: .text("")))
                #expect(try await tx.catalog().isGrant("Ghost"))
                throw Boom()
            }
        }
        #expect(try await StoreDump.of(world.store) == before)
    }

    @Test func aDuplicateKeyIDIsReportedAsSuch() async throws {
        let world = TestWorld(store: try SQLiteStore.temporary())
        let created = try await world.service.createKey(name: "k", expires: .never, grants: ["User"], actor: "me")
        await #expect(throws: StoreError.duplicateKeyID(created.info.id)) {
            try await world.store.write { tx in
                try await tx.insert(
                    APIKey(
                        id: created.info.id, owner: "me", name: "again", expiration: .never,
                        grants: created.info.key.grants, digest: SecretDigest(hashing: "other"), createdAt: TestWorld.start))
            }
        }
    }

    @Test func digestsAreStoredAs32ByteBlobsWithAUniqueIndex() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("store.sqlite")
        let world = TestWorld(store: try SQLiteStore(path: path))
        let created = try await world.service.createKey(name: "k", expires: .never, grants: ["User"], actor: "me")
        let queue = try DatabaseQueue(path: path)
        try await queue.read { db in
            let digest = try Data.fetchOne(db, sql: "SELECT digest FROM api_keys")
            #expect(digest.map { [UInt8]($0) } == created.info.key.digest.bytes)
            let detail = try Row.fetchAll(
                db, sql: "EXPLAIN QUERY PLAN SELECT * FROM api_keys WHERE digest = ?",
                arguments: [Data(created.info.key.digest.bytes)]
            ).map { $0["detail"] as String }
            #expect(detail.contains { $0.contains("USING INDEX") }, "\(detail)")
        }
    }
}
