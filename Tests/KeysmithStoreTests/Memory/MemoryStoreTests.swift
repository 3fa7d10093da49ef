import KeysmithTestSupport
import Testing

@testable import KeysmithCore
@testable import KeysmithStore

@Suite struct MemoryStoreTests {
    struct Boom: Error {}

    /// A snapshot of everything a reader can see, for before/after comparisons.
    struct Snapshot: Equatable, Sendable {
        let users: [User]
        let resources: [Resource]
        let keys: [APIKey]
        let audit: [AuditEntry]
        let endpoints: [String]
        let grants: [String]
    }

    static func snapshot(_ store: MemoryStore, owners: [String]) async throws -> Snapshot {
        try await store.read { tx in
            let catalog = try await tx.catalog()
            return Snapshot(
                users: try await tx.users(), resources: try await tx.resources(),
                keys: try await Self.keys(ownedBy: owners, in: tx), audit: try await tx.auditLog(limit: nil),
                endpoints: catalog.endpoints.map(\.signature), grants: catalog.grantNames)
        }
    }

    /// The keys of each of `owners`, in turn.
    static func keys(ownedBy owners: [String], in tx: any StoreReader) async throws -> [APIKey] {
        var keys: [APIKey] = []
        for owner in owners { keys += try await tx.keys(ownedBy: owner) }
        return keys
    }

    static func key(_ secret: Secret, id: String, owner: String = "me") -> APIKey {
        APIKey(
            id: KeyID(id), owner: owner, name: "n", expiration: .never, grants: GrantSet(), digest: secret.digest,
            createdAt: TestWorld.start)
    }

    @Test func freshStoreHoldsOnlyTheMemberMe() async throws {
        let store = MemoryStore()
        let snapshot = try await Self.snapshot(store, owners: ["me"])
        #expect(snapshot.users == [User(name: "me", role: .member)])
        #expect(snapshot.resources.isEmpty && snapshot.keys.isEmpty && snapshot.audit.isEmpty)
        #expect(snapshot.endpoints.count == Catalog.lucid.endpoints.count)
        #expect(store.location == "in memory")
    }

    @Test func writeThatThrowsAfterInsertingLeavesTheStoreUnchanged() async throws {
        let world = try await TestWorld.withCast()
        try await world.addResources()
        let existing = try await world.createKey("existing", grants: ["User"])
        let store = try #require(world.store as? MemoryStore)
        let before = try await Self.snapshot(store, owners: ["me", "alice", "bob", "zed"])
        let secret = Secret(generatingWith: SeededRandomSource(seed: 77))

        await #expect(throws: Boom.self) {
            try await store.write { tx in
                try await tx.insert(User(name: "zed", role: .admin))
                try await tx.insert(Resource(kind: .document, id: "d-zed", owner: "zed"))
                try await tx.setShare(.document, id: "d-alice", user: "bob", role: .edit)
                try await tx.insert(Self.key(secret, id: "key_rollback", owner: "zed"))
                var renamed = try #require(try await tx.key(id: existing.info.id))
                renamed.name = "changed"
                renamed.deletedAt = TestWorld.start
                try await tx.update(renamed)
                try await tx.insertCustomEndpoint(
                    Endpoint(
                        method: "GET", path: try PathTemplate(parsing: "/widgets"),
                        acceptsAPIKeys: true, grantNames: ["WidgetRead"], access: .none))
                try await tx.append(
                    AuditEntry(
                        time: TestWorld.start, actor: "zed", action: .keyCreate, keyID: KeyID("key_rollback"),
                        outcome: .ok, detail: .text("")))
                #expect(try await tx.users().count == 5)
                #expect(try await tx.key(digest: secret.digest) != nil)
                throw Boom()
            }
        }

