import Foundation
import KeysmithTestSupport
import Testing

/// The admin API's rules over a real socket with `curl`: its query parameters, its methods
/// (HEAD, OPTIONS, 405), a server without a journal, the SSE stream's filters and
/// `Last-Event-ID`, the journal's raw path and unique ids, the metrics after a clear, the
/// admin token's rules, and `Prefer` answers that must not come before the key or contradict
/// themselves.
@Suite(.serialized) struct ServeAdminRulesProcessTests {
    static let setup = """
        doc add d1 --owner me
        endpoint limit GET /documents/{id} --off
        endpoint limit GET /users/me/profile 3/1h
        key create reader --expires 30d --grants DocumentReadonly
        key create profile --expires 30d --grants User
        key create forever --expires never --grants DocumentReadonly
        key create brief --expires 1h --grants DocumentReadonly
        """

    @Test("every journal filter is checked alike: 400 bad_query naming the parameter and what it may be")
    func journalFiltersAreValidatedAlike() async throws {
        let serve = try await ServeFixture(setup: Self.setup)
        let cases: [(query: String, parameter: String, allowedHas: String?)] = [
            ("reason=nonsense", "reason", "missing_grant"),
            ("outcome=ALLOW", "outcome", "allow"),
            ("limit=0", "limit", nil),
            ("key=", "key", nil),
            ("color=red", "color", "reason"),
            ("reason=allow&reason=allow", "reason", "allow"),
        ]
        for (query, parameter, allowedHas) in cases {
            for route in ["requests", "requests/stream"] where !(route == "requests/stream" && query.hasPrefix("limit")) {
                let answer = try await serve.admin("\(route)?\(query)")
                #expect(answer.status == 400, "\(route)?\(query): \(answer.status) \(answer.body)")
                let body = try ServeFixture.object(answer.body)
                #expect(body["code"] as? String == "bad_query" && body["parameter"] as? String == parameter, "\(answer.body)")
                if let allowedHas { #expect((body["allowed"] as? [String])?.contains(allowedHas) == true, "\(answer.body)") }
            }
        }
        // The stream takes no limit.
        let limited = try await serve.admin("requests/stream?limit=5")
        #expect(limited.status == 400 && limited.body.contains(#""parameter":"limit""#))
        // A limit past any integer is still "more than the journal holds": all of it.
        for query in [
            "reason=missing_grant", "reason=allow", "reason=missing_key", "outcome=deny", "key=reader", "limit=3",
            "limit=99999999999999999999999",
        ] {
            #expect(try await serve.admin("requests?\(query)").status == 200, "\(query)")
        }
        // Names are percent-decoded as values are; empty pieces are skipped.
        #expect(try await serve.journal("%6Cimit=1").count <= 1)
        let decodedName = try await serve.admin("requests?%6Cimit=0")
        #expect(decodedName.status == 400 && decodedName.body.contains(#""parameter":"limit""#), "\(decodedName.body)")
        #expect(try await serve.admin("requests?&&").status == 200)
        let emptyName = try await serve.admin("requests?=x")
        #expect(emptyName.status == 400 && emptyName.body.contains("a parameter with no name"), "\(emptyName.body)")
        // The routes that take no parameter refuse any, as the journal refuses one it does not know.
        for route in ["keys?limit=1", "metrics?x", "limits?a=b", "catalog?x=1"] {
            let answer = try await serve.admin(route)
            #expect(
                answer.status == 400 && answer.body.contains(#""code":"bad_query""#) && answer.body.contains("takes no query parameter"),
                "\(route): \(answer.body)")
        }
        #expect(try await serve.admin("keys?").status == 200)
        _ = try await serve.server.stop()
    }

    @Test("admin routes answer HEAD wherever GET, OPTIONS with Allow, and 405 with Allow to another method")
    func adminMethodsAsTheAPIs() async throws {
        let serve = try await ServeFixture(setup: Self.setup)
        // (curl -I reads no body; HeadAndOptionsTests has the body-less answer in-process.)
        let head = try await serve.admin("keys", method: "HEAD")
        #expect(head.status == 200 && head.headers.contains("application/json"), "\(head.headers)")
        let page = try await serve.admin("", method: "HEAD")
        #expect(page.status == 200 && page.headers.contains("text/html"))
        let options = try await serve.admin("requests", method: "OPTIONS")
        #expect(options.status == 204 && options.headers.contains("Allow: GET, DELETE, HEAD, OPTIONS"), "\(options.headers)")
        let resetOptions = try await serve.admin("reset", method: "OPTIONS")
        #expect(resetOptions.status == 204 && resetOptions.headers.contains("Allow: POST, OPTIONS"), "\(resetOptions.headers)")
        let post = try await serve.admin("keys", method: "POST")
        #expect(post.status == 405 && post.headers.contains("Allow: GET, HEAD, OPTIONS"), "\(post.headers)")
        #expect(post.body.contains(#""code":"method_not_allowed""#) && post.headers.contains("application/json"))
        #expect(post.body.contains("/_keysmith/keys answers GET, HEAD, OPTIONS, not POST"), "\(post.body)")
        let get = try await serve.admin("reset")
        #expect(get.status == 405 && get.headers.contains("Allow: POST, OPTIONS"))
        #expect(try await serve.admin("nothing", method: "OPTIONS").status == 404)
        #expect(try await serve.admin("nothing").status == 404)
        _ = try await serve.server.stop()
    }

    @Test("with --journal 0 the journal routes say the journal is off (409 journal_off); the rest still answers")
    func journalOffSaysSo() async throws {
        let serve = try await ServeFixture(setup: Self.setup, arguments: ["--journal", "0"])
        #expect(try await serve.call("/documents/d1", secret: serve.secrets[0]).status == 200)
        for (path, method) in [("requests", "GET"), ("requests", "DELETE"), ("requests/stream", "GET")] {
            let answer = try await serve.admin(path, method: method)
            #expect(answer.status == 409 && answer.body.contains(#""code":"journal_off""#), "\(method) \(path): \(answer.body)")
            #expect(answer.body.firstMatch(of: /--[a-z]/) == nil, "an HTTP answer names no command-line flag: \(answer.body)")
        }
        #expect(try await serve.admin("keys").status == 200)
        #expect(try await serve.admin("limits").status == 200)
        _ = try await serve.server.stop()
    }

    @Test("the stream honours the listing's filters and replays what follows Last-Event-ID")
    func streamFiltersAndResumes() async throws {
        let serve = try await ServeFixture(setup: Self.setup)
        let reader = serve.secrets[0]
        #expect(try await serve.call("/documents/d1", secret: reader).status == 200)  // 1
        #expect(try await serve.call("/documents/d1").status == 401)  // 2
        #expect(try await serve.call("/documents/d1", secret: reader).status == 200)  // 3
        #expect(try await serve.call("/documents/d1").status == 401)  // 4
        let answer = try await Curl.call(
            serve.server.baseURL + "/_keysmith/requests/stream?outcome=allow", headers: ["Last-Event-ID: 1"],
            maxTime: 2, in: serve.directory)
        let ids = answer.body.split(separator: "\n").filter { $0.hasPrefix("id: ") }
        #expect(ids == ["id: 3"], "\(answer.body)")
        // One rule: any whole number 0 or more in digits; above the newest replays everything held.
        let above = try await Curl.call(
            serve.server.baseURL + "/_keysmith/requests/stream", headers: ["Last-Event-ID: 99"], maxTime: 2, in: serve.directory)
        #expect(above.body.split(separator: "\n").filter { $0.hasPrefix("id: ") }.count == 4, "\(above.body)")
        // Digits past any integer are above the newest too, not "not a whole number".
        let huge = try await Curl.call(
            serve.server.baseURL + "/_keysmith/requests/stream", headers: ["Last-Event-ID: 99999999999999999999999"], maxTime: 2,
            in: serve.directory)
        #expect(huge.body.split(separator: "\n").filter { $0.hasPrefix("id: ") }.count == 4, "\(huge.body)")
        for bad in ["-1", "+3", "3.0", "x"] {
            let refused = try await serve.admin("requests/stream", headers: ["Last-Event-ID: \(bad)"])
            #expect(refused.status == 400 && refused.body.contains("bad_last_event_id"), "\(bad): \(refused.body)")
            #expect(
                refused.body.contains("whole number 0 or more, in digits only") && !refused.body.contains("this stream sent"),
                "\(refused.body)")
        }
        _ = try await serve.server.stop()
    }

