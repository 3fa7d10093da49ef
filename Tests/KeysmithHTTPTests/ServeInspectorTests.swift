import Foundation
import KeysmithCore
import KeysmithServe
import KeysmithTestSupport
import Testing

/// The inspector page at `GET /_keysmith/`: served as HTML under the admin API's access rule,
/// and reading no journal field the admin API does not produce and the README does not
/// document; what it shows beyond the journal's first fields (a request's response headers,
/// the limits' current windows) from the admin API. The page in a
/// real browser is scripts/inspector-test's.
@Suite(.serialized) struct ServeInspectorTests {
    static let setup = """
        doc add d1 --owner me
        endpoint limit GET /documents/{id} 100/1h
        key create reader --expires 30d --grants DocumentReadonly
        key create profile --expires 30d --grants User
        """

    @Test("GET /_keysmith/ is the page, text/html; charset=utf-8, with no secret; with --admin-token only its bearer gets it")
    func pageServedUnderTheAdminRule() async throws {
        let serve = try await ServeFixture(setup: Self.setup)
        let page = try await serve.admin("")
        #expect(page.status == 200)
        #expect(page.headers.lowercased().contains("content-type: text/html; charset=utf-8"), "\(page.headers)")
        #expect(page.body.hasPrefix("<!doctype html>") && page.body.contains("/_keysmith/"))
        for secret in serve.secrets { #expect(!page.body.contains(secret)) }
        // Not journaled, like every admin route.
        #expect(try await serve.journal().isEmpty)
        _ = try await serve.server.stop()

        let token = "admin-token-for-inspector-1234"
        let guarded = try await ServeFixture(setup: Self.setup, arguments: ["--admin-token", token])
        let refused = try await guarded.admin("")
        #expect(refused.status == 403 && !refused.body.contains("<html") && refused.headers.contains("application/json"))
        let allowed = try await guarded.admin("", headers: ["Authorization: Bearer \(token)"])
        #expect(allowed.status == 200 && allowed.headers.lowercased().contains("text/html; charset=utf-8"))
        _ = try await guarded.server.stop()
    }

    @Test("the page's URL takes no query, as every admin route but the journal's: /_keysmith/?x=1 is a 400 bad_query naming x")
    func pageRefusesAQueryAsTheAdminRoutes() async throws {
        let serve = try await ServeFixture(setup: Self.setup)
        for query in ["x=1", "outcome=deny"] {
            let answer = try await serve.admin("?\(query)")
            #expect(answer.status == 400 && answer.headers.contains("application/json"), "\(query): \(answer.headers)")
            let body = try ServeFixture.object(answer.body)
            let name = String(query.prefix(while: { $0 != "=" }))
            #expect(body["code"] as? String == "bad_query" && body["parameter"] as? String == name, "\(answer.body)")
            #expect((body["message"] as? String)?.contains("GET /_keysmith/ takes no query parameter") == true, "\(answer.body)")
        }
        // HEAD answers as GET would; an empty query is none.
        #expect(try await serve.admin("?x=1", method: "HEAD").status == 400)
        #expect(try await serve.admin("?").status == 200)
        _ = try await serve.server.stop()
    }

    @Test("a missing_grant entry carries the explanation, the accepted and the key's grants, and the window")
    func journalEntryExplains() async throws {
        let serve = try await ServeFixture(setup: Self.setup)
        #expect(try await serve.call("/documents/d1", secret: serve.secrets[1]).status == 403)
        let entry = try #require(try await serve.journal().first)
        #expect(entry["reason"] as? String == "missing_grant")
        #expect((entry["acceptedGrants"] as? [String])?.contains("DocumentReadonly") == true)
        #expect(entry["keyGrants"] as? [String] == ["User"])
        #expect((entry["explanation"] as? String)?.isEmpty == false)
        let window = try #require(entry["rateLimit"] as? [String: Any])
        #expect(window["limit"] as? String != nil && window["remaining"] as? Int != nil && window["resetSeconds"] as? Int != nil)
        _ = try await serve.server.stop()
    }

    @Test("the page's script reads only fields a journal entry has (JSON contract of the admin API)")
    func scriptReadsOnlyJournalFields() throws {
        // The list is the JSON's own: an entry written out has exactly these keys, in order.
        var sample = JournalEntry(
            requestID: "r", time: Instant(secondsSinceEpoch: 1_800_000_000), storeTime: nil, method: "GET",
            path: "/x", status: 429, reason: "rate_limited", keyID: "key_a", keyName: "k", user: "me",
            endpoint: "GET /x", mode: "user", forced: false, micros: 1)
        sample.rateLimit = RateLimitStatus(limit: RateLimit(count: 1, period: KeyDuration(seconds: 60)), remaining: 0, resetSeconds: 5)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(sample.json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == Set(JournalEntry.fieldNames) && object.count == JournalEntry.fieldNames.count)
        let order = JournalEntry.fieldNames.map { #""\#($0)":"# }
        let positions = order.compactMap { sample.json.range(of: $0)?.lowerBound }
        #expect(positions.count == order.count && positions == positions.sorted())
        let window = try #require(object["rateLimit"] as? [String: Any])
        #expect(Set(window.keys) == Set(JournalEntry.rateLimitFieldNames))
        sample.responseHeaders[.contentType] = "application/json"
        let withHeaders = try #require(try JSONSerialization.jsonObject(with: Data(sample.json.utf8)) as? [String: Any])
        let header = try #require((withHeaders["responseHeaders"] as? [[String: Any]])?.first)
        #expect(Set(header.keys) == Set(JournalEntry.headerFieldNames))

        // Documented: the README's admin API section names every field (the page reads no other).
        let readme = try String(contentsOfFile: SourceTree.path("README.md"), encoding: .utf8)
        for field in JournalEntry.fieldNames + JournalEntry.rateLimitFieldNames + JournalEntry.headerFieldNames {
            #expect(readme.contains("\"\(field)\""), "the README does not document the journal field \(field)")
        }

        let script = InspectorPage.script
        var read: Set<String> = []
        for match in script.matches(of: /\bentry\.([A-Za-z_]+)(?:\.([A-Za-z_]+))?/) {
            let field = String(match.output.1)
            read.insert(field)
            #expect(JournalEntry.fieldNames.contains(field), "the page reads entry.\(field), which the journal does not produce")
            if field == "rateLimit", let inner = match.output.2 {
                #expect(JournalEntry.rateLimitFieldNames.contains(String(inner)), "the page reads entry.rateLimit.\(inner)")
            }
        }
        // The check bites: the page reads the journal through `entry.` at all.
        #expect(
            read.isSuperset(of: [
                "seq", "generation", "status", "reason", "path", "acceptedGrants", "keyGrants", "rateLimit", "responseHeaders",
            ]))
        // No data goes in as markup.
        #expect(
            !script.contains("innerHTML") && !script.contains("outerHTML") && !script.contains("insertAdjacentHTML")
                && !script.contains("document.write"))
    }