        let after = try await Self.snapshot(store, owners: ["me", "alice", "bob", "zed"])
        #expect(after == before)
        #expect(try await store.read { try await $0.user(named: "zed") } == nil)
        #expect(try await store.read { try await $0.key(digest: secret.digest) } == nil)
        #expect(try await store.read { try await $0.key(id: KeyID("key_rollback")) } == nil)
        #expect(try await store.read { try await $0.key(digest: existing.info.key.digest)?.name } == "existing")
        #expect(try await world.decision(existing.secret, "GET /users/me/profile") == .allow)
    }

    /// The undo log keeps the catalog once per write (not once per change): a write that adds
    /// many endpoints and sets a limit, then throws, still leaves the catalog as it was, and the
    /// next write that fails is rolled back to its own start.
    @Test func writeThatThrowsAfterManyCatalogChangesRollsThemAllBack() async throws {
        @Sendable func widget(_ i: Int) throws -> Endpoint {
            try Endpoint(
                method: "GET", path: try PathTemplate(parsing: "/widgets\(i)"), acceptsAPIKeys: true,
                grantNames: ["WidgetRead\(i)"], access: .none)
        }
        let store = MemoryStore()
        await #expect(throws: Boom.self) {
            try await store.write { tx in
                for i in 0..<50 { try await tx.insertCustomEndpoint(try widget(i)) }
                try await tx.setRateLimit(try RateLimit(validating: "1/1s", scope: .account), on: try widget(7))
                throw Boom()
            }
        }
        #expect(try await store.read { try await $0.catalog() }.endpoints.count == Catalog.lucid.endpoints.count)
        #expect(try await store.read { try await $0.catalog() }.grantNames == Catalog.lucid.grantNames)
        try await store.write { tx in try await tx.insertCustomEndpoint(try widget(1)) }
        await #expect(throws: Boom.self) {
            try await store.write { tx in
                try await tx.insertCustomEndpoint(try widget(2))
                throw Boom()
            }
        }
        let catalog = try await store.read { try await $0.catalog() }
        #expect(catalog.endpoints.map(\.signature).filter { $0.hasPrefix("GET /widgets") } == ["GET /widgets1"])
    }

    @Test func writeThatThrowsAfterSeveralAppendsRollsThemAllBack() async throws {
        let store = MemoryStore()
        try await store.write { tx in
            try await tx.append(
                AuditEntry(time: TestWorld.start, actor: "me", action: .userAdd, keyID: nil, outcome: .ok, detail: .text("")))
        }
        await #expect(throws: Boom.self) {
            try await store.write { tx in
                for _ in 0..<10 {
                    try await tx.append(
                        AuditEntry(time: TestWorld.start, actor: "me", action: .keyRename, keyID: nil, outcome: .ok, detail: .text("")))
                }
                throw Boom()
            }
        }
        try await store.write { tx in
            try await tx.append(
                AuditEntry(time: TestWorld.start, actor: "me", action: .keyDelete, keyID: nil, outcome: .ok, detail: .text("")))
        }
        let log = try await store.read { try await $0.auditLog(limit: nil) }
        #expect(log.map(\.action) == [.userAdd, .keyDelete])
        #expect(log.map(\.sequence) == [1, 2])
    }

    @Test func writeThatSucceedsKeepsEverything() async throws {
        let store = MemoryStore()
        let secret = Secret(generatingWith: SeededRandomSource(seed: 1))
        let id = try await store.write { tx -> KeyID in
            try await tx.insert(User(name: "zed", role: .member))
            try await tx.insert(Self.key(secret, id: "key_kept0001", owner: "zed"))
            return KeyID("key_kept0001")
        }
        #expect(try await store.read { try await $0.key(digest: secret.digest)?.id } == id)
        #expect(try await store.read { try await $0.keys(ownedBy: "zed").map(\.id) } == [id])
    }

    @Test func insertingADuplicateKeyIDFailsAndRollsBack() async throws {
        let store = MemoryStore()
        let a = Secret(generatingWith: SeededRandomSource(seed: 1))
        let b = Secret(generatingWith: SeededRandomSource(seed: 2))
        try await store.write { tx in try await tx.insert(Self.key(a, id: "key_same0000")) }
        await #expect(throws: StoreError.duplicateKeyID(KeyID("key_same0000"))) {
            try await store.write { tx in try await tx.insert(Self.key(b, id: "key_same0000")) }
        }
        #expect(try await store.read { try await $0.key(digest: b.digest) } == nil)
        #expect(try await store.read { try await $0.key(digest: a.digest)?.id.rawValue } == "key_same0000")
        #expect(try await store.read { try await $0.keys(ownedBy: "me").count } == 1)
    }

    @Test func digestIndexFindsEveryOneOfTenThousandKeys() async throws {
        let store = MemoryStore()
        let random = SeededRandomSource(seed: 2026)
        let secrets = (0..<10_000).map { _ in Secret(generatingWith: random) }
        let digests = secrets.map(\.digest)
        try await store.write { tx in
            for (i, digest) in digests.enumerated() {
                try await tx.insert(
                    APIKey(
                        id: KeyID("key_\(i)"), owner: i % 2 == 0 ? "me" : "you", name: "k\(i)",
                        expiration: .never, grants: GrantSet(), digest: digest, createdAt: TestWorld.start))
            }
        }
        let found = try await store.read { tx in
            var ids: [String?] = []
            for digest in digests { ids.append(try await tx.key(digest: digest)?.id.rawValue) }
            return ids
        }
        #expect(found == (0..<10_000).map { "key_\($0)" })
        let strangers = (0..<1_000).map { _ in Secret(generatingWith: random).digest }
        #expect(
            try await store.read { tx in
                for stranger in strangers where try await tx.key(digest: stranger) != nil { return false }
                return true
            })
        #expect(try await store.read { try await $0.keys(ownedBy: "you").count } == 5_000)
    }

    @Test func tombstoneIsStillFoundByDigest() async throws {
        let world = try await TestWorld.withCast()
        let key = try await world.createKey(grants: ["User"])
        _ = try await world.service.deleteKey(key.info.id, actor: "alice")
        let found = try await world.store.read { try await $0.key(digest: SecretDigest(hashing: key.secret)) }
        #expect(found?.id == key.info.id)
        #expect(found?.deletedAt == TestWorld.start)
    }

    @Test func storeNeverHoldsASecret() async throws {
        let world = try await TestWorld.withCast()
        try await world.addResources()
        var secrets: [String] = []
        for (i, actor) in ["alice", "bob", "root", "me", "alice"].enumerated() {
            let key = try await world.createKey("needle-name-\(i)", grants: ["User", "DocumentReadonly"], as: actor)
            secrets.append(key.secret)
            _ = try await world.check(key.secret, "GET /users/me/profile")
            _ = try await world.check(key.secret, "GET /documents/d-bob")
            _ = try await world.check(key.secret, "GET /nowhere")
        }
        _ = try await world.service.renameKey(try await world.service.keys(actor: "bob")[0].id, to: "renamed", actor: "bob")
        _ = try await world.service.deleteKey(try await world.service.keys(actor: "root")[0].id, actor: "root")
        _ = try await world.check(secrets[2], "GET /users/me/profile")

        // Every record a reader can reach, and every field of every record.
        let records = try await world.store.read { tx -> [String] in
            var out: [String] = []
            for user in try await tx.users() {
                out.append(allText(of: user))
                for key in try await tx.keys(ownedBy: user.name) { out.append(allText(of: key)) }
            }
            for resource in try await tx.resources() { out.append(allText(of: resource)) }
            for entry in try await tx.auditLog(limit: nil) { out.append(allText(of: entry)) }
            out.append(allText(of: try await tx.catalog().customEndpoints))
            return out
        }
        // The whole state, private parts included, through the transaction's reflection.
        let everything = try await world.store.read { tx in allText(of: tx) }
        #expect(everything.contains("needle-name-4"))  // the inspection reaches the stored keys
        #expect(everything.contains("renamed"))
        #expect(records.joined().contains("needle-name-0"))
        for secret in secrets {
            let body = String(secret.dropFirst(4))
            #expect(!everything.contains(body))
            for record in records { #expect(!record.contains(body)) }
        }
    }
}