    @Test("HEAD on the stream answers the GET's headers (text/event-stream, no Content-Length) without a body")
    func headOnTheStream() async throws {
        let serve = try await ServeFixture(setup: Self.setup)
        let get = try await Curl.call(serve.server.baseURL + "/_keysmith/requests/stream", maxTime: 2, in: serve.directory)
        let head = try await serve.admin("requests/stream", method: "HEAD")
        // (curl -I reads no body: it would hang on one; HeadAndOptionsTests has body-less answers in-process.)
        #expect(head.status == 200, "\(head.status)")
        #expect(head.headers.contains("text/event-stream"), "\(head.headers)")
        #expect(!head.headers.lowercased().contains("content-length"), "\(head.headers)")
        let framing = { (headers: String) in
            comparableHeaders(headers).filter { $0.lowercased().hasPrefix("transfer-encoding") || $0.lowercased().hasPrefix("content-") }
        }
        #expect(framing(head.headers) == framing(get.headers), "HEAD \(head.headers) GET \(get.headers)")
        // No body, not even a last chunk: the next answer on the connection follows the head at once.
        guard let port = UInt16(serve.server.baseURL.split(separator: ":").last ?? "") else { throw TestProblem("no port") }
        let client = try HalfOpenClient(
            port: port,
            sending:
                "HEAD /_keysmith/requests/stream HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        let answers = client.readToEnd()
        client.close()
        let parts = answers.components(separatedBy: "\r\n\r\n")
        #expect(parts.count == 3 && parts[1].hasPrefix("HTTP/1.1 200") && parts[2] == "ok", "\(answers)")
        _ = try await serve.server.stop()
    }

    @Test("an X-Request-Id shaped like the server's own ids (req_…) is not kept: the server's own id answers")
    func lookalikeRequestIDIsNotKept() async throws {
        let serve = try await ServeFixture(setup: Self.setup)
        let lookalike = "req_aaaaaaaaaaaaaaaaaaaa"
        let posing = try await serve.call("/documents/d1", secret: serve.secrets[0], headers: ["X-Request-Id: \(lookalike)"])
        #expect(posing.status == 200 && !posing.headers.contains(lookalike), "\(posing.headers)")
        #expect(posing.headers.contains("Keysmith-Request-Id: req_"), "\(posing.headers)")
        let entry = try #require(try await serve.journal().first)
        #expect(entry["clientRequestId"] is NSNull && entry["id"] as? String != lookalike, "\(entry)")
        // A well-formed id of the client's own is still kept.
        let own = try await serve.call("/documents/d1", secret: serve.secrets[0], headers: ["X-Request-Id: my-req_1"])
        #expect(own.headers.contains("Keysmith-Request-Id: my-req_1"), "\(own.headers)")
        _ = try await serve.server.stop()
    }

    @Test("the journal keeps the path raw (decoded, not escaped; secrets still cut) and its own unique id beside the client's")
    func rawPathAndUniqueIDs() async throws {
        let serve = try await ServeFixture(setup: Self.setup)
        let reader = serve.secrets[0]
        let first = try await serve.call("/documents/caf%C3%A9%09%22x%22", secret: reader, headers: ["X-Request-Id: same-id"])
        let second = try await serve.call("/documents/d1", secret: reader, headers: ["X-Request-Id: same-id"])
        // The answer keeps the client's id (DESIGN §8), however often it repeats.
        for answer in [first, second] {
            #expect(answer.headers.contains("Keysmith-Request-Id: same-id"), "\(answer.headers)")
        }
        let entries = try await serve.journal()
        #expect(entries.count == 2)
        #expect(entries.map { $0["clientRequestId"] as? String } == ["same-id", "same-id"])
        let ids = entries.compactMap { $0["id"] as? String }
        #expect(Set(ids).count == 2 && ids.allSatisfy { $0.hasPrefix("req_") })
        let unnamed = try await serve.call("/documents/d1", secret: reader)
        let fresh = try #require(try await serve.journal().first?["id"] as? String)
        #expect(unnamed.headers.contains("Keysmith-Request-Id: \(fresh)"), "without a client's id, the journal's is sent")
        #expect(entries[1]["path"] as? String == "/documents/café\t\"x\"", "\(entries[1])")
        _ = try await serve.call("/documents/\(reader)", secret: reader)
        let redacted = try #require(try await serve.journal().first)
        #expect(redacted["path"] as? String == "/documents/ksk_…")
        _ = try await serve.server.stop()
    }

    @Test("bidi controls and other invisible format characters in a path are escaped in the journal (\\u{202E}), as the log escapes them")
    func bidiControlsInAPathAreEscaped() async throws {
        let serve = try await ServeFixture(setup: Self.setup)
        let reader = serve.secrets[0]
        // U+202E (RLO), U+2066 (LRI), U+200B (zero-width space); the tab stays for the JSON to escape.
        _ = try await serve.call("/documents/a%E2%80%AEb%E2%81%A6c%E2%80%8Bd%09e", secret: reader)
        let listing = try await serve.admin("requests")
        #expect(!listing.body.contains("\u{202E}") && !listing.body.contains("\u{2066}"), "\(listing.body)")
        let entry = try #require((try ServeFixture.object(listing.body)["requests"] as? [[String: Any]])?.first)
        #expect(entry["path"] as? String == #"/documents/a\u{202E}b\u{2066}c\u{200B}d"# + "\te", "\(entry)")
        _ = try await serve.server.stop()
        // The log (JSON here, so its backslashes doubled) escaped them already.
        #expect(!serve.server.stderr.contains("\u{202E}") && serve.server.stderr.contains(#"u{202E}b"#), "\(serve.server.stderr)")
    }

    @Test("the journal-size gauge follows a DELETE of the journal; forced answers are counted with forced=\"true\"")
    func metricsAfterClearAndForced() async throws {
        let serve = try await ServeFixture(setup: Self.setup, arguments: ["--allow-prefer"])
        let reader = serve.secrets[0]
        #expect(try await serve.call("/documents/d1", secret: reader).status == 200)
        #expect(try await serve.call("/documents/d1", secret: reader, headers: ["Prefer: reason=no_access"]).status == 403)
        func metrics() async throws -> String { try await serve.admin("metrics").body }
        let before = try await metrics()
        #expect(before.contains("keysmith_journal_entries 2"), "\(before)")
        #expect(before.contains(#"keysmith_requests_total{outcome="deny",reason="no_access",forced="true"} 1"#), "\(before)")
        #expect(before.contains(#"keysmith_requests_total{outcome="allow",reason="allow",forced="false"} 1"#), "\(before)")
        #expect(try await serve.admin("requests", method: "DELETE").status == 200)
        #expect(try await metrics().contains("keysmith_journal_entries 0"))
        _ = try await serve.server.stop()
    }

    @Test("an unreadable Prefer header is answered after the key: an unknown or expired key still gets its 401")
    func badPreferAfterTheKey() async throws {
        let serve = try await ServeFixture(setup: Self.setup, arguments: ["--allow-prefer"])
        let bogus = ["Prefer: reason=bogus"]
        #expect(try await serve.call("/documents/d1", headers: bogus).status == 401)
        let unknown = try await serve.call("/documents/d1", secret: "ksk_" + String(repeating: "x", count: 36), headers: bogus)
        #expect(unknown.status == 401 && unknown.body.contains("unknown_key"), "\(unknown.body)")
        #expect(try await serve.call("/documents/d1", secret: serve.secrets[0], headers: bogus).status == 400)
        try await serve.script("clock advance 2h")
        let expired = try await serve.call("/documents/d1", secret: serve.secrets[3], headers: bogus)
        #expect(expired.status == 401 && expired.body.contains(#""code":"expired""#), "\(expired.body)")
        _ = try await serve.server.stop()
    }

    @Test("a forced reason that cannot happen for that key on that endpoint is refused with 400 saying why")
    func impossibleForcedReasonsRefused() async throws {
        let serve = try await ServeFixture(setup: Self.setup, arguments: ["--allow-prefer"])
        let (reader, profile, forever) = (serve.secrets[0], serve.secrets[1], serve.secrets[2])
        let refused: [(reason: String, path: String, secret: String, why: String)] = [
            ("missing_grant", "/documents/d1", reader, "holds DocumentReadonly"),
            ("expired", "/documents/d1", forever, "never expires"),
            ("not_api_key_endpoint", "/documents/d1", reader, "accepts API keys"),
            ("no_access", "/users/me/profile", profile, "open to every user"),
            // Grants are checked before access: without FolderReadonly the real answer is missing_grant.
            ("no_access", "/folders/f1", reader, "holds none of the grants GET /folders/{id} accepts"),
            ("rate_limited", "/documents/d1", reader, "no rate limit"),
        ]
        for (reason, path, secret, why) in refused {
            let answer = try await serve.call(path, secret: secret, headers: ["Prefer: reason=\(reason)"])
            #expect(answer.status == 400 && answer.body.contains(#""code":"bad_prefer""#), "\(reason): \(answer.body)")
            #expect(answer.body.contains(why), "\(reason): \(answer.body)")
            // The key was checked first: the journal names it and says why Prefer was refused.
            let entry = try #require(try await serve.journal().first)
            #expect(entry["reason"] as? String == "bad_prefer" && entry["keyId"] as? String != nil, "\(entry)")
            #expect((entry["explanation"] as? String)?.contains(why) == true, "\(entry)")
        }
        let unreadable = try await serve.call("/documents/d1", secret: reader, headers: ["Prefer: reason=bogus"])
        #expect(unreadable.status == 400)
        let unreadableEntry = try #require(try await serve.journal().first)
        #expect(unreadableEntry["keyName"] as? String == "reader" && unreadableEntry["explanation"] as? String != nil, "\(unreadableEntry)")
        // Reasons that can happen still force their answer.
        for (reason, path, secret, status) in [
            ("missing_grant", "/documents/d1", profile, 403), ("expired", "/documents/d1", reader, 401),
            ("rate_limited", "/users/me/profile", profile, 429), ("deleted", "/documents/d1", forever, 401),
            ("no_access", "/documents/d1", reader, 403),
        ] {
            let answer = try await serve.call(path, secret: secret, headers: ["Prefer: reason=\(reason)"])
            #expect(answer.status == status, "\(reason): \(answer.body)")
        }
        _ = try await serve.server.stop()
    }

    @Test(
        "an admin token shorter than 16 characters or empty is refused (exit 2), as are --admin-token twice and --admin-token and KEYSMITH_ADMIN_TOKEN together; the variable gives it without the command line"
    )
    func adminTokenRules() async throws {
        let directory = try TemporaryDirectory()
        let short = try ProgramRun.keysmith(
            ["serve", "--memory", "--port", "0", "--admin-token", "short-token"], in: directory.path, timeout: .seconds(20))
        #expect(short.status == 2 && short.stderr.contains("at least 16"), "\(short.status) \(short.stderr)")
        #expect(!short.stderr.contains("short-token"))
        let shortVariable = try ProgramRun.keysmith(
            ["serve", "--memory", "--port", "0"], in: directory.path, environment: ["KEYSMITH_ADMIN_TOKEN": "tiny"],
            timeout: .seconds(20))
        #expect(shortVariable.status == 2 && shortVariable.stderr.contains("KEYSMITH_ADMIN_TOKEN"), "\(shortVariable.stderr)")
        let emptyVariable = try ProgramRun.keysmith(
            ["serve", "--memory", "--port", "0"], in: directory.path, environment: ["KEYSMITH_ADMIN_TOKEN": ""], timeout: .seconds(20))
        #expect(
            emptyVariable.status == 2 && emptyVariable.stderr.contains("KEYSMITH_ADMIN_TOKEN: it is empty")
                && emptyVariable.stderr.contains("unset KEYSMITH_ADMIN_TOKEN"), "\(emptyVariable.stderr)")
        // A token shaped like a key's secret would be cut from every log as one.
        let secretShaped = try ProgramRun.keysmith(
            ["serve", "--memory", "--port", "0", "--admin-token", "ksk_7U2DojALfoIdbHn4WNoqcNBF4qKA7p0rGWYq"], in: directory.path,
            timeout: .seconds(20))
        #expect(secretShaped.status == 2 && secretShaped.stderr.contains("shaped like a key's secret"), "\(secretShaped.stderr)")
        #expect(!secretShaped.stderr.contains("7U2DojALfoIdbHn4"))
        // Twice: the last does not silently win.
        let twice = try ProgramRun.keysmith(
            ["serve", "--memory", "--port", "0", "--admin-token", "first-token-0123456789", "--admin-token=second-token-0123456789"],
            in: directory.path, timeout: .seconds(20))
        #expect(twice.status == 2 && twice.stderr.contains("--admin-token was given 2 times"), "\(twice.stderr)")
        #expect(!twice.stderr.contains("first-token") && !twice.stderr.contains("second-token"))

        // Both at once: neither silently wins; a usage error names both, and neither token.
        let both = try ProgramRun.keysmith(
            ["serve", "--memory", "--port", "0", "--admin-token", "token-on-the-command-line"], in: directory.path,
            environment: ["KEYSMITH_ADMIN_TOKEN": "token-from-the-environment"], timeout: .seconds(20))
        #expect(both.status == 2, "\(both.status) \(both.stderr)")
        #expect(both.stderr.contains("--admin-token") && both.stderr.contains("KEYSMITH_ADMIN_TOKEN"), "\(both.stderr)")
        #expect(!both.stderr.contains("token-on-the-command-line") && !both.stderr.contains("token-from-the-environment"))

        let token = "token-from-the-environment-42"
        let serve = try await ServeFixture(setup: Self.setup, environment: ["KEYSMITH_ADMIN_TOKEN": token])
        #expect(try await serve.admin("keys").status == 403)
        #expect(try await serve.admin("keys", headers: ["Authorization: Bearer \(token)"]).status == 200)
        _ = try await serve.server.stop()
        #expect(!serve.server.stderr.contains(token) && !serve.server.stdout.contains(token))
    }

