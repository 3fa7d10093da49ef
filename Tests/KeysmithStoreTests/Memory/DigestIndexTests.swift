import KeysmithTestSupport
import Testing

@testable import KeysmithCore
@testable import KeysmithStore

/// The memory store indexes digests by their first word; two digests sharing that word must
/// both be found, each as itself, and a rolled-back insert must leave no trace in either table.
@Suite struct DigestIndexTests {
    static let first = SecretDigest(w0: 42, w1: 1, w2: 2, w3: 3)
    static let twin = SecretDigest(w0: 42, w1: 9, w2: 9, w3: 9)
    static let stranger = SecretDigest(w0: 42, w1: 7, w2: 7, w3: 7)

    static func key(_ id: String, _ digest: SecretDigest) -> APIKey {
        APIKey(id: KeyID(id), owner: "me", name: id, expiration: .never, grants: GrantSet(), digest: digest, createdAt: TestWorld.start)
    }

    @Test func digestsSharingAFirstWordAreEachFoundAsThemselves() async throws {
        let store = MemoryStore()
        try await store.write { tx in
            try await tx.insert(Self.key("key_first", Self.first))
            try await tx.insert(Self.key("key_twin", Self.twin))
        }
        let found = try await store.read { tx in
            (try await tx.key(digest: Self.first)?.id, try await tx.key(digest: Self.twin)?.id, try await tx.key(digest: Self.stranger)?.id)
        }
        #expect(found.0 == KeyID("key_first"))
        #expect(found.1 == KeyID("key_twin"))
        #expect(found.2 == nil)
    }

    @Test func aRolledBackInsertOfACollidingDigestLeavesNoTrace() async throws {
        struct Boom: Error {}
        let store = MemoryStore()
        try await store.write { tx in try await tx.insert(Self.key("key_first", Self.first)) }
        await #expect(throws: Boom.self) {
            try await store.write { tx in
                try await tx.insert(Self.key("key_twin", Self.twin))
                throw Boom()
            }
        }
        let found = try await store.read { tx in (try await tx.key(digest: Self.first)?.id, try await tx.key(digest: Self.twin)) }
        #expect(found.0 == KeyID("key_first"))
        #expect(found.1 == nil)
        // The slot is free again: the twin can be inserted for real.
        try await store.write { tx in try await tx.insert(Self.key("key_twin", Self.twin)) }
        #expect(try await store.read { try await $0.key(digest: Self.twin)?.id } == KeyID("key_twin"))
    }

    @Test func keyCreationKeepsNoPerKeyTextInTheAuditLogYetShowsItsTerms() async throws {
        let store = MemoryStore()
        let service = TestWorld(store: store, seed: 3).service
        _ = try await service.createKey(name: "ci", expires: .never, grants: ["User", "DocumentReadonly"], actor: "me")
        let detail = try await store.read { try await $0.auditLog(limit: nil) }.first?.detail
        #expect(detail == .keyCreated(expiration: .never, grants: ["User", "DocumentReadonly"]))
        #expect(detail?.description == "expires never; grants User,DocumentReadonly")
    }
}
