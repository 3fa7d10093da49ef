import KeysmithTestSupport
import Testing

@testable import KeysmithCore
@testable import KeysmithStore

/// Docs: The key model, Time: time only moves forward, per store. Each test here failed before the store
/// kept its latest instant (an expired key came back after the clock moved back or in the next
/// session on the same store).
@Suite(.dropsTemporarySchemas) struct StoreTimeTests {
    @Test(arguments: StoreKind.all) func settingTheClockBeforeTheStoresLatestInstantIsRefused(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let key = try await world.createKey(grants: ["User"], expires: .after(TestWorld.thirtyDays))
        try await world.service.advanceClock(by: KeyDuration(seconds: 31 * 86_400))
        #expect(try await world.decision(key.secret, "GET /users/me/profile") == .deny(.expired))

        let error = await keysmithError { try await world.service.setClock(to: TestWorld.start) }
        #expect(error == .clockBeforeStoreTime(TestWorld.start, latest: try TestWorld.start.adding(KeyDuration(seconds: 31 * 86_400))))
        #expect(try await world.decision(key.secret, "GET /users/me/profile") == .deny(.expired))
        #expect(try await world.service.key(key.info.id, actor: "alice").status == .expired)
    }

    /// The session's own clock (an embedder's manual clock) moved back is overruled by the store.
    @Test(arguments: StoreKind.all) func aSessionClockBehindTheStoreRunsAtTheStoresLatestInstant(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let key = try await world.createKey(grants: ["User"], expires: .after(TestWorld.thirtyDays))
        world.advance(seconds: 31 * 86_400)
        #expect(try await world.decision(key.secret, "GET /users/me/profile") == .deny(.expired))
        world.clock.set(TestWorld.start)
        #expect(try await world.decision(key.secret, "GET /users/me/profile") == .deny(.expired))
        #expect(try await world.service.key(key.info.id, actor: "alice").status == .expired)
        #expect(try await world.service.auditLog().map(\.time) == (try await world.service.auditLog().map(\.time)).sorted())
    }

    /// A second session (another process) on the same store sees the first one's `clock advance`.
    @Test(arguments: StoreKind.all) func anotherSessionOnTheSameStoreStartsAtTheStoresLatestInstant(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let key = try await world.createKey(grants: ["User"], expires: .after(TestWorld.thirtyDays))
        try await world.service.advanceClock(by: KeyDuration(seconds: 31 * 86_400))

        let later = TestWorld(store: world.store, seed: 9).service
        #expect(try await later.now() == (try TestWorld.start.adding(KeyDuration(seconds: 31 * 86_400))))
        #expect(try await later.check(secret: key.secret, method: "GET", path: "/users/me/profile").decision == .deny(.expired))
        let created = try await later.createKey(name: "new", expires: .after(TestWorld.thirtyDays), grants: ["User"], actor: "alice")
        #expect(created.info.key.createdAt == (try TestWorld.start.adding(KeyDuration(seconds: 31 * 86_400))))
    }

    @Test func aFreshStoreLetsTheClockBeSetAnywhereOnce() async throws {
        let world = TestWorld()
        let past = Instant(parsing: "2020-01-01")!
        #expect(try await world.service.setClock(to: past) == past)
        #expect(try await world.service.now() == past)
        let error = await keysmithError { try await world.service.setClock(to: Instant(parsing: "2019-12-31")!) }
        #expect(error == .clockBeforeStoreTime(Instant(parsing: "2019-12-31")!, latest: past))
    }

    /// A long enough `repeat { clock advance … }` used to wrap into year −292277021281.
    @Test(arguments: StoreKind.all) func advancingPastTheLatestInstantIsAnErrorNotAWrap(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let key = try await world.createKey(grants: ["User"], expires: .after(TestWorld.thirtyDays))
        try await world.service.setClock(to: Instant(parsing: "9999-12-01")!)
        let error = await keysmithError { try await world.service.advanceClock(by: KeyDuration(seconds: 60 * 86_400)) }
        #expect(error == .instantOutOfRange(Instant(parsing: "9999-12-01")!, plus: KeyDuration(seconds: 60 * 86_400)))
        #expect(try await world.service.now() == Instant(parsing: "9999-12-01")!)
        #expect(try await world.decision(key.secret, "GET /users/me/profile") == .deny(.expired))
    }

    @Test(arguments: StoreKind.all) func aKeyWhoseExpirationWouldPassTheLatestInstantIsRefused(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        try await world.service.setClock(to: Instant(parsing: "9999-01-01")!)
        let error = await keysmithError { try await world.createKey(grants: ["User"], expires: .after(KeyDuration(seconds: 400 * 86_400))) }
        #expect(error == .instantOutOfRange(Instant(parsing: "9999-01-01")!, plus: KeyDuration(seconds: 400 * 86_400)))
    }

    /// Reading commands never move the store's time; checks and changes do.
    @Test(arguments: StoreKind.all) func checksAndChangesMoveTheLatestInstantAndListingsDoNot(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let key = try await world.createKey(grants: ["User"])
        let latest = { try await world.store.read { try await $0.latestInstant() } }
        #expect(try await latest() == TestWorld.start)
        world.advance(seconds: 10)
        _ = try await world.service.keys(actor: "alice")
        #expect(try await latest() == TestWorld.start)
        _ = try await world.check(key.secret, "GET /users/me/profile")
        #expect(try await latest() == (try TestWorld.start.adding(KeyDuration(seconds: 10))))
        world.advance(seconds: 10)
        _ = try await world.check("ksk_malformed", "GET /users/me/profile")
        #expect(try await latest() == (try TestWorld.start.adding(KeyDuration(seconds: 20))))
    }
}
