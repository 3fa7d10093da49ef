import KeysmithTestSupport
import Testing

@testable import KeysmithCore
@testable import KeysmithStore

/// Docs: The check: users add their own endpoints and grants, so the same tool models any API.
@Suite(.dropsTemporarySchemas) struct CustomEndpointTests {
    static func add(
        _ world: TestWorld, _ request: String, grants: [String], access: String? = nil,
        acceptsAPIKeys: Bool = true
    ) async throws -> Endpoint {
        let parts = request.split(separator: " ").map(String.init)
        return try await world.service.addEndpoint(
            method: parts[0], path: parts[1], grants: grants, access: access,
            acceptsAPIKeys: acceptsAPIKeys, actor: "me")
    }

    @Test(arguments: StoreKind.all) func newGrantsJoinTheCatalogAndCanBeGrantedAndUsed(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let endpoint = try await Self.add(world, "GET /widgets", grants: ["WidgetRead", "WidgetWrite"])
        #expect(endpoint.signature == "GET /widgets")
        #expect(endpoint.isCustom)
        let catalog = try await world.service.catalog()
        #expect(catalog.grantNames.suffix(2) == ["WidgetRead", "WidgetWrite"])
        #expect(catalog.customEndpoints.map(\.signature) == ["GET /widgets"])

        let key = try await world.createKey(grants: ["WidgetRead"])
        #expect(key.info.grantNames == ["WidgetRead"])
        #expect(try await world.decision(key.secret, "GET /widgets") == .allow)
        #expect(try await world.decision(key.secret, "GET /v1/widgets/") == .allow)
        let other = try await world.createKey(grants: ["DocumentReadonly"])
        #expect(try await world.decision(other.secret, "GET /widgets") == .deny(.missingGrant))
    }

    @Test(arguments: StoreKind.all) func customEndpointWithAnAccessRuleChecksTheResource(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        try await world.addResources()
        _ = try await Self.add(world, "get /documents/{id}/export", grants: ["DocumentExport"], access: "view id")
        let alice = try await world.createKey(grants: ["DocumentExport"], as: "alice")
        #expect(try await world.decision(alice.secret, "GET /documents/d-alice/export") == .allow)
        #expect(try await world.decision(alice.secret, "GET /documents/d-bob/export") == .deny(.noAccess))
    }

    @Test(arguments: StoreKind.all) func customLiteralEndpointBeatsTheDefaultParameterEndpoint(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        try await world.addResources()
        _ = try await Self.add(world, "GET /documents/recent", grants: ["DocumentRecent"])
        let key = try await world.createKey(grants: ["DocumentRecent", "DocumentReadonly"])
        #expect(try await world.check(key.secret, "GET /documents/recent").endpoint == "GET /documents/recent")
        #expect(try await world.check(key.secret, "GET /documents/d-alice").endpoint == "GET /documents/{id}")
        #expect(try await world.decision(key.secret, "GET /documents/recent") == .allow)
    }

    @Test(arguments: ["GET /documents/{id}", "GET /documents/{other}", "get /users", "POST /documents/search"])
    func duplicateEndpointIsRejectedAndChangesNothing(_ request: String) async throws {
        let world = try await TestWorld.withCast()
        let error = await keysmithError { try await Self.add(world, request, grants: ["Fresh"]) }
        guard case .endpointExists? = error?.kind else {
            Issue.record("got \(String(describing: error))")
            return
        }
        let catalog = try await world.service.catalog()
        #expect(!catalog.isGrant("Fresh"))
        #expect(catalog.endpoints.count == Catalog.lucid.endpoints.count)
    }

    @Test(arguments: StoreKind.all) func addingTheSameCustomEndpointTwiceIsRejected(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        _ = try await Self.add(world, "GET /widgets", grants: ["WidgetRead"])
        let error = await keysmithError { try await Self.add(world, "GET /widgets", grants: ["WidgetRead"]) }
        #expect(error == .endpointExists("GET /widgets"))
    }

    @Test(arguments: StoreKind.all) func badMethodIsRejectedWithASuggestion(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let error = await keysmithError { try await Self.add(world, "GTE /widgets", grants: ["WidgetRead"]) }
        #expect(error == .badMethod("GTE", suggestion: "GET"))
        #expect(error?.description.contains("(did you mean GET?)") == true)
    }

