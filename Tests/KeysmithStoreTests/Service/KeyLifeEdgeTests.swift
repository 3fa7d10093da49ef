import KeysmithTestSupport
import Testing

@testable import KeysmithCore
@testable import KeysmithStore

/// The edges a hostile review of the key life found, each held shut: a rolled key never outlives its
/// replacement, a rate limit holds to the end of time, a custom endpoint cannot shadow a
/// built-in one through a version prefix, and a key in its grace period counts as expiring.
@Suite(.dropsTemporarySchemas) struct KeyLifeEdgeTests {
    @Test(arguments: StoreKind.all) func deletingAReplacementEndsItsPredecessorsGrace(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let old = try await world.createKey(grants: ["User"])
        let rolled = try await world.service.rollKey(old.info.id, grace: KeyDuration(seconds: 3_600), actor: "alice")
        #expect(try await world.decision(old.secret, "GET /users/me/profile") == .allow)
        _ = try await world.service.deleteKey(rolled.created.info.id, actor: "alice")
        #expect(try await world.decision(old.secret, "GET /users/me/profile") == .deny(.deleted))
        #expect(try await world.service.auditLog().contains { $0.action == .keyRetire && $0.keyID == old.info.id })
    }

    @Test(arguments: StoreKind.all) func inAChainTheOldestKeyNeverOutlivesItsReplacement(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let a = try await world.createKey(grants: ["User"], expires: .never)
        let b = try await world.service.rollKey(a.info.id, grace: KeyDuration(seconds: 30 * 86_400), actor: "alice")
        _ = try await world.service.rollKey(b.created.info.id, grace: KeyDuration(seconds: 3_600), actor: "alice")
        world.advance(seconds: 3_600)
        #expect(try await world.decision(a.secret, "GET /users/me/profile") == .deny(.deleted))
        #expect(try await world.decision(b.created.secret, "GET /users/me/profile") == .deny(.deleted))
    }

    @Test func aRateLimitHoldsAtTheLatestInstant() {
        let limit = RateLimit(count: 1, period: KeyDuration(seconds: 3_600), scope: .account)
        let late = Instant.latest
        guard case .admitted(let window) = RateWindow.admit(nil, at: late, under: limit) else {
            Issue.record("the first request is admitted")
            return
        }
        // Still limited; the wait never points past the latest instant (1 s is all there is to say there).
        #expect(RateWindow.admit(window, at: late, under: limit) == .limited(retryAfterSeconds: 1))
        let early = Instant(parsing: "9999-12-31T23:30:00Z")!
        #expect(RateWindow.admit(RateWindow(start: early, count: 1), at: early, under: limit) == .limited(retryAfterSeconds: 1_799))
    }

    @Test(arguments: StoreKind.all) func aCustomEndpointPathCannotStartWithAVersion(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let error = await keysmithError {
            try await world.service.addEndpoint(
                method: "GET", path: "/v1/users/me/profile", grants: ["Rep"], access: nil,
                acceptsAPIKeys: true, actor: "me")
        }
        #expect(error?.description.contains("without its API version") == true)
    }

    @Test(arguments: StoreKind.all) func aLimitNamesItsEndpointByTemplateWithOrWithoutV1(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let endpoint = try await world.service.setRateLimit(
            RateLimit(count: 5, period: KeyDuration(seconds: 5)), method: "get",
            path: "/v1/users/me/profile", actor: "me")
        #expect(endpoint.signature == "GET /users/me/profile")
        let concrete = await keysmithError {
            try await world.service.setRateLimit(nil, method: "GET", path: "/documents/d1", actor: "me")
        }
        #expect(concrete == .unknownEndpoint("GET /documents/d1", template: "GET /documents/{id}"))
        let noKeys = await keysmithError {
            try await world.service.setRateLimit(
                RateLimit(count: 1, period: KeyDuration(seconds: 1)), method: "POST",
                path: "/users", actor: "me")
        }
        #expect(noKeys == .limitOnNoAPIKeyEndpoint("POST /users"))
    }

    @Test(arguments: StoreKind.all) func aKeyInItsGracePeriodIsListedAsExpiringWhenItRetires(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let old = try await world.createKey(grants: ["User"])
        _ = try await world.service.rollKey(old.info.id, grace: KeyDuration(seconds: 3_600), actor: "alice")
        let expiring = try await world.service.keys(actor: "alice", expiringWithin: KeyDuration(seconds: 7_200))
        #expect(expiring.map(\.id) == [old.info.id])
        #expect(expiring.first?.timeLeft == KeyDuration(seconds: 3_600))
    }
}
