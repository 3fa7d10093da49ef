import Foundation
import KeysmithTestSupport
import Testing

/// `serve --allow-prefer`: a request's `Prefer` header forces an answer that is byte for byte
/// the real one (status, headers, body), after the key is authenticated; forced answers are
/// not audited and count toward no limit. The store's clock is frozen (`--frozen-clock`), so
/// a real answer and a forced one happen at the same instant.
@Suite(.serialized) struct ServeForcedOutcomeTests {
    static let setup = """
        user add bob
        user add root --admin
        doc add d1 --owner me
        doc add d2 --owner bob
        endpoint limit GET /documents/{id} 2/1h --per key
        key create limited --expires 1h --grants DocumentReadonly
        key create doomed --expires 30d --grants DocumentReadonly
        key create plain --expires 30d --grants DocumentReadonly
        """

    /// A well-formed secret no key of the test's store has (made in a store of its own).
    static func foreignSecret(in directory: TemporaryDirectory) async throws -> String {
        let run = try await RunningProgram.runScript(
            "key create elsewhere --expires 1d --grants User",
            store: directory.file("other.sqlite"), in: directory, tag: "other")
        guard run.status == 0, let secret = Transcript.secrets(in: run.stdout).first else {
            throw TestProblem("no foreign secret: \(run.stdout)")
        }
        return secret
    }

