import KeysmithTestSupport
import Testing

@testable import KeysmithCore
@testable import KeysmithStore

/// `key create` and `check` on a memory store run synchronously (`KeyService+Synchronous`);
/// through any other store they take the async path. The two must be indistinguishable: the
/// same answers, errors, secrets, audit log and store, from the same seed and clock.
@Suite struct SynchronousPathTests {
    /// What a sequence of creates and checks answered, in order, as text.
    private static func transcript(_ world: TestWorld) async throws -> [String] {
        var lines: [String] = []
        func attempt(_ name: String, _ expires: ExpirationRequest, _ grants: [String], as actor: String) async -> String? {
            do {
                let created = try await world.service.createKey(name: name, expires: expires, grants: grants, actor: actor)
                lines.append("created \(created.info.id) \(created.secret) \(created.info.grantNames) \(created.warning ?? "-")")
                return created.secret
            } catch {
                lines.append("error \(error)")
                return nil
            }
        }
        let good = await attempt("ci", .after(TestWorld.thirtyDays), ["DocumentReadonly"], as: "alice")
        _ = await attempt("", .after(TestWorld.thirtyDays), ["DocumentReadonly"], as: "alice")
        _ = await attempt("ci", .after(TestWorld.thirtyDays), [], as: "alice")
        _ = await attempt("ci", .after(TestWorld.thirtyDays), ["NoSuchGrant"], as: "alice")
        _ = await attempt("ci", .after(TestWorld.thirtyDays), ["DocumentAdmin"], as: "alice")
        _ = await attempt("ci", .after(TestWorld.thirtyDays), ["DocumentReadonly"], as: "alicia")
        _ = await attempt("ci", .at(Instant(parsing: "2025-01-01T00:00:00Z")!), ["DocumentReadonly"], as: "alice")
        let forever = await attempt("forever", .never, ["DocumentReadonly", "DocumentAdmin"], as: "root")
        for (secret, request) in [
            (good ?? "", "GET /documents/d-alice"), (good ?? "", "GET /documents/d-bob"), (good ?? "", "DELETE /documents/d-alice"),
            ("ksk_malformed", "GET /documents/d-alice"), (forever ?? "", "GET /documents/d-bob"),
        ] {
            let parts = request.split(separator: " ").map(String.init)
            let result = try await world.service.check(secret: secret, method: parts[0], path: parts[1])
            lines.append("check \(result.decision) \(result.status) \(result.explanation)")
        }
        world.advance(seconds: 31 * 86_400)
        let expired = try await world.service.check(secret: good ?? "", method: "GET", path: "/documents/d-alice")
        lines.append("check \(expired.decision) \(expired.explanation)")
        _ = try await world.service.setAPIKeys(enabled: false, actor: "root")
        _ = await attempt("off", .after(TestWorld.thirtyDays), ["DocumentReadonly"], as: "alice")
        for entry in try await world.service.auditLog() { lines.append("audit \(entry)") }
        for user in ["alice", "root"] {
            for info in try await world.service.keys(actor: user) { lines.append("key \(info.key)") }
        }
        return lines
    }

    @Test func memoryStoreAnswersAsTheAsyncPathDoes() async throws {
        let synchronous = try await TestWorld.withCast(store: MemoryStore())
        try await synchronous.addResources()
        let awaited = try await TestWorld.withCast(store: SpyStore())  // not a MemoryStore: the async path
        try await awaited.addResources()
        #expect(synchronous.service.answersWithoutSuspending)
        #expect(!awaited.service.answersWithoutSuspending)
        let a = try await Self.transcript(synchronous)
        let b = try await Self.transcript(awaited)
        #expect(a.count > 20)
        #expect(a == b)
    }

    @Test func heldLockSendsTheCallerToTheAsyncPathHavingDrawnNothing() async throws {
        let store = MemoryStore()
        let random = SeededRandomSource(seed: 3)
        let service = KeyService(store: store, clock: ManualClock(TestWorld.start), random: random)
        let answers = try await store.write { _ in
            let created = try service.createKeyNow(
                name: "ci", expires: .after(TestWorld.thirtyDays), grants: ["DocumentReadonly"], actor: "me")
            let checked = service.checkNow(secret: "ksk_x", method: "GET", path: "/documents/d1")
            return (created == nil, checked == nil)
        }
        #expect(answers == (true, true))
        #expect(random.bytes(8) == SeededRandomSource(seed: 3).bytes(8))
        #expect(try await service.auditLog().isEmpty)
    }

    @Test func refusedCreateUndoesItsChanges() async throws {
        let world = TestWorld(store: MemoryStore())
        let before = try await world.store.read { try await $0.latestInstant() }
        #expect(throws: KeysmithError.self) {
            _ = try world.service.createKeyNow(name: "ci", expires: .after(TestWorld.thirtyDays), grants: ["NoSuchGrant"], actor: "me")
        }
        #expect(try await world.store.read { try await $0.latestInstant() } == before)
        #expect(try await world.service.auditLog().isEmpty)
    }
}
