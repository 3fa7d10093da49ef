import KeysmithTestSupport
import Testing

@testable import KeysmithCore
@testable import KeysmithStore

/// The check (Docs: The check) through the service: one reason per denial, decided in order, with its status.
@Suite(.dropsTemporarySchemas) struct CheckOrderTests {
    /// A world with alice's documents and folders and a key for her holding `grants`.
    static func aliceKey(
        _ grants: [String], expires: ExpirationRequest = .after(TestWorld.thirtyDays)
    ) async throws -> (TestWorld, CreatedKey) {
        let world = try await TestWorld.withCast()
        try await world.addResources()
        return (world, try await world.createKey(grants: grants, expires: expires))
    }

    @Test(arguments: StoreKind.all) func everyReasonMapsToItsStatusAndAllowTo200(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        try await world.addResources()
        let live = try await world.createKey(grants: ["User", "DocumentReadonly"])
        let deleted = try await world.createKey(grants: ["User"])
        let expiring = try await world.createKey(grants: ["User"], expires: .after(KeyDuration(seconds: 1)))
        _ = try await world.service.deleteKey(deleted.info.id, actor: "alice")
        world.advance(seconds: 1)
        let rows: [(secret: String, request: String, decision: Decision, status: Int)] = [
            ("ksk_malformed", "GET /users/me/profile", .deny(.unknownKey), 401),
            (deleted.secret, "GET /users/me/profile", .deny(.deleted), 401),
            (expiring.secret, "GET /users/me/profile", .deny(.expired), 401),
            (live.secret, "GET /no/such/endpoint", .deny(.unknownEndpoint), 404),
            (live.secret, "GET /auditLogs", .deny(.notAPIKeyEndpoint), 403),
            (live.secret, "POST /documents", .deny(.missingGrant), 403),
            (live.secret, "GET /documents/d-bob", .deny(.noAccess), 403),
            (live.secret, "GET /documents/d-alice", .allow, 200),
        ]
        for row in rows {
            let result = try await world.check(row.secret, row.request)
            #expect(result.decision == row.decision, "\(row.request)")
            #expect(result.status == row.status, "\(row.request)")
            #expect(result.allowed == (row.status == 200))
            #expect(!result.explanation.isEmpty)
        }
    }

    @Test func deletedBeatsExpired() async throws {
        let (world, key) = try await Self.aliceKey(["User"], expires: .after(KeyDuration(seconds: 1)))
        _ = try await world.service.deleteKey(key.info.id, actor: "alice")
        world.advance(seconds: 10)
        #expect(try await world.decision(key.secret, "GET /nowhere") == .deny(.deleted))
    }

    @Test(arguments: [
        "GET /nowhere",  // unknown endpoint
        "GET /auditLogs",  // not an API key endpoint
        "POST /documents",  // missing grant
        "GET /documents/d-bob",  // no access
        "GET /users/me/profile",  // would be allowed
    ])
    func expiredBeatsEveryLaterReason(_ request: String) async throws {
        let (world, key) = try await Self.aliceKey(["User", "DocumentReadonly"], expires: .after(KeyDuration(seconds: 60)))
        world.advance(seconds: 60)
        #expect(try await world.decision(key.secret, request) == .deny(.expired))
    }

    @Test func unknownEndpointBeatsNotAPIKeyEndpoint() async throws {
        // /auditLogs/query exists only as POST, and refuses API keys; GET there is no endpoint at all.
        let (world, key) = try await Self.aliceKey(["User"])
        #expect(try await world.decision(key.secret, "POST /auditLogs/query") == .deny(.notAPIKeyEndpoint))
        #expect(try await world.decision(key.secret, "GET /auditLogs/query") == .deny(.unknownEndpoint))
    }

    @Test func notAPIKeyEndpointBeatsMissingGrant() async throws {
        // The key holds none of the (zero) grants of these endpoints, yet the answer is not_api_key_endpoint.
        let (world, key) = try await Self.aliceKey(["User"])
        for request in [
            "POST /users", "POST /transferUserContent", "POST /documents/d-alice/shares/shareLinks",
            "GET /documents/d-alice/shares/shareLinks/l1", "POST /documents/d-alice/embeds", "GET /auditLogs",
        ] {
            #expect(try await world.decision(key.secret, request) == .deny(.notAPIKeyEndpoint), "\(request)")
        }
    }

