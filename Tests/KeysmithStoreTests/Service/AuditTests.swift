import KeysmithTestSupport
import Testing

@testable import KeysmithCore
@testable import KeysmithStore

/// The key model (Docs: The key model): every change and every check is audited (who, what, when, outcome); secrets never appear.
@Suite(.dropsTemporarySchemas) struct AuditTests {
    @Test func everyChangeAndEveryCheckIsRecordedInOrder() async throws {
        let world = TestWorld()
        let service = world.service
        _ = try await service.addUser("alice", role: .member, actor: "me")  // 1
        world.advance(seconds: 1)
        _ = try await service.addResource(.document, id: "d1", owner: "alice", actor: "alice")  // 2
        _ = try await service.share(.document, id: "d1", with: "me", role: .view, actor: "alice")  // 3
        _ = try await service.addEndpoint(
            method: "GET", path: "/widgets", grants: ["WidgetRead"], access: nil,
            acceptsAPIKeys: true, actor: "me")  // 4
        world.advance(seconds: 1)
        let key = try await world.createKey("ci", grants: ["DocumentReadonly"])  // 5
        world.advance(seconds: 1)
        _ = try await service.renameKey(key.info.id, to: "ci-2", actor: "alice")  // 6
        _ = try await world.check(key.secret, "GET /documents/d1")  // 7 allow
        _ = try await world.check(key.secret, "POST /documents/search?q=1")  // 8 allow
        _ = try await world.check(key.secret, "GET /widgets")  // 9 missing grant
        world.advance(seconds: 1)
        _ = try await service.deleteKey(key.info.id, actor: "alice")  // 10
        _ = try await world.check(key.secret, "GET /documents/d1")  // 11 deleted
        _ = try await world.check("ksk_garbage", "get /documents/d1")  // 12 unknown key

        let log = try await service.auditLog()
        let id = key.info.id
        let rows = log.map { "\($0.sequence) \($0.time) \($0.actor) \($0.action) \($0.keyID?.rawValue ?? "-") \($0.outcome)" }
        let t0 = "2026-01-01T00:00:00Z", t1 = "2026-01-01T00:00:01Z", t2 = "2026-01-01T00:00:02Z"
        let t3 = "2026-01-01T00:00:03Z", t4 = "2026-01-01T00:00:04Z"
        #expect(
            rows == [
                "1 \(t0) me user.add - ok",
                "2 \(t1) alice document.add - ok",
                "3 \(t1) alice document.share - ok",
                "4 \(t1) me endpoint.add - ok",
                "5 \(t2) alice key.create \(id) ok",
                "6 \(t3) alice key.rename \(id) ok",
                "7 \(t3) alice check \(id) allow",
                "8 \(t3) alice check \(id) allow",
                "9 \(t3) alice check \(id) deny:missing_grant",
                "10 \(t4) alice key.delete \(id) ok",
                "11 \(t4) alice check \(id) deny:deleted",
                "12 \(t4) - check - deny:unknown_key",
            ])
        #expect(log[6].detail.description == "GET /documents/d1")
        #expect(log[7].detail.description == "POST /documents/search?q=1")
        #expect(log[11].detail.description == "GET /documents/d1")
    }

    @Test(arguments: StoreKind.all) func auditNeverContainsASecretInAnyField(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        try await world.addResources()
        var secrets: [String] = []
        var presented: [String] = []
        for grants in [["User"], ["DocumentReadonly"], ["DocumentEdit", "FolderEdit"]] {
            let key = try await world.createKey("k", grants: grants)
            secrets.append(key.secret)
            for request in [
                "GET /users/me/profile", "GET /documents/d-alice", "GET /documents/d-bob", "GET /nowhere",
                "GET /auditLogs", "GET /documents/\(key.secret)",
            ] {
                _ = try await world.check(key.secret, request)
            }
            _ = try await world.service.renameKey(key.info.id, to: "renamed", actor: "alice")
            var mistyped = Array(key.secret)
            mistyped[12] = mistyped[12] == "x" ? "y" : "x"
            presented.append(String(mistyped))
            _ = try await world.check(String(mistyped), "GET /users/me/profile")
        }
        _ = try await world.service.deleteKey(try await world.service.keys(actor: "alice")[0].id, actor: "alice")
        _ = try await world.check(secrets[0], "GET /users/me/profile")

        let log = try await world.service.auditLog()
        #expect(log.count > 20)
        for entry in log {
            let fields = [
                entry.actor, entry.action.rawValue, entry.keyID?.rawValue ?? "", entry.outcome.description, entry.detail.description,
                entry.time.description, String(describing: entry), allText(of: entry),
            ]
            for secret in secrets + presented {
                for field in fields {
                    #expect(!field.contains(secret.dropFirst(4)), "entry \(entry.sequence): \(entry.detail)")
                }
            }
        }
    }

    @Test(arguments: StoreKind.all) func secretPastedIntoAPathOrQueryIsRedactedInTheAuditLog(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let key = try await world.createKey(grants: ["DocumentReadonly"])
        let result = try await world.check(key.secret, "GET /documents/d1?api_key=\(key.secret)&x=1")
        #expect(result.decision == .deny(.noAccess))
        _ = try await world.check(key.secret, key.secret + " /documents/d1")
        let details = try await world.service.auditLog(limit: 2).map(\.detail.description)
        #expect(details == ["GET /documents/d1?api_key=ksk_…&x=1", "KSK_… /documents/d1"])
    }

    @Test(arguments: [
        ("GET /documents/d1", "GET /documents/d1"),
        ("/a/ksk_short/b", "/a/ksk_short/b"),
        ("/ksk_" + String(repeating: "a", count: 11), "/ksk_" + String(repeating: "a", count: 11)),
        ("/ksk_" + String(repeating: "a", count: 12), "/ksk_…"),  // a cut secret still gives itself away
        ("/ksk_" + String(repeating: "a", count: 30), "/ksk_…"),
        ("/x/ksk_" + String(repeating: "B9", count: 40) + "/y?ksk_" + String(repeating: "c", count: 36), "/x/ksk_…/y?ksk_…"),
        ("ksk_ksk_" + String(repeating: "z", count: 36), "ksk_ksk_…"),
        ("\"KSK_" + String(repeating: "Q", count: 36) + "\" is not", "\"KSK_…\" is not"),
        ("é ksk_" + String(repeating: "7", count: 30) + " ü", "é ksk_… ü"),
    ])
    func redactionCutsOnlySecretShapedRuns(_ text: String, _ expected: String) {
        #expect(SecretRedaction.redacting(text) == expected)
    }

    @Test(arguments: StoreKind.all) func auditLogLimitReturnsTheNewestEntriesOldestFirst(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let all = try await world.service.auditLog()
        #expect(all.map(\.sequence) == [1, 2, 3])
        #expect(try await world.service.auditLog(limit: 2).map(\.sequence) == [2, 3])
        #expect(try await world.service.auditLog(limit: 0).isEmpty)
        #expect(try await world.service.auditLog(limit: 100).count == 3)
    }

    @Test(arguments: StoreKind.all) func refusedRequestsChangeNothingAndLeaveNoChangeEntry(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let before = try await world.service.auditLog()
        _ = await keysmithError { try await world.createKey(grants: ["AccountAdmin"], as: "alice") }
        _ = await keysmithError { try await world.createKey(grants: ["Nope"], as: "alice") }
        _ = await keysmithError { try await world.createKey("", grants: ["User"], as: "alice") }
        #expect(try await world.service.auditLog() == before)
        #expect(try await world.service.keys(actor: "alice").isEmpty)
    }
}
