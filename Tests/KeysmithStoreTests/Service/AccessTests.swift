import KeysmithTestSupport
import Testing

@testable import KeysmithCore
@testable import KeysmithStore

/// Docs: The key model, The check: a key never grants more than its user may do — ownership, shares, admin-only
/// endpoints and `*Admin` grants.
@Suite(.dropsTemporarySchemas) struct AccessTests {
    static func world(_ kind: StoreKind = .memory) async throws -> TestWorld {
        let world = try await TestWorld.withCast(store: try await kind.make())
        try await world.addResources()
        return world
    }

    @Test(arguments: StoreKind.all) func keyCannotReachAnotherUsersDocumentEvenWithTheGrant(_ kind: StoreKind) async throws {
        let world = try await Self.world(kind)
        let key = try await world.createKey(grants: ["DocumentReadonly", "DocumentEdit"], as: "alice")
        for request in [
            "GET /documents/d-bob", "GET /documents/d-bob/contents", "POST /documents/d-bob/trash",
            "PUT /documents/d-bob/shares/users/alice", "POST /documents/d-bob/threads/t1/comments",
        ] {
            let result = try await world.check(key.secret, request)
            #expect(result.decision == .deny(.noAccess), "\(request)")
            #expect(result.status == 403)
        }
    }

    @Test(arguments: StoreKind.all) func keyFollowsItsUsersAccessAsSharesChange(_ kind: StoreKind) async throws {
        let world = try await Self.world(kind)
        let key = try await world.createKey(grants: ["DocumentReadonly", "DocumentEdit"], as: "alice")
        #expect(try await world.decision(key.secret, "GET /documents/d-bob") == .deny(.noAccess))
        _ = try await world.service.share(.document, id: "d-bob", with: "alice", role: .view, actor: "bob")
        #expect(try await world.decision(key.secret, "GET /documents/d-bob") == .allow)
        #expect(try await world.decision(key.secret, "POST /documents/d-bob/trash") == .deny(.noAccess))
        _ = try await world.service.share(.document, id: "d-bob", with: "alice", role: .edit, actor: "bob")
        #expect(try await world.decision(key.secret, "POST /documents/d-bob/trash") == .allow)
    }

    @Test(arguments: StoreKind.all) func ownerMayViewAndEditOwnDocumentsAndFolders(_ kind: StoreKind) async throws {
        let world = try await Self.world(kind)
        let key = try await world.createKey(grants: ["DocumentReadonly", "DocumentEdit", "FolderReadonly", "FolderEdit"])
        for request in [
            "GET /documents/d-alice", "POST /documents/d-alice/trash", "GET /folders/f-alice",
            "PATCH /folders/f-alice", "POST /folders/f-alice/trash", "PUT /folders/f-alice/shares/users/bob",
        ] {
            #expect(try await world.decision(key.secret, request) == .allow, "\(request)")
        }
    }

    @Test(arguments: [
        (ResourceKind.document, ShareRole.view, "GET /documents/d-alice", true),
        (.document, .view, "GET /documents/d-alice/shares/users", true),
        (.document, .view, "POST /documents/d-alice/trash", false),
        (.document, .view, "DELETE /documents/d-alice/shares/users/bob", false),
        (.document, .edit, "GET /documents/d-alice", true),
        (.document, .edit, "POST /documents/d-alice/trash", true),
        (.folder, .view, "GET /folders/f-alice", true),
        (.folder, .view, "GET /folders/f-alice/contents", true),
        (.folder, .view, "PATCH /folders/f-alice", false),
        (.folder, .view, "POST /folders/f-alice/trash", false),
        (.folder, .edit, "GET /folders/f-alice", true),
        (.folder, .edit, "PATCH /folders/f-alice", true),
        (.folder, .edit, "POST /folders/f-alice/trash", true),
    ])
    func viewShareAllowsViewingAndEditShareAllowsBoth(
        _ kind: ResourceKind, _ role: ShareRole, _ request: String, _ allowed: Bool
    ) async throws {
        let world = try await Self.world()
        let id = kind == .document ? "d-alice" : "f-alice"
        _ = try await world.service.share(kind, id: id, with: "bob", role: role, actor: "alice")
        let key = try await world.createKey(grants: ["DocumentReadonly", "DocumentEdit", "FolderReadonly", "FolderEdit"], as: "bob")
        #expect(try await world.decision(key.secret, request) == (allowed ? .allow : .deny(.noAccess)))
    }

    @Test(arguments: StoreKind.all) func shareOfAFolderSaysNothingAboutADocumentOfTheSameID(_ kind: StoreKind) async throws {
        let world = try await Self.world(kind)
        _ = try await world.service.addResource(.folder, id: "same", owner: "alice", actor: "alice")
        _ = try await world.service.addResource(.document, id: "same", owner: "alice", actor: "alice")
        _ = try await world.service.share(.folder, id: "same", with: "bob", role: .edit, actor: "alice")
        let key = try await world.createKey(grants: ["DocumentReadonly", "FolderReadonly"], as: "bob")
        #expect(try await world.decision(key.secret, "GET /folders/same") == .allow)
        #expect(try await world.decision(key.secret, "GET /documents/same") == .deny(.noAccess))
    }

    @Test(arguments: StoreKind.all) func nonexistentDocumentOrFolderIsNoAccess(_ kind: StoreKind) async throws {
        let world = try await Self.world(kind)
        let key = try await world.createKey(grants: ["DocumentReadonly", "FolderReadonly"])
        #expect(try await world.decision(key.secret, "GET /documents/ghost") == .deny(.noAccess))
        #expect(try await world.decision(key.secret, "GET /folders/ghost") == .deny(.noAccess))
        // A folder id is not a document id.
        #expect(try await world.decision(key.secret, "GET /documents/f-alice") == .deny(.noAccess))
    }

