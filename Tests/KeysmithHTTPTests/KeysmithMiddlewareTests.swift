import Hummingbird
import HummingbirdTesting
import KeysmithCore
import KeysmithHTTP
import KeysmithServe
import KeysmithStore
import Testing

/// The wire format (Docs: Verifying keys in your server) through the serve router in process: each deny reason → status, headers
/// and JSON body (once per reason, not per endpoint), and what an allowed request answers.
@Suite struct KeysmithMiddlewareTests {
    enum Who: String, CaseIterable, Sendable { case reader, profile, deleted, expired, bobs, garbage }

    struct Denial: Sendable, CustomTestStringConvertible {
        let who: Who
        let method: HTTPRequest.Method
        let path: String
        let status: Int
        let code: String
        var testDescription: String { "\(code): \(who) \(method) \(path)" }
    }

    static let denials: [Denial] = [
        Denial(who: .garbage, method: .get, path: "/documents/d1", status: 401, code: "unknown_key"),
        Denial(who: .deleted, method: .get, path: "/documents/d1", status: 401, code: "deleted"),
        Denial(who: .expired, method: .get, path: "/documents/d1", status: 401, code: "expired"),
        Denial(who: .reader, method: .get, path: "/nothing/here", status: 404, code: "unknown_endpoint"),
        Denial(who: .reader, method: .post, path: "/users", status: 403, code: "not_api_key_endpoint"),
        Denial(who: .reader, method: .get, path: "/folders/f1", status: 403, code: "missing_grant"),
        Denial(who: .reader, method: .get, path: "/documents/d2", status: 403, code: "no_access"),
    ]

    func secret(_ who: Who, in world: HTTPWorld) -> String {
        switch who {
        case .reader: world.reader.secret
        case .profile: world.profile.secret
        case .deleted: world.deleted.secret
        case .expired: world.expired.secret
        case .bobs: world.bobs.secret
        case .garbage: "ksk_" + String(repeating: "A", count: 36)
        }
    }

    @Test("each deny reason answers its status, Keysmith-Deny-Reason and a JSON body naming it", arguments: denials)
    func denialMapsToStatusHeadersAndBody(_ denial: Denial) async throws {
        let world = try await HTTPWorld()
        let secret = self.secret(denial.who, in: world)
        let answer = try await world.test { try await $0.call(denial.method, denial.path, secret: secret) }
        #expect(answer.status == denial.status)
        #expect(answer.header("Keysmith-Deny-Reason") == denial.code)
        #expect(answer.header("Content-Type")?.hasPrefix("application/json") == true)
        #expect(answer.body.hasPrefix("{\"status\":\(denial.status),\"code\":\"\(denial.code)\",\"message\":\""))
        if denial.status == 401 {
            #expect(answer.header("WWW-Authenticate") == #"Bearer realm="keysmith", error="invalid_token""#)
        } else {
            #expect(answer.header("WWW-Authenticate") == nil)
        }
        for secret in world.secrets + [secret] {
            #expect(!answer.body.contains(secret))
            #expect(!answer.headers.map(\.value).joined().contains(secret))
        }
    }

    @Test("a denial for a key that matched carries Keysmith-Key-Id and Keysmith-Key-Expires; unknown_key carries neither")
    func authenticatedDenialsNameTheKey() async throws {
        let world = try await HTTPWorld()
        let (missing, expired, unknown) = try await world.test { client in
            (
                try await client.call(.get, "/folders/f1", secret: world.reader.secret),
                try await client.call(.get, "/documents/d1", secret: world.expired.secret),
                try await client.call(.get, "/documents/d1", secret: "ksk_" + String(repeating: "b", count: 36))
            )
        }
        #expect(missing.header("Keysmith-Key-Id") == world.reader.info.id.description)
        #expect(missing.header("Keysmith-Key-Expires") == world.reader.info.key.expiration.description)
        #expect(expired.header("Keysmith-Key-Id") == world.expired.info.id.description)
        #expect(expired.header("Keysmith-Key-Expires") == "2026-01-01T01:00:00Z")
        #expect(unknown.header("Keysmith-Key-Id") == nil)
        #expect(unknown.header("Keysmith-Key-Expires") == nil)
    }

    @Test("missing_grant lists the accepted grants in the body and in Keysmith-Accepted-Grants")
    func missingGrantListsAcceptedGrants() async throws {
        let world = try await HTTPWorld()
        let answer = try await world.test { try await $0.call(.post, "/folders/search", secret: world.reader.secret) }
        #expect(answer.status == 403)
        #expect(answer.header("Keysmith-Accepted-Grants") == "FolderReadonly, FolderAdmin")
        #expect(answer.body.hasSuffix(#","acceptedGrants":["FolderReadonly","FolderAdmin"]}"#))
    }