    /// Asserts that `forced` and `real` are the same answer, but for `Date` and the request id.
    static func expectSame(
        _ forced: Curl.Answer, _ real: Curl.Answer, _ what: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(forced.status == real.status, "\(what): status", sourceLocation: sourceLocation)
        #expect(forced.body == real.body, "\(what): body\n forced \(forced.body)\n   real \(real.body)", sourceLocation: sourceLocation)
        #expect(
            comparableHeaders(forced.headers) == comparableHeaders(real.headers),
            "\(what): headers\n forced \(comparableHeaders(forced.headers))\n   real \(comparableHeaders(real.headers))",
            sourceLocation: sourceLocation)
    }

    @Test(
        "every deny reason and code=503 forced with Prefer answers exactly as the real case; unknown keys stay 401; nothing forced is audited"
    )
    func forcedAnswersAreTheRealOnes() async throws {
        let serve = try await ServeFixture(setup: Self.setup, arguments: ["--allow-prefer", "--frozen-clock"])
        let (limited, doomed, plain) = (serve.secrets[0], serve.secrets[1], serve.secrets[2])
        let foreign = try await Self.foreignSecret(in: serve.directory)
        func force(_ value: String, _ path: String, _ secret: String?, method: String = "GET") async throws -> Curl.Answer {
            try await serve.call(path, secret: secret, method: method, headers: ["Prefer: \(value)"])
        }

        // rate_limited: forced on a fresh window (counting nothing), then the real one.
        let forcedLimit = try await force("reason=rate_limited", "/documents/d1", limited)
        #expect(forcedLimit.status == 429 && forcedLimit.headers.contains("Retry-After: 3600"), "\(forcedLimit.headers)")
        for _ in 0..<2 { #expect(try await serve.call("/documents/d1", secret: limited).status == 200) }
        let realLimit = try await serve.call("/documents/d1", secret: limited)
        Self.expectSame(forcedLimit, realLimit, "rate_limited")

        // expired: forced while the key works; real once another process moves the clock past it (below).
        let forcedExpired = try await force("reason=expired", "/documents/d1", limited)

        // deleted: forced while the key works, real once another process deletes it.
        let forcedDeleted = try await force("reason=deleted", "/documents/d1", doomed)
        try await serve.script("key delete \(serve.ids[1])")
        Self.expectSame(forcedDeleted, try await serve.call("/documents/d1", secret: doomed), "deleted")

        // unknown_key: forced on a live key equals a real unknown secret.
        Self.expectSame(
            try await force("reason=unknown_key", "/documents/d1", plain),
            try await serve.call("/documents/d1", secret: foreign), "unknown_key")

        // Reasons one request really gets: the forced answer (decided apart) is the same.
        let cases: [(reason: String, method: String, path: String)] = [
            ("unknown_endpoint", "GET", "/nothing/here"),
            ("not_api_key_endpoint", "POST", "/oauth2/token"),
            ("missing_grant", "GET", "/folders/f1"),
            ("no_access", "GET", "/documents/d2"),
        ]
        for (reason, method, path) in cases {
            let forced = try await force("reason=\(reason)", path, plain, method: method)
            let real = try await serve.call(path, secret: plain, method: method)
            #expect(real.headers.contains("Keysmith-Deny-Reason: \(reason)"), "\(reason): \(real.headers)")
            Self.expectSame(forced, real, reason)
        }

        // api_keys_disabled: forced, then real once an admin turns keys off (another process).
        let forcedOff = try await force("reason=api_keys_disabled", "/documents/d1", plain)
        try await serve.script("as root\naccount api-keys off")
        Self.expectSame(forcedOff, try await serve.call("/documents/d1", secret: plain), "api_keys_disabled")
        try await serve.script("as root\naccount api-keys on")

        try await serve.script("clock advance 2h")
        Self.expectSame(forcedExpired, try await serve.call("/documents/d1", secret: limited), "expired")

        // The journal marks forced answers; the audit log has no check for them.
        let journal = try await serve.journal("reason=rate_limited")
        #expect(journal.map { $0["forced"] as? Bool } == [false, true])
        let audit = try await serve.script("log", tag: "audit")
        #expect(audit.components(separatedBy: "deny:deleted").count - 1 == 1, "\(audit)")
        #expect(audit.components(separatedBy: "deny:api_keys_disabled").count - 1 == 1)
        #expect(audit.components(separatedBy: "deny:rate_limited").count - 1 == 1)
        #expect(audit.components(separatedBy: "deny:no_access").count - 1 == 1)

        // code=503 is the store-unavailable answer (StoreUnavailableTests has the real one's body).
        let unavailable = try await force("code=503", "/documents/d1", plain)
        #expect(unavailable.status == 503)
        #expect(
            unavailable.body == #"{"status":503,"code":"store_unavailable","message":"the key store could not answer; try again shortly"}"#)
        #expect(!unavailable.headers.lowercased().contains("keysmith-key-id"))
        // The answer names no key, as a real one; the journal and the log name the key checked.
        let unavailableEntry = try #require(try await serve.journal().first)
        #expect(
            unavailableEntry["keyId"] as? String == serve.ids[2] && unavailableEntry["keyName"] as? String == "plain", "\(unavailableEntry)"
        )
        #expect(unavailableEntry["forced"] as? Bool == true)
        #expect(try await force("code=429", "/documents/d1", plain).status == 429)

        // A forced answer never lets an unknown, malformed or deleted key through.
        for secret in [foreign, "ksk_nonsense", doomed] {
            for value in ["reason=missing_grant", "code=503", "reason=rate_limited"] {
                let answer = try await force(value, "/documents/d1", secret)
                #expect(answer.status == 401, "\(value) with a bad key: \(answer.status) \(answer.body)")
            }
        }
        #expect(try await force("reason=unknown_key", "/documents/d1", nil).status == 401)

        // A delay is honoured, then the real answer is given.
        let started = ContinuousClock.now
        #expect(try await force("delay=300ms", "/documents/d1", plain).status == 200)
        #expect(ContinuousClock.now - started >= .milliseconds(300))
        // The answer is the real one, later: its entry is marked forced (Prefer shaped it).
        let delayed = try #require(try await serve.journal().first)
        #expect(
            delayed["status"] as? Int == 200 && delayed["reason"] as? String == "allow" && delayed["forced"] as? Bool == true, "\(delayed)")

        // Values it cannot honour say so.
        for value in ["reason=bogus", "code=403", "code=999", "delay=soon", "delay=31s"] {
            let answer = try await force(value, "/documents/d1", plain)
            #expect(answer.status == 400 && answer.body.contains(#""code":"bad_prefer""#), "\(value): \(answer.body)")
        }
        #expect(try await force("reason=rate_limited", "/users/me/profile", plain).status == 400)
        // Preferences it does not know are ignored (RFC 7240).
        #expect(try await force("return=minimal", "/documents/d1", plain).status == 200)

        #expect(try await serve.server.stop() == 0)
        let stderr = serve.server.stderr
        #expect(stderr.contains(#""forced":true"#))
        #expect(
            stderr.split(separator: "\n").contains {
                $0.contains(#""reason":"store_unavailable""#) && $0.contains(#""keyId":"\#(serve.ids[2])""#)
            },
            "\(stderr)")
        for secret in serve.secrets + [foreign] { #expect(!stderr.contains(secret)) }
    }

    @Test("without --allow-prefer the Prefer header is ignored")
    func preferIgnoredUnlessAllowed() async throws {
        let serve = try await ServeFixture(setup: Self.setup)
        // One request a key: the endpoint allows two an hour per key.
        for (value, secret) in zip(["reason=rate_limited", "code=503", "reason=bogus"], serve.secrets) {
            let answer = try await serve.call("/documents/d1", secret: secret, headers: ["Prefer: \(value)"])
            #expect(answer.status == 200, "\(value): \(answer.body)")
        }
        #expect(try await serve.journal().allSatisfy { ($0["forced"] as? Bool) == false })
        _ = try await serve.server.stop()
    }
}
