import KeysmithTestSupport
import Testing

@testable import KeysmithCore
@testable import KeysmithStore

/// `catalog import`'s store side: an imported catalog's endpoints join the store's catalog as
/// the description gives them (any grant included), an endpoint already held as it is adds
/// nothing, and any misfit leaves the catalog as it was.
@Suite(.dropsTemporarySchemas) struct EndpointImportTests {
    static func endpoint(
        _ method: String, _ path: String, grants: [String], keys: Bool = true, version: Int = 1,
        limit: RateLimit? = nil
    ) throws -> Endpoint {
        try Endpoint(
            method: method, path: try PathTemplate(parsing: path), version: version, acceptsAPIKeys: keys,
            grantNames: grants, access: .none, rateLimit: limit)
    }

    @Test(arguments: StoreKind.all) func anImportedEndpointMayAcceptAnyGrant(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let result = try await world.service.importEndpoints(
            [try Self.endpoint("POST", "/links/describe", grants: [])], actor: "me")
        #expect(result.added.map(\.signature) == ["POST /links/describe"])
        let stored = try #require(try await world.service.catalog().customEndpoints.first)
        #expect(stored.acceptsAnyGrant && stored.isCustom)
        let key = try await world.createKey(grants: ["DocumentReadonly"])
        #expect(try await world.decision(key.secret, "POST /links/describe") == .allow)
    }

    @Test(arguments: StoreKind.all) func theStoresOwnCatalogImportsAsNoChange(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let before = try await world.service.catalog()
        let result = try await world.service.importEndpoints(before.endpoints, actor: "me")
        #expect(result.added.isEmpty && result.unchanged == Catalog.lucid.endpoints.count)
        let after = try await world.service.catalog()
        #expect(after.endpoints.map(\.signature) == before.endpoints.map(\.signature))
        #expect(after.customEndpoints.isEmpty)
    }

    @Test(arguments: StoreKind.all) func reimportingTheSameEndpointsAddsNothing(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let limit = RateLimit(count: 2, period: KeyDuration(seconds: 60), scope: .key)
        let endpoints = [
            try Self.endpoint("GET", "/reports", grants: ["ReportRead"], limit: limit),
            try Self.endpoint("GET", "/reports/{id}", grants: []),
        ]
        _ = try await world.service.importEndpoints(endpoints, actor: "me")
        let again = try await world.service.importEndpoints(endpoints, actor: "me")
        #expect(again.added.isEmpty && again.unchanged == 2)
        #expect(try await world.service.catalog().customEndpoints.count == 2)
    }

    @Test(arguments: StoreKind.all) func anEndpointHeldWithOtherRulesIsRefusedAndNothingChanges(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let error = await keysmithError {
            try await world.service.importEndpoints(
                [
                    try Self.endpoint("GET", "/widgets", grants: ["WidgetRead"]),
                    try Self.endpoint("GET", "/documents/{id}", grants: ["WidgetRead"]),
                ], actor: "me")
        }
        #expect(error == .endpointExists("GET /documents/{id}"))
        let catalog = try await world.service.catalog()
        #expect(catalog.customEndpoints.isEmpty && !catalog.isGrant("WidgetRead"))
    }

    @Test(arguments: StoreKind.all) func aNewEndpointUnderAnotherVersionIsRefused(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let error = await keysmithError {
            try await world.service.importEndpoints(
                [try Self.endpoint("GET", "/widgets", grants: ["W"]), try Self.endpoint("GET", "/gadgets", grants: ["W"], version: 3)],
                actor: "me")
        }
        #expect(error == .versionedCustomEndpoint("GET /v3/gadgets"))
        #expect(try await world.service.catalog().customEndpoints.isEmpty)
    }

    @Test(arguments: StoreKind.all) func aReplacementTakesTheCustomEndpointsPlaceWithTheirLimits(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let limit = RateLimit(count: 1, period: KeyDuration(seconds: 3600))
        _ = try await world.service.importEndpoints(
            [try Self.endpoint("GET", "/old", grants: ["Old"], limit: limit), try Self.endpoint("GET", "/kept", grants: ["Kept"])],
            actor: "me")
        let key = try await world.createKey(grants: ["Kept"])
        let result = try await world.service.importEndpoints(
            [try Self.endpoint("GET", "/kept", grants: ["Kept"]), try Self.endpoint("GET", "/new", grants: ["New", "Kept"])],
            replace: true, actor: "me")
        #expect(result.removed.map(\.signature) == ["GET /old", "GET /kept"])
        #expect(result.added.map(\.signature) == ["GET /kept", "GET /new"])
        let catalog = try await world.service.catalog()
        #expect(catalog.customEndpoints.map(\.signature) == ["GET /kept", "GET /new"])
        #expect(catalog.endpoints.count == Catalog.lucid.endpoints.count + 2)
        #expect(!catalog.isGrant("Old"))
        #expect(try await world.decision(key.secret, "GET /old") == .deny(.unknownEndpoint))
        #expect(try await world.decision(key.secret, "GET /new") == .allow)
        // The key's grants are the same names (a memory store renumbers them).
        #expect(try await world.service.key(key.info.id, actor: "alice").grantNames == ["Kept"])
        // A limit set on a removed endpoint went with it; a later store read still works.
        _ = try await world.service.importEndpoints([try Self.endpoint("GET", "/old", grants: ["Kept"])], actor: "me")
        #expect(
            try await world.service.catalog().endpoint(method: "GET", path: try PathTemplate(parsing: "/old"), version: 1)?.rateLimit == nil
        )
    }

    @Test(arguments: StoreKind.all) func aReplacementThatDropsAGrantAKeyHoldsIsRefusedWhole(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        _ = try await world.service.importEndpoints(
            [try Self.endpoint("GET", "/a", grants: ["GrantA"]), try Self.endpoint("GET", "/b", grants: ["GrantB"])], actor: "me")
        let a = try await world.createKey(grants: ["GrantA"])
        let b = try await world.createKey(grants: ["GrantB"])
        _ = try await world.service.deleteKey(b.info.id, actor: "alice")
        let before = try await world.service.catalog()
        let error = await keysmithError {
            try await world.service.importEndpoints([try Self.endpoint("GET", "/c", grants: ["GrantC"])], replace: true, actor: "me")
        }
        #expect(
            error
                == .catalogDropsHeldGrants([a.info.id: ["GrantA"], b.info.id: ["GrantB"]]))
        let after = try await world.service.catalog()
        #expect(after.customEndpoints.map(\.signature) == before.customEndpoints.map(\.signature))
        #expect(try await world.decision(a.secret, "GET /a") == .allow)
    }
}
