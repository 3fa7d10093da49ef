import KeysmithTestSupport
import Testing

@testable import KeysmithCore
@testable import KeysmithStore

/// Docs: The key model: a non-empty set of grants from the catalog, fixed at creation.
@Suite(.dropsTemporarySchemas) struct KeyGrantTests {
    @Test(arguments: StoreKind.all) func emptyGrantListIsRejected(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let error = await keysmithError { try await world.createKey(grants: []) }
        #expect(error == .noGrants)
        #expect(error?.description == "a key needs at least one grant")
    }

    @Test(arguments: StoreKind.all) func unknownGrantListsTheKnownGrantsAndSuggestsTheClosest(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let error = await keysmithError { try await world.createKey(grants: ["User", "DocumentReadOnly"]) }
        #expect(error == .unknownGrant("DocumentReadOnly", suggestion: "DocumentReadonly", known: Catalog.lucid.grantNames))
        let message = error?.description ?? ""
        #expect(message.hasPrefix("grant \"DocumentReadOnly\" does not exist (did you mean DocumentReadonly?); known grants: "))
        for grant in Catalog.lucid.grantNames { #expect(message.contains(grant)) }
        #expect(try await world.service.keys(actor: "alice").isEmpty)
    }

    @Test(arguments: StoreKind.all) func unknownGrantFarFromAnyStillListsTheKnownGrants(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let error = await keysmithError { try await world.createKey(grants: ["Banana"]) }
        #expect(error == .unknownGrant("Banana", suggestion: nil, known: Catalog.lucid.grantNames))
        #expect(error?.description.contains("known grants: User, AccountReadonly") == true)
    }

    @Test(arguments: StoreKind.all) func grantsAreKeptInCatalogOrderWithoutDuplicates(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let key = try await world.createKey(grants: ["FolderEdit", "User", "FolderEdit"])
        #expect(key.info.grantNames == ["User", "FolderEdit"])
        #expect(try await world.service.key(key.info.id, actor: "alice").grantNames == ["User", "FolderEdit"])
    }

    @Test(arguments: StoreKind.all) func changingGrantsAlwaysFailsAndSaysToCreateANewKey(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let key = try await world.createKey(grants: ["User"])
        for grants in [["DocumentReadonly"], ["User"], [], ["Nope"]] {
            let error = await keysmithError { try await world.service.changeGrants(key.info.id, to: grants, actor: "alice") }
            #expect(error == .grantsImmutable(key.info.id))
            #expect(error?.description.contains("cannot be changed after creation — create a new key") == true)
        }
        #expect(try await world.service.key(key.info.id, actor: "alice").grantNames == ["User"])
        #expect(try await world.decision(key.secret, "POST /documents/search") == .deny(.missingGrant))
    }

    @Test(arguments: StoreKind.all) func changingTheGrantsOfADeletedKeySaysItWasDeleted(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let key = try await world.createKey(grants: ["User"])
        _ = try await world.service.deleteKey(key.info.id, actor: "alice")
        let error = await keysmithError { try await world.service.changeGrants(key.info.id, to: ["User"], actor: "alice") }
        #expect(error == .keyDeleted(key.info.id, at: TestWorld.start))
    }

    @Test(arguments: StoreKind.all) func grantsDoNotImplyOneAnother(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        try await world.addResources()
        let edit = try await world.createKey(grants: ["DocumentEdit"])
        #expect(try await world.decision(edit.secret, "POST /documents/d-alice/trash") == .allow)
        #expect(try await world.decision(edit.secret, "GET /documents/d-alice") == .deny(.missingGrant))
    }

    @Test(arguments: ["AccountAdmin", "DocumentAdmin", "FolderAdmin", "TeamsAdmin", "LicensesAdmin"])
    func memberCannotCreateAKeyWithAnAdminGrant(_ grant: String) async throws {
        let world = try await TestWorld.withCast()
        let error = await keysmithError { try await world.createKey(grants: ["User", grant], as: "alice") }
        #expect(error == .adminGrantNeedsAdmin(grant: grant, user: "alice"))
        #expect(error?.description == "grant \(grant) only works for account admins, and alice is a member")
        #expect(try await world.service.keys(actor: "alice").isEmpty)
    }

    @Test(arguments: StoreKind.all) func adminCanCreateAKeyWithAdminGrants(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let key = try await world.createKey(grants: ["AccountAdmin", "DocumentAdmin"], as: "root")
        #expect(key.info.grantNames == ["AccountAdmin", "DocumentAdmin"])
    }
}
