import KeysmithTestSupport
import Testing

@testable import KeysmithCore
@testable import KeysmithStore

/// Docs: The key model: a user sees and manages only their own keys; another user's key id behaves
/// exactly as if it did not exist.
@Suite(.dropsTemporarySchemas) struct KeyOwnershipTests {
    /// What each operation says about `id` to `actor`.
    static func errors(for id: KeyID, as actor: String, in world: TestWorld) async -> [String] {
        let service = world.service
        var messages: [String] = []
        for operation in Operation.allCases {
            let error = await keysmithError {
                switch operation {
                case .show: _ = try await service.key(id, actor: actor)
                case .rename: _ = try await service.renameKey(id, to: "mine now", actor: actor)
                case .delete: _ = try await service.deleteKey(id, actor: actor)
                case .changeGrants: try await service.changeGrants(id, to: ["User"], actor: actor)
                case .extend: try await service.extendKey(id, to: .never, actor: actor)
                }
            }
            messages.append("\(operation): \(error?.description ?? "no error")")
        }
        return messages
    }

    enum Operation: CaseIterable { case show, rename, delete, changeGrants, extend }

    @Test(arguments: StoreKind.all) func anotherUsersKeyIsIndistinguishableFromOneThatNeverExisted(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let key = try await world.createKey("alice's", grants: ["User"])
        let asBob = await Self.errors(for: key.info.id, as: "bob", in: world)

        // The same id in a store where it never existed.
        let empty = try await TestWorld.withCast(seed: 999)
        let neverExisted = await Self.errors(for: key.info.id, as: "bob", in: empty)

        #expect(asBob == neverExisted)
        #expect(asBob.allSatisfy { $0.hasSuffix(": key \(key.info.id) does not exist") })
    }

    @Test(arguments: StoreKind.all) func everyOperationOnAnotherUsersKeyThrowsKeyNotFound(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let id = try await world.createKey(grants: ["User"]).info.id
        #expect(await keysmithError { try await world.service.key(id, actor: "bob") } == .keyNotFound(id))
        #expect(await keysmithError { try await world.service.renameKey(id, to: "x", actor: "bob") } == .keyNotFound(id))
        #expect(await keysmithError { try await world.service.deleteKey(id, actor: "bob") } == .keyNotFound(id))
        #expect(await keysmithError { try await world.service.changeGrants(id, to: ["User"], actor: "bob") } == .keyNotFound(id))
        #expect(await keysmithError { try await world.service.extendKey(id, to: .never, actor: "bob") } == .keyNotFound(id))
    }

    @Test(arguments: StoreKind.all) func failedAttemptsByAnotherUserLeaveTheKeyUntouched(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let key = try await world.createKey("alice's", grants: ["User"])
        _ = await Self.errors(for: key.info.id, as: "bob", in: world)
        let info = try await world.service.key(key.info.id, actor: "alice")
        #expect(info.name == "alice's")
        #expect(info.status == .active)
        #expect(try await world.decision(key.secret, "GET /users/me/profile") == .allow)
    }

    @Test(arguments: StoreKind.all) func anotherUsersDeletedKeyDoesNotLeakItsTombstone(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let id = try await world.createKey(grants: ["User"]).info.id
        _ = try await world.service.deleteKey(id, actor: "alice")
        let asBob = await Self.errors(for: id, as: "bob", in: world)
        #expect(asBob.allSatisfy { $0.hasSuffix(": key \(id) does not exist") })
    }

    @Test(arguments: StoreKind.all) func listingShowsOnlyTheActorsOwnKeys(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let a1 = try await world.createKey("a1", grants: ["User"], as: "alice")
        let b1 = try await world.createKey("b1", grants: ["User"], as: "bob")
        let a2 = try await world.createKey("a2", grants: ["User"], as: "alice")
        #expect(try await world.service.keys(actor: "alice").map(\.id) == [a1.info.id, a2.info.id])
        #expect(try await world.service.keys(actor: "bob").map(\.id) == [b1.info.id])
        #expect(try await world.service.keys(actor: "root").isEmpty)
    }

    @Test(arguments: StoreKind.all) func keyBelongsToTheUserWhoCreatedItAndActsAsThem(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let key = try await world.createKey(grants: ["User"], as: "bob")
        #expect(key.info.key.owner == "bob")
        #expect(try await world.check(key.secret, "GET /users/me/profile").keyID == key.info.id)
        let entry = try #require(try await world.service.auditLog().last)
        #expect(entry.actor == "bob")
    }

    @Test(arguments: StoreKind.all) func onlyExistingUsersCanCreateKeys(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let error = await keysmithError { try await world.createKey(grants: ["User"], as: "alcie") }
        #expect(error == .unknownUser("alcie", suggestion: "alice"))
    }

    @Test func freshStoreHasOnlyTheMemberMe() async throws {
        let world = TestWorld()
        #expect(try await world.service.users() == [User(name: "me", role: .member)])
        let key = try await world.createKey(grants: ["User"], as: "me")
        #expect(key.info.key.owner == "me")
    }
}
