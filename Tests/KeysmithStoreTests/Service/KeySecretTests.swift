import KeysmithTestSupport
import Testing

@testable import KeysmithCore
@testable import KeysmithStore

/// Docs: The key model: the secret is returned once; the store keeps its SHA-256 digest only; ids are
/// public and distinct from secrets; createdAt and lastUsedAt are recorded.
@Suite(.dropsTemporarySchemas) struct KeySecretTests {
    @Test(arguments: StoreKind.all) func createReturnsAWellFormedSecretWhoseDigestIsStored(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let key = try await world.createKey(grants: ["User"])
        let parsed = try #require(Secret(parsing: key.secret))
        #expect(key.secret.hasPrefix("ksk_"))
        #expect(key.secret.count == 40)
        #expect(try await world.storedKey(key.info.id)?.digest == SecretDigest(hashing: key.secret))
        #expect(parsed.digest == key.info.key.digest)
    }

    @Test(arguments: StoreKind.all) func secretNeverAppearsInKeyInfoListingsOrShow(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let key = try await world.createKey("ci", grants: ["User", "DocumentReadonly"])
        let shown = try await world.service.key(key.info.id, actor: "alice")
        let listed = try await world.service.keys(actor: "alice")
        for text in [allText(of: key.info), allText(of: shown), allText(of: listed)] {
            #expect(text.contains("ci"))  // the inspection sees the record's strings
            #expect(!text.contains(key.secret))
            #expect(!text.contains(key.secret.dropFirst(4).prefix(30)))
        }
    }

    @Test(arguments: StoreKind.all) func secretNeverAppearsInErrorsOrCheckResults(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let key = try await world.createKey(grants: ["User"])
        let id = key.info.id
        var texts: [String] = []
        for request in ["GET /users/me/profile", "GET /nowhere", "GET /auditLogs", "POST /documents/search", "GET /documents/x"] {
            texts.append(allText(of: try await world.check(key.secret, request)))
        }
        texts.append(allText(of: await keysmithError { try await world.service.changeGrants(id, to: ["User"], actor: "alice") } as Any))
        texts.append(allText(of: await keysmithError { try await world.service.extendKey(id, to: .never, actor: "alice") } as Any))
        texts.append(allText(of: await keysmithError { try await world.service.renameKey(id, to: "", actor: "alice") } as Any))
        _ = try await world.service.deleteKey(id, actor: "alice")
        texts.append(allText(of: try await world.check(key.secret, "GET /users/me/profile")))
        texts.append(allText(of: await keysmithError { try await world.service.deleteKey(id, actor: "alice") } as Any))
        for text in texts { #expect(!text.contains(key.secret.dropFirst(4))) }
    }

    @Test(arguments: StoreKind.all) func keyIDIsShortPublicAndDistinctFromTheSecret(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        var ids = Set<KeyID>()
        for i in 0..<50 {
            let key = try await world.createKey("k\(i)", grants: ["User"])
            let id = key.info.id.rawValue
            #expect(id.hasPrefix("key_") && id.count == 12)
            #expect(id != key.secret)
            #expect(!key.secret.contains(id))
            ids.insert(key.info.id)
        }
        #expect(ids.count == 50)
    }

    @Test(arguments: StoreKind.all) func knowingAKeyIDAuthenticatesNothing(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let key = try await world.createKey(grants: ["User"])
        #expect(try await world.decision(key.info.id.rawValue, "GET /users/me/profile") == .deny(.unknownKey))
    }

    @Test(arguments: StoreKind.all) func createdAtIsTheClockAtCreationAndLastUsedAtStartsEmpty(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        world.advance(seconds: 3_600)
        let key = try await world.createKey(grants: ["User"])
        #expect(key.info.key.createdAt == TestWorld.start + KeyDuration(seconds: 3_600))
        #expect(key.info.key.lastUsedAt == nil)
    }

    @Test(arguments: StoreKind.all) func onlyAllowedChecksSetLastUsedAt(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        try await world.addResources()
        let key = try await world.createKey(grants: ["User", "DocumentReadonly"])
        func lastUsed() async throws -> Instant? { try await world.service.key(key.info.id, actor: "alice").key.lastUsedAt }

        world.advance(seconds: 10)
        for denied in ["GET /nowhere", "GET /auditLogs", "POST /documents", "GET /documents/d-bob"] {
            #expect(try await world.check(key.secret, denied).allowed == false)
        }
        #expect(try await lastUsed() == nil)

        world.advance(seconds: 10)
        #expect(try await world.decision(key.secret, "GET /users/me/profile") == .allow)
        let firstUse = TestWorld.start + KeyDuration(seconds: 20)
        #expect(try await lastUsed() == firstUse)

        world.advance(seconds: 10)
        #expect(try await world.decision(key.secret, "GET /documents/d-bob") == .deny(.noAccess))
        #expect(try await lastUsed() == firstUse)

        world.advance(seconds: 10)
        #expect(try await world.decision(key.secret, "GET /documents/d-alice") == .allow)
        #expect(try await lastUsed() == TestWorld.start + KeyDuration(seconds: 40))
    }

    @Test(arguments: StoreKind.all) func expiredChecksDoNotSetLastUsedAt(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let key = try await world.createKey(grants: ["User"], expires: .after(KeyDuration(seconds: 5)))
        world.advance(seconds: 5)
        #expect(try await world.decision(key.secret, "GET /users/me/profile") == .deny(.expired))
        #expect(try await world.storedKey(key.info.id)?.lastUsedAt == nil)
    }
}