    @Test("a journal entry holds the response headers keysmith sent (the 429's RateLimit fields), never a secret or Authorization")
    func journalEntryHoldsResponseHeaders() async throws {
        let serve = try await ServeFixture(setup: Self.setup.replacingOccurrences(of: "100/1h", with: "1/1h"))
        let reader = serve.secrets[0]
        #expect(try await serve.call("/documents/d1", secret: reader).status == 200)
        let refused = try await serve.call("/documents/d1", secret: reader)
        #expect(refused.status == 429)
        let raw = try await serve.admin("requests")
        for secret in serve.secrets { #expect(!raw.body.contains(secret)) }
        let entry = try #require(try await serve.journal().first)
        let headers = (entry["responseHeaders"] as? [[String: String]] ?? []).map { ($0["name"] ?? "", $0["value"] ?? "") }
        let named = Dictionary(headers, uniquingKeysWith: { first, _ in first })
        #expect(named["RateLimit-Policy"] == #""account";q=1;w=3600"#, "\(headers)")
        #expect(named["RateLimit"]?.hasPrefix(#""account";r=0;t="#) == true)
        #expect(named["Retry-After"] != nil && named["Keysmith-Deny-Reason"] == "rate_limited")
        #expect(named["Keysmith-Request-Id"] == entry["id"] as? String)
        #expect(named["Content-Type"] == "application/json; charset=utf-8")
        #expect(!headers.contains { $0.0.lowercased() == "authorization" })
        // What the client received, the journal shows (but the Date, which the server adds after).
        for (name, value) in headers { #expect(refused.headers.contains("\(name): \(value)"), "\(name): \(value)") }
        _ = try await serve.server.stop()
    }

    @Test("GET /_keysmith/limits reads each limited endpoint's current window without counting: reading it changes nothing")
    func limitsReadWithoutCounting() async throws {
        let setup = """
            doc add d1 --owner me
            endpoint limit GET /documents/{id} 3/1h
            endpoint limit GET /users/me/profile 5/1m --per key
            key create reader --expires 30d --grants DocumentReadonly
            key create profile --expires 30d --grants User
            """
        let serve = try await ServeFixture(setup: setup, arguments: ["--frozen-clock"])
        let (reader, profile) = (serve.secrets[0], serve.secrets[1])
        for _ in 0..<2 { #expect(try await serve.call("/documents/d1", secret: reader).status == 200) }
        #expect(try await serve.call("/users/me/profile", secret: profile).status == 200)
        var answers: [String] = []
        for _ in 0..<3 {
            let answer = try await serve.admin("limits")
            #expect(answer.status == 200 && answer.headers.contains("application/json"))
            answers.append(answer.body)
        }
        #expect(Set(answers).count == 1, "reading the windows moved them: \(answers)")
        let endpoints = try ServeFixture.object(answers[0])["endpoints"] as? [[String: Any]] ?? []
        // Lucid's catalog limits some endpoints of its own; these two are the setup's.
        let documents = try #require(endpoints.first { $0["endpoint"] as? String == "GET /documents/{id}" })
        let profileLimit = try #require(endpoints.first { $0["endpoint"] as? String == "GET /users/me/profile" })
        #expect(documents["rateLimit"] as? String == "3/1h per account" && documents["quota"] as? Int == 3)
        #expect(documents["scope"] as? String == "account" && documents["periodSeconds"] as? Int == 3600)
        let window = try #require((documents["windows"] as? [[String: Any]])?.first)
        #expect(window["subject"] is NSNull && window["used"] as? Int == 2 && window["remaining"] as? Int == 1)
        #expect(window["resetSeconds"] as? Int == 3600, "the store's clock is frozen: the window is as new as its first request")
        let perKey = try #require(profileLimit["windows"] as? [[String: Any]])
        #expect(perKey.count == 1 && perKey[0]["subject"] as? String == serve.ids[1] && perKey[0]["used"] as? Int == 1)
        // The quota is intact: one more request is allowed, the next refused.
        #expect(try await serve.call("/documents/d1", secret: reader).status == 200)
        #expect(try await serve.call("/documents/d1", secret: reader).status == 429)
        for secret in serve.secrets { #expect(!answers[0].contains(secret)) }
        _ = try await serve.server.stop()
    }
}
