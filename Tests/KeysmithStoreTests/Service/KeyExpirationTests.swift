import KeysmithTestSupport
import Testing

@testable import KeysmithCore
@testable import KeysmithStore

/// Docs: The key model: the expiration is fixed at creation; a key is valid while now < expiresAt and
/// expired at expiresAt exactly; expired keys are never made valid again.
@Suite(.dropsTemporarySchemas) struct KeyExpirationTests {
    @Test(arguments: StoreKind.all) func keyIsValidUntilTheSecondBeforeExpiryAndExpiredAtIt(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let key = try await world.createKey(grants: ["User"], expires: .after(TestWorld.thirtyDays))
        let expiresAt = try #require(key.info.key.expiration.instant)
        #expect(expiresAt == TestWorld.start + TestWorld.thirtyDays)

        world.clock.set(Instant(secondsSinceEpoch: expiresAt.secondsSinceEpoch - 1))
        #expect(try await world.decision(key.secret, "GET /users/me/profile") == .allow)
        #expect(try await world.service.key(key.info.id, actor: "alice").status == .active)

        world.advance(seconds: 1)
        #expect(world.clock.now() == expiresAt)
        let result = try await world.check(key.secret, "GET /users/me/profile")
        #expect(result.decision == .deny(.expired))
        #expect(result.status == 401)
        #expect(try await world.service.key(key.info.id, actor: "alice").status == .expired)
    }

    @Test(arguments: StoreKind.all) func expirationAtAnInstantIsKeptExactly(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let end = Instant(parsing: "2026-01-31")!
        let key = try await world.createKey(grants: ["User"], expires: .at(end))
        #expect(key.info.key.expiration == .at(end))
        world.clock.set(Instant(parsing: "2026-01-30T23:59:59Z")!)
        #expect(try await world.decision(key.secret, "GET /users/me/profile") == .allow)
        world.clock.set(end)
        #expect(try await world.decision(key.secret, "GET /users/me/profile") == .deny(.expired))
    }

    @Test(arguments: [Int64(0), -1, -86_400, -1_000_000_000])
    func expirationNotInTheFutureIsRejected(_ offset: Int64) async throws {
        let world = try await TestWorld.withCast()
        let when = Instant(secondsSinceEpoch: TestWorld.start.secondsSinceEpoch + offset)
        let error = await keysmithError { try await world.createKey(grants: ["User"], expires: .at(when)) }
        #expect(error == .expirationNotInFuture(when, now: TestWorld.start))
        #expect(error?.description.contains("is not in the future") == true)
        #expect(try await world.service.keys(actor: "alice").isEmpty)
    }

    @Test(arguments: StoreKind.all) func expirationOneSecondAheadIsAccepted(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let key = try await world.createKey(
            grants: ["User"], expires: .at(Instant(secondsSinceEpoch: TestWorld.start.secondsSinceEpoch + 1)))
        #expect(try await world.decision(key.secret, "GET /users/me/profile") == .allow)
        world.advance(seconds: 1)
        #expect(try await world.decision(key.secret, "GET /users/me/profile") == .deny(.expired))
    }

    @Test(arguments: StoreKind.all) func neverExpiringKeyIsAllowedWithAWarning(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let key = try await world.createKey(grants: ["User"], expires: .never)
        #expect(key.info.key.expiration == .never)
        let warning = try #require(key.warning)
        #expect(warning.contains("never expires"))
        #expect(!warning.contains(key.secret))
        // The service's words reach embedders and HTTP clients: the flag that avoids the
        // warning (`--expires`) is the interpreter's to add, not the model's.
        #expect(!warning.contains("--"), "\(warning)")
        world.clock.set(Instant(parsing: "9999-12-31T23:59:59Z")!)
        #expect(try await world.decision(key.secret, "GET /users/me/profile") == .allow)
    }

    @Test(arguments: StoreKind.all) func expiringKeyHasNoWarning(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        #expect(try await world.createKey(grants: ["User"]).warning == nil)
    }

    @Test(arguments: StoreKind.all) func extendingAnExpiredKeyFailsAndSaysToCreateANewKey(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let key = try await world.createKey(grants: ["User"], expires: .after(KeyDuration(seconds: 60)))
        world.advance(seconds: 120)
        for request in [ExpirationRequest.never, .after(TestWorld.thirtyDays), .at(Instant(parsing: "2030-01-01")!)] {
            let error = await keysmithError { try await world.service.extendKey(key.info.id, to: request, actor: "alice") }
            #expect(error == .expirationFixed(key.info.id, expiredAt: TestWorld.start + KeyDuration(seconds: 60)))
            #expect(error?.description.contains("expired keys cannot be renewed — create a new key") == true)
        }
        #expect(try await world.decision(key.secret, "GET /users/me/profile") == .deny(.expired))
        #expect(try await world.storedKey(key.info.id)?.expiration == .at(TestWorld.start + KeyDuration(seconds: 60)))
    }

    @Test(arguments: [ExpirationRequest.after(TestWorld.thirtyDays), .never])
    func extendingAnActiveKeyFailsBecauseTheExpirationIsFixed(_ original: ExpirationRequest) async throws {
        let world = try await TestWorld.withCast()
        let key = try await world.createKey(grants: ["User"], expires: original)
        let error = await keysmithError { try await world.service.extendKey(key.info.id, to: .after(TestWorld.thirtyDays), actor: "alice") }
        #expect(error == .expirationFixed(key.info.id, expiredAt: nil))
        #expect(error?.description.contains("fixed at creation") == true)
        #expect(error?.description.contains("create a new key") == true)
        #expect(try await world.storedKey(key.info.id)?.expiration == key.info.key.expiration)
    }

    @Test(arguments: StoreKind.all) func extendingADeletedKeySaysItWasDeleted(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let key = try await world.createKey(grants: ["User"])
        _ = try await world.service.deleteKey(key.info.id, actor: "alice")
        let error = await keysmithError { try await world.service.extendKey(key.info.id, to: .never, actor: "alice") }
        #expect(error == .keyDeleted(key.info.id, at: TestWorld.start))
    }

    @Test(arguments: StoreKind.all) func durationCountsFromTheClocksNow(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        world.clock.set(Instant(parsing: "2027-06-01T12:00:00Z")!)
        let key = try await world.createKey(grants: ["User"], expires: .after(KeyDuration(parsing: "1d12h")!))
        #expect(key.info.key.expiration.description == "2027-06-03T00:00:00Z")
        #expect(key.info.key.createdAt.description == "2027-06-01T12:00:00Z")
    }
}
