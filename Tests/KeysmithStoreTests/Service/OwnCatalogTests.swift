import KeysmithCore
import KeysmithStore
import KeysmithTestSupport
import Testing

/// DESIGN §7: Lucid is the default, not the law. A store opened with a catalog of its own
/// (here an empty one) models only that API: none of Lucid's endpoints or grants, and the
/// endpoints it adds check as any catalog's do.
@Suite(.dropsTemporarySchemas) struct OwnCatalogTests {
    @Test(arguments: StoreKind.all) func aStoreWithItsOwnCatalogKnowsOnlyItsOwnEndpoints(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make(catalog: Catalog()))
        #expect(try await world.service.catalog().endpoints.isEmpty)
        _ = try await world.service.addEndpoint(
            method: "GET", path: "/reports/{id}", grants: ["ReportsRead"],
            access: nil, acceptsAPIKeys: true, actor: "me")
        let catalog = try await world.service.catalog()
        #expect(catalog.grantNames == ["ReportsRead"])
        #expect(catalog.endpoints.map(\.signature) == ["GET /reports/{id}"])

        let key = try await world.createKey(grants: ["ReportsRead"])
        #expect(try await world.decision(key.secret, "GET /reports/r7") == .allow)
        #expect(try await world.decision(key.secret, "GET /v1/documents/d1") == .deny(.unknownEndpoint))
        await #expect(throws: (any Error).self) { try await world.createKey(grants: ["DocumentReadonly"]) }
    }

    @Test(arguments: StoreKind.all) func theDefaultCatalogIsLucids(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        #expect(try await world.service.catalog().endpoints.count == Catalog.lucid.endpoints.count)
    }
}
