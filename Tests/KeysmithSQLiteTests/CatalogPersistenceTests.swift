import GRDB
import KeysmithCore
import KeysmithStore
import KeysmithTestSupport
import Testing

@testable import KeysmithSQLite

/// Custom endpoints persist in the order added, so grant indices stay stable; the cached
/// catalog follows endpoints added by another connection (another process) and never keeps
/// one from a transaction that rolled back.
@Suite struct CatalogPersistenceTests {
    @Test func customEndpointsKeepTheirOrderAndGrantIndices() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("store.sqlite")
        let expected: Catalog
        do {
            let world = TestWorld(store: try SQLiteStore(path: path))
            for (i, path) in ["/z", "/a", "/m/{id}"].enumerated() {
                _ = try await world.service.addEndpoint(
                    method: "GET", path: path, grants: ["Custom\(2 - i)", "User"],
                    access: nil, acceptsAPIKeys: true, actor: "me")
            }
            expected = try await world.service.catalog()
        }
        let reopened = try await TestWorld(store: try SQLiteStore(path: path)).service.catalog()
        #expect(reopened.grantNames == expected.grantNames)
        #expect(reopened.customEndpoints.map(\.signature) == ["GET /z", "GET /a", "GET /m/{id}"])
        #expect(reopened.customEndpoints.map(\.grants) == expected.customEndpoints.map(\.grants))
    }

    /// A store that added, say, `GET /teams/{teamId}` before the default catalog had it keeps
    /// opening: the default endpoint wins, and the stored one's grants stay known, so keys
    /// holding them still read back.
    @Test func aCustomEndpointTheDefaultCatalogNowHasGivesWayToIt() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("store.sqlite")
        let secret: String
        do {
            let world = TestWorld(store: try SQLiteStore(path: path))
            _ = try await world.service.addEndpoint(
                method: "GET", path: "/placeholder/{teamId}", grants: ["TeamRead"],
                access: nil, acceptsAPIKeys: true, actor: "me")
            secret = try await world.service.createKey(
                name: "t", expires: .never, grants: ["TeamRead", "User"],
                actor: "me"
            ).secret
        }
        try await DatabaseQueue(path: path).write { db in
            try db.execute(sql: "UPDATE custom_endpoints SET path = '/teams/{teamId}' WHERE path = '/placeholder/{teamId}'")
        }
        let reopened = TestWorld(store: try SQLiteStore(path: path))
        let catalog = try await reopened.service.catalog()
        #expect(catalog.isGrant("TeamRead"))
        #expect(catalog.customEndpoints.isEmpty)
        let result = try await reopened.check(secret, "GET /teams/t1")
        #expect(result.decision == .deny(.missingGrant))
        #expect(result.endpoint == "GET /teams/{id}")
        #expect(try await reopened.check(secret, "GET /users/me/profile").decision == .allow)
    }

    @Test func anEndpointAddedByAnotherConnectionIsSeen() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("store.sqlite")
        let first = TestWorld(store: try SQLiteStore(path: path))
        let second = TestWorld(store: try SQLiteStore(path: path))
        #expect(try await !second.service.catalog().isGrant("Reports"))
        _ = try await first.service.addEndpoint(
            method: "GET", path: "/reports", grants: ["Reports"], access: nil,
            acceptsAPIKeys: true, actor: "me")
        #expect(try await second.service.catalog().isGrant("Reports"))
        let key = try await second.service.createKey(name: "r", expires: .never, grants: ["Reports"], actor: "me")
        #expect(try await first.check(key.secret, "GET /reports").decision == .allow)
    }

    /// A replacement can leave as many custom endpoints, and as high a last rate-limit change,
    /// as a state another connection cached long before; its marker change keeps them apart.
    @Test func aReplacementByAnotherConnectionIsSeenEvenWithTheSameEndpointCount() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("store.sqlite")
        let first = TestWorld(store: try SQLiteStore(path: path))
        let second = TestWorld(store: try SQLiteStore(path: path))
        func endpoint(_ path: String, _ grant: String) throws -> Endpoint {
            try Endpoint(method: "GET", path: try PathTemplate(parsing: path), acceptsAPIKeys: true, grantNames: [grant], access: .none)
        }
        _ = try await first.service.importEndpoints([try endpoint("/old", "Old")], actor: "me")
        #expect(try await second.service.catalog().isGrant("Old"))  // cached: one custom endpoint
        _ = try await first.service.importEndpoints([try endpoint("/new", "New")], replace: true, actor: "me")
        let seen = try await second.service.catalog()
        #expect(seen.customEndpoints.map(\.signature) == ["GET /new"])
        #expect(!seen.isGrant("Old"))
    }

    @Test func anEndpointFromARolledBackTransactionIsForgotten() async throws {
        struct Boom: Error {}
        let store = try SQLiteStore.temporary()
        _ = try await store.read { try await $0.catalog() }  // warm the cache
        await #expect(throws: Boom.self) {
            try await store.write { tx in
                try await tx.insertCustomEndpoint(
                    Endpoint(
                        method: "GET", path: try PathTemplate(parsing: "/gone"),
                        acceptsAPIKeys: true, grantNames: ["Gone"], access: .none,
                        isCustom: true))
                #expect(try await tx.catalog().isGrant("Gone"))
                throw Boom()
            }
        }
        #expect(try await store.read { try await $0.catalog() }.isGrant("Gone") == false)
        try await store.write { tx in
            try await tx.insertCustomEndpoint(
                Endpoint(
                    method: "GET", path: try PathTemplate(parsing: "/kept"),
                    acceptsAPIKeys: true, grantNames: ["Kept"], access: .none, isCustom: true))
        }
        let catalog = try await store.read { try await $0.catalog() }
        #expect(catalog.isGrant("Kept") && !catalog.isGrant("Gone"))
    }

    @Test(arguments: ["none", "admin", "view id", "edit id", "view folder id", "edit document id"])
    func accessRulesRoundTrip(_ rule: String) async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("store.sqlite")
        let added: Endpoint
        do {
            let world = TestWorld(store: try SQLiteStore(path: path))
            added = try await world.service.addEndpoint(
                method: "PUT", path: "/documents/{id}/things", grants: ["Things"],
                access: rule, acceptsAPIKeys: true, actor: "me")
        }
        let catalog = try await SQLiteStore(path: path).read { try await $0.catalog() }
        #expect(catalog.customEndpoints.first?.access == added.access)
    }
}