    @Test(
        "the admin token pasted into a path or an X-Request-Id shows as <admin token>: never in the log, the journal, the store's audit or Keysmith-Request-Id"
    )
    func adminTokenIsHiddenLikeASecret() async throws {
        let token = "adminadminadmin123"
        let serve = try await ServeFixture(setup: Self.setup, arguments: ["--admin-token", token])
        let answer = try await serve.call("/v1/documents/\(token)", secret: serve.secrets[0], headers: ["X-Request-Id: \(token)"])
        #expect(!answer.headers.contains(token), "\(answer.headers)")
        #expect(answer.headers.lowercased().contains("keysmith-request-id: req_"), "\(answer.headers)")
        let listing = try await serve.admin("requests", headers: ["Authorization: Bearer \(token)"])
        #expect(listing.status == 200 && !listing.body.contains(token), "\(listing.body)")
        let entry = try #require((try ServeFixture.object(listing.body)["requests"] as? [[String: Any]])?.first)
        #expect(entry["path"] as? String == "/v1/documents/<admin token>" && entry["clientRequestId"] is NSNull, "\(entry)")
        // A path no endpoint matches: the check's explanation names the path, and hides it too.
        #expect(try await serve.call("/v1/nothing/\(token)", secret: serve.secrets[0]).status == 404)
        let unmatched = try await serve.admin("requests?limit=1", headers: ["Authorization: Bearer \(token)"])
        #expect(unmatched.status == 200 && !unmatched.body.contains(token), "\(unmatched.body)")
        #expect(unmatched.body.contains("matches GET /v1/nothing/<admin token>"), "\(unmatched.body)")
        _ = try await serve.server.stop()
        #expect(!serve.server.stderr.contains(token), "\(serve.server.stderr)")
        #expect(serve.server.stderr.contains("/v1/documents/<admin token>"), "\(serve.server.stderr)")
        // The store's audit record of the check hides it too (`log`, from another process).
        let audit = try await serve.script("log")
        #expect(!audit.contains(token), "\(audit)")
        #expect(audit.contains("GET /v1/documents/<admin token>") && audit.contains("GET /v1/nothing/<admin token>"), "\(audit)")
    }
}
