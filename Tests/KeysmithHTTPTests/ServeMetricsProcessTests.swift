import Foundation
import KeysmithTestSupport
import Testing

/// `GET /_keysmith/metrics` read by a Prometheus text parser that is not ours
/// (prometheus_client's, from PyPI, in the virtual environment scripts/python-tools makes):
/// it parses, and its request counts equal the journal's.
@Suite(.serialized) struct ServeMetricsProcessTests {
    /// Every sample of `text`, as prometheus_client parses it.
    static func parse(_ text: String) throws -> [[String: Any]] {
        let python = SourceTree.path(".build/python-tools/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw TestProblem("no Python tools: run scripts/python-tools (scripts/test does)")
        }
        let run = try ProgramRun.run(
            python, [SourceTree.path("Tests/KeysmithHTTPTests/Support/parse-metrics.py")], input: .text(text))
        guard run.status == 0 else { throw TestProblem("the parser refused the metrics: \(run.stderr)") }
        return try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]] ?? []
    }

    @Test("the metrics parse as Prometheus text and count what the journal holds, by outcome and reason; no secret in a label")
    func metricsAgreeWithTheJournal() async throws {
        let serve = try await ServeFixture(setup: ServeAdminProcessTests.setup, arguments: ["--allow-prefer"])
        let (reader, profile) = (serve.secrets[0], serve.secrets[1])
        for _ in 0..<3 { _ = try await serve.call("/documents/d1", secret: reader) }
        _ = try await serve.call("/documents/d2", secret: reader)
        _ = try await serve.call("/documents/\(profile)", secret: profile)
        _ = try await serve.call("/users/me/profile", secret: profile)
        _ = try await serve.call("/documents/d1")
        _ = try await serve.call("/documents/d1", secret: reader, headers: ["Prefer: reason=rate_limited"])
        _ = try await serve.call("/documents/d1", secret: "ksk_\(String(repeating: "x", count: 36))")

        let text = try await serve.admin("metrics")
        #expect(text.status == 200 && text.headers.contains("text/plain; version=0.0.4"))
        let samples = try Self.parse(text.body)
        let journal = try await serve.journal("limit=1000")

        var counted: [String: Int] = [:]
        for sample in samples where sample["name"] as? String == "keysmith_requests_total" {
            let labels = sample["labels"] as? [String: String] ?? [:]
            counted["\(labels["outcome"] ?? "") \(labels["reason"] ?? "")", default: 0] += Int(sample["value"] as? Double ?? 0)
        }
        var journaled: [String: Int] = [:]
        for entry in journal { journaled["\(entry["outcome"] as? String ?? "") \(entry["reason"] as? String ?? "")", default: 0] += 1 }
        #expect(counted == journaled)
        #expect(journaled["allow allow"] == 4 && journaled["deny no_access"] == 1 && journaled["deny rate_limited"] == 1)

        // Checks the store decided: every request that reached one, the forced answer excepted.
        let checks = samples.filter { $0["name"] as? String == "keysmith_checks_total" }
            .reduce(0) { $0 + Int($1["value"] as? Double ?? 0) }
        #expect(checks == journal.filter { ($0["storeTime"] is String) && ($0["forced"] as? Bool) == false }.count)
        let durations = samples.first { $0["name"] as? String == "keysmith_request_duration_seconds_count" }
        #expect(durations?["value"] as? Double == Double(journal.count))
        #expect(samples.contains { $0["name"] as? String == "keysmith_journal_entries" && $0["value"] as? Double == Double(journal.count) })
        #expect(samples.contains { $0["family"] as? String == "keysmith_group_commit_batch_size" })
        #expect(samples.contains { $0["family"] as? String == "keysmith_store_transaction_duration_seconds" })
        for secret in serve.secrets { #expect(!text.body.contains(secret)) }
        _ = try await serve.server.stop()
    }
}
