import KeysmithCore
import KeysmithStore
import KeysmithTestSupport

/// A workout touching every kind of record, including failed commands (which must change
/// nothing). Returns the secrets it created, in order.
@discardableResult
func exercise(_ world: TestWorld) async throws -> [String] {
    let s = world.service
    _ = try await s.addUser("alice", role: .member, actor: "me")
    _ = try await s.addUser("root", role: .admin, actor: "me")
    _ = try? await s.addUser("alice", role: .admin, actor: "me")
    _ = try await s.addResource(.document, id: "d1", owner: "alice", actor: "alice")
    _ = try await s.addResource(.folder, id: "f1", owner: "me", actor: "me")
    _ = try await s.share(.document, id: "d1", with: "me", role: .view, actor: "alice")
    _ = try await s.share(.document, id: "d1", with: "me", role: .edit, actor: "alice")
    _ = try await s.share(.folder, id: "f1", with: "alice", role: .view, actor: "me")
    _ = try await s.addEndpoint(
        method: "GET", path: "/reports/{id}", grants: ["ReportRead"], access: "view document id",
        acceptsAPIKeys: true, actor: "me")
    _ = try await s.addEndpoint(method: "POST", path: "/internal", grants: [], access: nil, acceptsAPIKeys: false, actor: "me")
    _ = try? await s.addEndpoint(
        method: "GET", path: "/reports/{id}", grants: ["Other"], access: nil, acceptsAPIKeys: true,
        actor: "me")
    let a = try await s.createKey(
        name: "alice ci", expires: .after(TestWorld.thirtyDays), grants: ["DocumentReadonly", "ReportRead"],
        actor: "alice")
    let m = try await s.createKey(name: "forever", expires: .never, grants: ["User"], actor: "me")
    let r = try await s.createKey(
        name: "admin", expires: .at(Instant(parsing: "2026-03-01")!), grants: ["AccountAdmin"],
        actor: "root")
    _ = try? await s.createKey(name: "bad", expires: .after(TestWorld.thirtyDays), grants: ["Nope"], actor: "alice")
    _ = try? await s.createKey(name: "bad", expires: .after(TestWorld.thirtyDays), grants: ["DocumentAdmin"], actor: "alice")
    _ = try await s.renameKey(a.info.id, to: "alice ci (renamed)", actor: "alice")
    _ = try await s.deleteKey(m.info.id, actor: "me")
    _ = try? await s.deleteKey(m.info.id, actor: "me")
    _ = try await world.check(a.secret, "GET /reports/d1")
    _ = try await world.check(a.secret, "GET /documents/d1")
    _ = try await world.check(m.secret, "GET /users/me/profile")
    _ = try await world.check("ksk_garbage", "GET /users/me/profile")
    _ = try await world.check(r.secret, "GET /users")
    // The key life: a limit, a roll with a grace period, the account's switch.
    _ = try await s.setRateLimit(
        RateLimit(count: 1, period: KeyDuration(seconds: 60), scope: .user), method: "GET",
        path: "/reports/{id}", actor: "alice")
    _ = try await world.check(a.secret, "GET /reports/d1")
    let rolled = try await s.rollKey(a.info.id, grace: KeyDuration(seconds: 3_600), actor: "alice")
    _ = try await world.check(rolled.created.secret, "GET /reports/d1")
    _ = try? await s.setAPIKeys(enabled: false, actor: "alice")
    _ = try await s.setAPIKeys(enabled: false, actor: "root")
    _ = try await world.check(rolled.created.secret, "GET /documents/d1")
    _ = try await s.setAPIKeys(enabled: true, actor: "root")
    try world.clock.advance(by: KeyDuration(seconds: 31 * 86_400))
    _ = try await world.check(a.secret, "GET /reports/d1")
    _ = try await world.check(rolled.created.secret, "GET /reports/d1")
    return [a.secret, m.secret, r.secret, rolled.created.secret]
}