    @Test(arguments: ["widgets", "/", "/widgets//x", "/widgets/", "/widgets/{id", "/w/{id}/{id}"])
    func badPathIsRejected(_ path: String) async throws {
        let world = try await TestWorld.withCast()
        let error = await keysmithError {
            try await world.service.addEndpoint(
                method: "GET", path: path, grants: ["WidgetRead"], access: nil,
                acceptsAPIKeys: true, actor: "me")
        }
        guard case .badPath(let bad, _)? = error?.kind else {
            Issue.record("got \(String(describing: error))")
            return
        }
        #expect(bad == path)
        #expect(!(try await world.service.catalog().isGrant("WidgetRead")))
    }

    @Test(arguments: StoreKind.all) func accessRuleKindIsInferredFromThePath(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let document = try await Self.add(world, "GET /documents/{docId}/export", grants: ["X1"], access: "view docId")
        let folder = try await Self.add(world, "POST /folders/{f}/archive", grants: ["X2"], access: "edit f")
        let explicit = try await Self.add(world, "GET /widgets/{w}", grants: ["X3"], access: "view folder w")
        #expect(document.access == .view(.document, parameter: "docId"))
        #expect(folder.access == .edit(.folder, parameter: "f"))
        #expect(explicit.access == .view(.folder, parameter: "w"))
        #expect(try await Self.add(world, "GET /plain", grants: ["X4"]).access == AccessRule.none)
    }

    @Test(arguments: StoreKind.all) func accessRuleWhoseKindCannotBeInferredIsRejected(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let error = await keysmithError { try await Self.add(world, "GET /widgets/{id}", grants: ["WidgetRead"], access: "view id") }
        guard case .badAccessRule(let rule, let problem)? = error?.kind else {
            Issue.record("got \(String(describing: error))")
            return
        }
        #expect(rule == "view id")
        #expect(problem.contains("cannot tell whether {id} names a document or a folder"))
        #expect(!(try await world.service.catalog().isGrant("WidgetRead")))
    }

    @Test(arguments: StoreKind.all) func endpointThatRefusesAPIKeysDeniesAsNotAPIKeyEndpoint(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let endpoint = try await Self.add(world, "POST /internal/reindex", grants: [], acceptsAPIKeys: false)
        #expect(!endpoint.acceptsAPIKeys)
        let key = try await world.createKey(grants: ["User"])
        let result = try await world.check(key.secret, "POST /internal/reindex")
        #expect(result.decision == .deny(.notAPIKeyEndpoint))
        #expect(result.status == 403)
    }

    @Test(arguments: StoreKind.all) func endpointThatRefusesAPIKeysCannotListGrants(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let error = await keysmithError { try await Self.add(world, "post /internal", grants: ["Ops"], acceptsAPIKeys: false) }
        #expect(error == .noAPIKeyEndpointWithGrants("POST /internal"))
        #expect(!(try await world.service.catalog().isGrant("Ops")))
    }

    @Test(arguments: StoreKind.all) func apiKeyEndpointNeedsAGrant(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let error = await keysmithError { try await Self.add(world, "GET /widgets", grants: []) }
        #expect(error == .endpointNeedsGrants("GET /widgets"))
    }

    @Test(arguments: StoreKind.all) func addedAdminGrantOnlyWorksForAdmins(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        _ = try await Self.add(world, "GET /widgets", grants: ["WidgetAdmin"])
        let error = await keysmithError { try await world.createKey(grants: ["WidgetAdmin"], as: "alice") }
        #expect(error == .adminGrantNeedsAdmin(grant: "WidgetAdmin", user: "alice"))
        let key = try await world.createKey(grants: ["WidgetAdmin"], as: "root")
        #expect(try await world.decision(key.secret, "GET /widgets") == .allow)
    }

    @Test(arguments: StoreKind.all) func customEndpointsAreKeptByTheStore(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        _ = try await Self.add(world, "GET /widgets", grants: ["WidgetRead"])
        // A second service over the same store sees the endpoint and its grant.
        let again = KeyService(store: world.store, clock: world.clock, random: SeededRandomSource(seed: 1))
        #expect(try await again.catalog().customEndpoints.map(\.signature) == ["GET /widgets"])
        let key = try await again.createKey(name: "w", expires: .never, grants: ["WidgetRead"], actor: "alice")
        #expect(try await again.check(secret: key.secret, method: "GET", path: "/widgets").allowed)
    }
}
