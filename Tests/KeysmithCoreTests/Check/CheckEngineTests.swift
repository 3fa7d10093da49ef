import Testing

@testable import KeysmithCore

/// The pure decision procedure (Docs: The check, reasons 2–6) over a hand-built key and user.
@Suite struct CheckEngineTests {
    static let now = Instant(parsing: "2026-01-01T00:00:00Z")!
    static let resources = [
        Resource(kind: .document, id: "d-alice", owner: "alice", shares: ["viewer": .view, "editor": .edit]),
        Resource(kind: .document, id: "d-bob", owner: "bob"),
        Resource(kind: .folder, id: "f-alice", owner: "alice", shares: ["viewer": .view, "editor": .edit]),
    ]

    struct Case: CustomTestStringConvertible, Sendable {
        let label: String
        let user: String
        var admin = false
        let grants: [String]
        var expired = false
        let request: String
        var mode = RequestMode.user
        let expected: Decision
        var testDescription: String { label }
    }

    static func decide(_ c: Case) throws -> Decision {
        let catalog = Catalog.lucid
        let expiry = c.expired ? now : Instant(secondsSinceEpoch: now.secondsSinceEpoch + 60)
        let key = APIKey(
            id: KeyID("key_test0001"), owner: c.user, name: "k", expiration: .at(expiry),
            grants: catalog.knownGrantSet(c.grants), digest: SecretDigest(hashing: "x"),
            createdAt: Instant(secondsSinceEpoch: 0))
        let parts = c.request.split(separator: " ").map(String.init)
        return CheckEngine.decide(
            key: key, user: User(name: c.user, role: c.admin ? .admin : .member), now: now,
            catalog: catalog, method: parts[0], path: parts[1], mode: c.mode
        ) { kind, id in
            resources.first { $0.kind == kind && $0.id == id }
        }.decision
    }