    @Test("an allowed document read answers 200 with the document, its owner and the caller's role, and the key headers")
    func allowedDocumentAnswersTheDocument() async throws {
        let world = try await HTTPWorld()
        let answer = try await world.test { try await $0.call(.get, "/v1/documents/d1", secret: world.reader.secret, version: nil) }
        #expect(answer.status == 200)
        let id = world.reader.info.id.description
        #expect(answer.body == #"{"kind":"document","id":"d1","owner":"me","role":"owner","keyId":"\#(id)","user":"me"}"#)
        #expect(answer.header("Keysmith-Key-Id") == id)
        #expect(answer.header("Keysmith-Key-Expires") == "2026-01-31T00:00:00Z")
        #expect(answer.header("Keysmith-Deny-Reason") == nil)
    }

    @Test("an allowed folder read through a share answers the folder with the share's role")
    func allowedSharedFolderAnswersTheRole() async throws {
        let world = try await HTTPWorld()
        let answer = try await world.test { try await $0.call(.get, "/folders/f1", secret: world.profile.secret) }
        #expect(answer.status == 200)
        #expect(answer.body.hasPrefix(#"{"kind":"folder","id":"f1","owner":"bob","role":"view","#))
        #expect(answer.header("Keysmith-Key-Expires") == "never")
    }

    @Test("the user profile answers the user and their role")
    func profileAnswersTheUser() async throws {
        let world = try await HTTPWorld()
        let answer = try await world.test { try await $0.call(.get, "/users/me/profile", secret: world.profile.secret) }
        #expect(answer.status == 200)
        #expect(answer.body == #"{"user":"me","role":"member","keyId":"\#(world.profile.info.id)"}"#)
    }

    @Test("an allowed request without a modelled resource answers the decision")
    func otherEndpointsAnswerTheDecision() async throws {
        let world = try await HTTPWorld()
        let answer = try await world.test { try await $0.call(.post, "/documents/search", secret: world.reader.secret) }
        #expect(answer.status == 200)
        #expect(answer.body == #"{"endpoint":"POST /documents/search","keyId":"\#(world.reader.info.id)","user":"me"}"#)
    }

    @Test("every check the server answers is in the audit log, by key id and without the secret")
    func checksAreAudited() async throws {
        let world = try await HTTPWorld()
        let before = try await world.service.auditLog().count
        _ = try await world.test { client in
            _ = try await client.call(.get, "/documents/d1", secret: world.reader.secret)
            _ = try await client.call(.get, "/documents/\(world.profile.secret)", secret: world.reader.secret)
        }
        let entries = try await world.service.auditLog()
        #expect(entries.count == before + 2)
        let last = entries.suffix(2)
        #expect(last.map(\.outcome) == [.decided(.allow), .decided(.deny(.noAccess))])
        #expect(last.allSatisfy { $0.keyID == world.reader.info.id })
        for entry in entries { for secret in world.secrets { #expect(!entry.detail.description.contains(secret)) } }
    }

    @Test("the middleware puts the identity in the context of an embedding router")
    func identityReachesTheHandler() async throws {
        let world = try await HTTPWorld()
        let router = Router(context: KeysmithContext.self)
        router.group("api").add(middleware: KeysmithMiddleware(service: world.service, mountPath: "/api"))
            .get("**") { _, context -> String in
                guard let identity = context.keysmithIdentity else { return "none" }
                let parameters = identity.pathParameters.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: ",")
                return "\(identity.user.name) \(identity.endpoint) \(parameters) \(identity.grants.joined(separator: ",")) \(identity.mode)"
            }
        let app = Application(router: router)
        let answer = try await app.test(.router) { client in
            try await client.call(
                .get, "/api/v1/documents/d1", secret: world.reader.secret, version: nil,
                headers: [("Lucid-Request-As", "admin")])
        }
        #expect(answer.status == 200)
        #expect(answer.body == "me GET /documents/{id} id=d1 DocumentReadonly admin")
    }

    @Test("GET /healthz answers 200 ok without a key or a version")
    func healthzNeedsNoKey() async throws {
        let world = try await HTTPWorld()
        let answer = try await world.test { try await $0.call(.get, "/healthz", version: nil) }
        #expect(answer.status == 200)
        #expect(answer.body == "ok")
    }
}
