import KeysmithTestSupport
import Testing

@testable import KeysmithCore
@testable import KeysmithStore

/// Docs: The key model: a deleted key authenticates nothing and stays as a tombstone that can be shown
/// and listed (status `deleted`) but not renamed or deleted again.
@Suite(.dropsTemporarySchemas) struct KeyDeletionTests {
    @Test(arguments: StoreKind.all) func deletedKeyChecksSayDeletedEverywhere(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        try await world.addResources()
        let key = try await world.createKey(grants: ["User", "DocumentReadonly"])
        #expect(try await world.decision(key.secret, "GET /users/me/profile") == .allow)
        world.advance(seconds: 5)
        _ = try await world.service.deleteKey(key.info.id, actor: "alice")
        for request in ["GET /users/me/profile", "GET /documents/d-alice", "GET /nowhere", "GET /auditLogs", "GET /documents/d-bob"] {
            let result = try await world.check(key.secret, request)
            #expect(result.decision == .deny(.deleted), "\(request)")
            #expect(result.status == 401)
            #expect(result.keyID == key.info.id)
        }
    }

    @Test(arguments: StoreKind.all) func deletedKeyIsKeptAsATombstoneAndListedAsDeleted(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let key = try await world.createKey("gone", grants: ["User"])
        world.advance(seconds: 42)
        let deleted = try await world.service.deleteKey(key.info.id, actor: "alice")
        #expect(deleted.status == .deleted)
        let shown = try await world.service.key(key.info.id, actor: "alice")
        #expect(shown.status == .deleted)
        #expect(shown.name == "gone")
        #expect(shown.key.owner == "alice")
        #expect(shown.key.digest == key.info.key.digest)
        #expect(shown.key.deletedAt == TestWorld.start + KeyDuration(seconds: 42))
        #expect(try await world.service.keys(actor: "alice").map(\.status) == [.deleted])
    }

    @Test(arguments: StoreKind.all) func deletedKeyCannotBeRenamedOrDeletedAgain(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let key = try await world.createKey("gone", grants: ["User"])
        _ = try await world.service.deleteKey(key.info.id, actor: "alice")
        world.advance(seconds: 60)
        let rename = await keysmithError { try await world.service.renameKey(key.info.id, to: "back", actor: "alice") }
        let again = await keysmithError { try await world.service.deleteKey(key.info.id, actor: "alice") }
        #expect(rename == .keyDeleted(key.info.id, at: TestWorld.start))
        #expect(again == .keyDeleted(key.info.id, at: TestWorld.start))
        #expect(again?.description == "key \(key.info.id) was deleted on \(TestWorld.start); a deleted key cannot be changed")
        let stored = try #require(try await world.storedKey(key.info.id))
        #expect(stored.name == "gone")
        #expect(stored.deletedAt == TestWorld.start)
    }

    @Test(arguments: StoreKind.all) func expiredKeyCanBeDeletedAndThenReportsDeleted(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let key = try await world.createKey(grants: ["User"], expires: .after(KeyDuration(seconds: 1)))
        world.advance(seconds: 100)
        #expect(try await world.decision(key.secret, "GET /users/me/profile") == .deny(.expired))
        #expect(try await world.service.deleteKey(key.info.id, actor: "alice").status == .deleted)
        #expect(try await world.decision(key.secret, "GET /users/me/profile") == .deny(.deleted))
    }

    @Test(arguments: StoreKind.all) func deletingOneKeyLeavesTheOthersWorking(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let gone = try await world.createKey("gone", grants: ["User"])
        let kept = try await world.createKey("kept", grants: ["User"])
        _ = try await world.service.deleteKey(gone.info.id, actor: "alice")
        #expect(try await world.decision(kept.secret, "GET /users/me/profile") == .allow)
        #expect(try await world.service.keys(actor: "alice").map(\.status) == [.deleted, .active])
    }
}