    @Test(arguments: StoreKind.all) func accessIsDecidedByTheDocumentIDSegmentNotOtherParameters(_ kind: StoreKind) async throws {
        let world = try await Self.world(kind)
        let key = try await world.createKey(grants: ["DocumentEdit"])
        #expect(try await world.decision(key.secret, "POST /documents/d-alice/threads/d-bob/comments") == .allow)
        #expect(try await world.decision(key.secret, "POST /documents/d-bob/threads/d-alice/comments") == .deny(.noAccess))
    }

    @Test(arguments: StoreKind.all) func adminOnlyEndpointAllowsAnAdminsKey(_ kind: StoreKind) async throws {
        let world = try await Self.world(kind)
        let key = try await world.createKey(grants: ["AccountAdmin"], as: "root")
        #expect(try await world.decision(key.secret, "GET /users") == .allow)
    }

    @Test(arguments: StoreKind.all) func adminOnlyEndpointRefusesAMembersKeyThatHoldsTheGrant(_ kind: StoreKind) async throws {
        let world = try await Self.world(kind)
        let key = try await world.createKey(grants: ["LegalHoldReadonly", "LegalHoldEdit"], as: "alice")
        #expect(try await world.decision(key.secret, "GET /accounts/me/legalHolds") == .deny(.noAccess))
        #expect(try await world.decision(key.secret, "POST /accounts/me/legalHolds") == .deny(.noAccess))
        let adminKey = try await world.createKey(grants: ["LegalHoldReadonly"], as: "root")
        #expect(try await world.decision(adminKey.secret, "GET /accounts/me/legalHolds") == .allow)
    }

    @Test(arguments: StoreKind.all) func adminOnlyEndpointStillNeedsItsGrant(_ kind: StoreKind) async throws {
        let world = try await Self.world(kind)
        let key = try await world.createKey(grants: ["AccountReadonly"], as: "root")
        #expect(try await world.decision(key.secret, "GET /users") == .deny(.missingGrant))
        #expect(try await world.decision(key.secret, "GET /users/alice") == .allow)
    }

    @Test(arguments: StoreKind.all) func adminWithDocumentAdminCanViewAnyonesDocumentInAdminModeButNotEditIt(_ kind: StoreKind) async throws
    {
        let world = try await Self.world(kind)
        let key = try await world.createKey(grants: ["DocumentAdmin"], as: "root")
        #expect(try await world.decision(key.secret, "GET /documents/d-alice", mode: .admin) == .allow)
        #expect(try await world.decision(key.secret, "GET /documents/d-bob", mode: .admin) == .allow)
        #expect(try await world.decision(key.secret, "POST /documents/d-bob/trash", mode: .admin) == .deny(.missingGrant))
        #expect(try await world.decision(key.secret, "POST /documents/d-bob/trash") == .deny(.missingGrant))
        #expect(try await world.decision(key.secret, "GET /documents/d-bob/contents") == .deny(.missingGrant))
        #expect(try await world.decision(key.secret, "POST /accounts/me/documents/search") == .allow)
        #expect(try await world.decision(key.secret, "GET /documents/ghost") == .deny(.noAccess))
    }

    @Test(arguments: StoreKind.all) func adminWithDocumentAdminHasOnlyTheirOwnAccessInUserMode(_ kind: StoreKind) async throws {
        let world = try await Self.world(kind)
        let key = try await world.createKey(grants: ["DocumentAdmin"], as: "root")
        #expect(try await world.decision(key.secret, "GET /documents/d-alice") == .deny(.noAccess))
        let allowed = try await world.check(key.secret, "GET /documents/d-alice", mode: .admin)
        #expect(allowed.explanation.contains("root may view any document of the account in admin mode"))
    }

    @Test(arguments: StoreKind.all) func adminGrantGivesViewNeverEdit(_ kind: StoreKind) async throws {
        let world = try await Self.world(kind)
        let key = try await world.createKey(grants: ["DocumentAdmin", "DocumentEdit"], as: "root")
        #expect(try await world.decision(key.secret, "POST /documents/d-bob/trash") == .deny(.noAccess))
    }

    @Test(arguments: StoreKind.all) func adminWithoutAnAdminGrantHasNoAccessToOthersDocuments(_ kind: StoreKind) async throws {
        let world = try await Self.world(kind)
        let key = try await world.createKey(grants: ["DocumentReadonly", "FolderReadonly"], as: "root")
        #expect(try await world.decision(key.secret, "GET /documents/d-bob") == .deny(.noAccess))
        #expect(try await world.decision(key.secret, "GET /folders/f-alice") == .deny(.noAccess))
    }

    @Test(arguments: StoreKind.all) func adminMayUseAdminGrantsOnEndpointsThatAcceptThem(_ kind: StoreKind) async throws {
        let world = try await Self.world(kind)
        let key = try await world.createKey(grants: ["TeamsAdmin", "FolderAdmin"], as: "root")
        #expect(try await world.decision(key.secret, "GET /teams") == .allow)
        #expect(try await world.decision(key.secret, "POST /teams") == .allow)
        #expect(try await world.decision(key.secret, "POST /folders/search") == .allow)
        #expect(try await world.decision(key.secret, "GET /folders/f-bob") == .deny(.missingGrant))
    }
}