    @Test func missingGrantBeatsNoAccess() async throws {
        let (world, key) = try await Self.aliceKey(["FolderReadonly"])
        #expect(try await world.decision(key.secret, "GET /documents/d-bob") == .deny(.missingGrant))
        #expect(try await world.decision(key.secret, "GET /documents/no-such-doc") == .deny(.missingGrant))
    }

    @Test func noAccessWhenTheUserCannotReachTheResource() async throws {
        let (world, key) = try await Self.aliceKey(["DocumentReadonly", "FolderReadonly"])
        #expect(try await world.decision(key.secret, "GET /documents/d-bob") == .deny(.noAccess))
        #expect(try await world.decision(key.secret, "GET /folders/f-bob") == .deny(.noAccess))
        #expect(try await world.decision(key.secret, "GET /documents/no-such-doc") == .deny(.noAccess))
    }

    @Test(arguments: ["", "ksk_", "ksk_short", "ghp_abc", "not a secret at all", "ksk_" + String(repeating: "a", count: 36)])
    func malformedSecretIsUnknownKey(_ text: String) async throws {
        let (world, _) = try await Self.aliceKey(["User"])
        let result = try await world.check(text, "GET /users/me/profile")
        #expect(result.decision == .deny(.unknownKey))
        #expect(result.keyID == nil)
    }

    @Test func oneChangedCharacterIsUnknownKeyWithoutAnyLookup() async throws {
        let spy = SpyStore()
        let world = try await TestWorld.withCast(store: spy)
        let key = try await world.createKey(grants: ["User"])
        var chars = Array(key.secret)
        chars[20] = chars[20] == "a" ? "b" : "a"
        let mistyped = String(chars)

        let before = spy.lookupCount
        let result = try await world.check(mistyped, "GET /users/me/profile")
        #expect(result.decision == .deny(.unknownKey))
        #expect(spy.lookupCount == before, "a bad checksum must be rejected before any lookup")

        // The spy does see lookups: a well-formed secret is looked up once.
        #expect(try await world.decision(key.secret, "GET /users/me/profile") == .allow)
        #expect(spy.lookupCount == before + 1)
    }

    @Test func wellFormedSecretOfNoKeyIsUnknownKeyAfterALookup() async throws {
        let spy = SpyStore()
        let world = try await TestWorld.withCast(store: spy)
        _ = try await world.createKey(grants: ["User"])
        let stranger = Secret(generatingWith: SeededRandomSource(seed: 123_456)).text
        let before = spy.lookupCount
        let result = try await world.check(stranger, "GET /users/me/profile")
        #expect(result.decision == .deny(.unknownKey))
        #expect(result.keyID == nil)
        #expect(spy.lookupCount == before + 1)
    }

    @Test func secretOfAKeyInAnotherStoreIsUnknownKey() async throws {
        let here = try await TestWorld.withCast(seed: 1)
        let there = try await TestWorld.withCast(seed: 2)
        let foreign = try await there.createKey(grants: ["User"])
        _ = try await here.createKey(grants: ["User"])
        #expect(try await here.decision(foreign.secret, "GET /users/me/profile") == .deny(.unknownKey))
    }

    @Test func checkAcceptsTheRequestFormsLucidAccepts() async throws {
        let (world, key) = try await Self.aliceKey(["DocumentReadonly"])
        for request in [
            "GET /documents/d-alice", "get /documents/d-alice", "GET /v1/documents/d-alice",
            "GET /documents/d-alice/", "GET /documents/d-alice?fields=all",
        ] {
            #expect(try await world.decision(key.secret, request) == .allow, "\(request)")
        }
    }

    @Test func resultNamesTheKeyAndTheMatchedEndpoint() async throws {
        let (world, key) = try await Self.aliceKey(["DocumentReadonly"])
        let result = try await world.check(key.secret, "GET /v1/documents/d-alice/contents")
        #expect(result.keyID == key.info.id)
        #expect(result.endpoint == "GET /documents/{id}/contents")
        #expect(try await world.check(key.secret, "GET /nowhere").endpoint == nil)
    }
}