    static let cases: [Case] = [
        Case(
            label: "expired beats unknown endpoint", user: "alice", grants: ["User"], expired: true,
            request: "GET /nowhere", expected: .deny(.expired)),
        Case(
            label: "expired beats missing grant", user: "alice", grants: ["User"], expired: true,
            request: "GET /documents/d-alice", expected: .deny(.expired)),
        Case(
            label: "expired beats no access", user: "alice", grants: ["DocumentReadonly"], expired: true,
            request: "GET /documents/d-bob", expected: .deny(.expired)),
        Case(
            label: "expired beats not an API key endpoint", user: "alice", grants: ["User"], expired: true,
            request: "GET /auditLogs", expected: .deny(.expired)),
        Case(
            label: "unknown endpoint beats not an API key endpoint (wrong method)", user: "alice", grants: ["User"],
            request: "GET /auditLogs/query", expected: .deny(.unknownEndpoint)),
        Case(
            label: "not an API key endpoint beats missing grant", user: "alice", grants: ["User"],
            request: "POST /documents/d-alice/embeds", expected: .deny(.notAPIKeyEndpoint)),
        Case(
            label: "missing grant beats no access", user: "alice", grants: ["FolderReadonly"],
            request: "GET /documents/d-bob", expected: .deny(.missingGrant)),
        Case(
            label: "no access to another user's document", user: "alice", grants: ["DocumentReadonly"],
            request: "GET /documents/d-bob", expected: .deny(.noAccess)),
        Case(
            label: "no access to a document that does not exist", user: "alice", grants: ["DocumentReadonly"],
            request: "GET /documents/nope", expected: .deny(.noAccess)),
        Case(
            label: "owner may view", user: "alice", grants: ["DocumentReadonly"],
            request: "GET /documents/d-alice", expected: .allow),
        Case(
            label: "grants do not imply one another", user: "alice", grants: ["DocumentEdit"],
            request: "GET /documents/d-alice", expected: .deny(.missingGrant)),
        Case(
            label: "view share may view", user: "viewer", grants: ["DocumentReadonly"],
            request: "GET /documents/d-alice/contents", expected: .allow),
        Case(
            label: "view share may not edit", user: "viewer", grants: ["DocumentEdit"],
            request: "POST /documents/d-alice/trash", expected: .deny(.noAccess)),
        Case(
            label: "edit share may edit", user: "editor", grants: ["DocumentEdit"],
            request: "POST /documents/d-alice/trash", expected: .allow),
        Case(
            label: "folder view share may view the folder", user: "viewer", grants: ["FolderReadonly"],
            request: "GET /folders/f-alice/contents", expected: .allow),
        Case(
            label: "folder view share may not edit the folder", user: "viewer", grants: ["FolderEdit"],
            request: "PATCH /folders/f-alice", expected: .deny(.noAccess)),
        Case(
            label: "folder edit share may edit the folder", user: "editor", grants: ["FolderEdit"],
            request: "POST /folders/f-alice/trash", expected: .allow),
        Case(
            label: "access is read from the {id} segment, not {threadId}", user: "alice", grants: ["DocumentEdit"],
            request: "POST /documents/d-bob/threads/d-alice/comments", expected: .deny(.noAccess)),
        Case(
            label: "member with the grant of an admin-only endpoint", user: "alice", grants: ["LegalHoldReadonly"],
            request: "GET /accounts/me/legalHolds", expected: .deny(.noAccess)),
        Case(
            label: "admin with the grant of an admin-only endpoint", user: "root", admin: true,
            grants: ["LegalHoldReadonly"], request: "GET /accounts/me/legalHolds", expected: .allow),
        Case(
            label: "*Admin grant held by a member does nothing", user: "alice", grants: ["DocumentAdmin"],
            request: "POST /accounts/me/documents/search", expected: .deny(.missingGrant)),
        Case(
            label: "*Admin grant held by a member does not even open the owner's document", user: "alice",
            grants: ["DocumentAdmin"], request: "GET /documents/d-alice", expected: .deny(.missingGrant)),
        Case(
            label: "admin *Admin grant views anyone's document in admin mode", user: "root", admin: true,
            grants: ["DocumentAdmin"], request: "GET /documents/d-bob", mode: .admin, expected: .allow),
        Case(
            label: "admin *Admin grant does not reach others' documents in user mode", user: "root", admin: true,
            grants: ["DocumentAdmin"], request: "GET /documents/d-bob", expected: .deny(.noAccess)),
        Case(
            label: "admin mode does nothing for a member", user: "alice", grants: ["DocumentReadonly"],
            request: "GET /documents/d-bob", mode: .admin, expected: .deny(.noAccess)),
        Case(
            label: "admin mode does nothing without an *Admin grant", user: "root", admin: true,
            grants: ["DocumentReadonly"], request: "GET /documents/d-bob", mode: .admin, expected: .deny(.noAccess)),
        Case(
            label: "admin mode does nothing where the operation does not take Lucid-Request-As", user: "root",
            admin: true, grants: ["DocumentAdmin", "DocumentReadonly"], request: "GET /documents/d-bob/threads",
            mode: .admin, expected: .deny(.noAccess)),
        Case(
            label: "an operation that lists no grant accepts any grant", user: "alice", grants: ["User"],
            request: "POST /describeLink", expected: .allow),
        Case(
            label: "the version 2 operation answers under /v2", user: "alice", grants: ["FolderEdit"],
            request: "GET /v2/dataSources/aws/regions", expected: .allow),
        Case(
            label: "the version 2 operation does not answer without /v2", user: "alice", grants: ["FolderEdit"],
            request: "GET /dataSources/aws/regions", expected: .deny(.unknownEndpoint)),
        Case(
            label: "a team operation needs only its grant", user: "alice", grants: ["TeamsEdit"],
            request: "POST /teams/t1/archive", expected: .allow),
        Case(
            label: "a legal hold operation is for account admins", user: "alice", grants: ["LegalHoldEdit"],
            request: "POST /accounts/me/legalHolds/h1/release", expected: .deny(.noAccess)),
        Case(
            label: "admin *Admin grant does not make a missing document exist", user: "root", admin: true,
            grants: ["DocumentAdmin"], request: "GET /documents/nope", expected: .deny(.noAccess)),
        Case(
            label: "admin *Admin grant does not edit", user: "root", admin: true, grants: ["DocumentAdmin", "DocumentEdit"],
            request: "POST /documents/d-bob/trash", expected: .deny(.noAccess)),
        Case(
            label: "admin without an *Admin grant has no access to others' documents", user: "root", admin: true,
            grants: ["DocumentReadonly"], request: "GET /documents/d-bob", expected: .deny(.noAccess)),
        Case(
            label: "admin *Admin grant only counts where the endpoint accepts it", user: "root", admin: true,
            grants: ["DocumentAdmin", "DocumentReadonly"], request: "GET /documents/d-bob/contents",
            expected: .deny(.noAccess)),
        Case(
            label: "any one accepted grant suffices", user: "root", admin: true, grants: ["FolderAdmin"],
            request: "POST /folders/search", expected: .allow),
    ]

    @Test(arguments: cases)
    func decisionFollowsTheReasonOrder(_ c: Case) throws {
        #expect(try Self.decide(c) == c.expected)
    }

    @Test func keyIsValidUntilTheSecondBeforeExpiry() {
        let end = Self.now
        #expect(!Expiration.at(end).isExpired(at: Instant(secondsSinceEpoch: end.secondsSinceEpoch - 1)))
        #expect(Expiration.at(end).isExpired(at: end))
        #expect(Expiration.at(end).isExpired(at: Instant(secondsSinceEpoch: end.secondsSinceEpoch + 1)))
        #expect(!Expiration.never.isExpired(at: Instant(parsing: "9999-12-31T23:59:59Z")!))
    }

    @Test func resourceIsNotLookedUpWhenAnEarlierReasonDenies() {
        let catalog = Catalog.lucid
        let key = APIKey(
            id: KeyID("key_test0002"), owner: "alice", name: "k", expiration: .never,
            grants: catalog.knownGrantSet(["FolderReadonly"]), digest: SecretDigest(hashing: "y"),
            createdAt: Self.now)
        var lookups = 0
        let result = CheckEngine.decide(
            key: key, user: User(name: "alice", role: .member), now: Self.now,
            catalog: catalog, method: "GET", path: "/documents/d-alice"
        ) { _, _ in
            lookups += 1
            return nil
        }
        #expect(result.decision == .deny(.missingGrant))
        #expect(result.endpoint?.signature == "GET /documents/{id}")
        #expect(lookups == 0)
    }
}
