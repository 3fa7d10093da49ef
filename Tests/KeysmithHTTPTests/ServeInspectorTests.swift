import Foundation
import KeysmithCore
import KeysmithServe
import KeysmithTestSupport
import Testing

/// The inspector page at `GET /_keysmith/` (issue 22): served as HTML under the admin API's
/// access rule, and reading no journal field the admin API does not produce. The page in a
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
        #expect(read.isSuperset(of: ["seq", "status", "reason", "path", "acceptedGrants", "keyGrants", "rateLimit"]))
        // No data goes in as markup.
        #expect(
            !script.contains("innerHTML") && !script.contains("outerHTML") && !script.contains("insertAdjacentHTML")
                && !script.contains("document.write"))
    }
}
