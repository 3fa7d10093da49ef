import KeysmithScript
import KeysmithTestSupport
import Testing

/// Goldens are compared line by line: LF or CRLF, with or without a final newline.
@Suite struct GoldenLineEndingTests {
    static let transcript = "> clock\n2026-01-01T00:00:00Z\n"

    @Test(
        "a golden that differs only in line endings or the final newline passes and says how it differs",
        arguments: [
            ("> clock\r\n2026-01-01T00:00:00Z\r\n", "the golden has CRLF line endings"),
            ("> clock\n2026-01-01T00:00:00Z", "the golden has no final newline"),
            ("> clock\r\n2026-01-01T00:00:00Z", "the golden has CRLF line endings and the golden has no final newline"),
            ("> clock\r\n2026-01-01T00:00:00Z\n", "the golden has CRLF line endings"),
        ])
    func endingsOnly(golden: String, note: String) async throws {
        let dir = try TemporaryDirectory()
        try dir.write("a.ks", "clock\n")
        try dir.write("a.golden", golden)
        let verdict = await ScenarioRunner().verdict(for: dir.file("a.ks"), update: false)
        #expect(verdict.passed, "\(verdict.report)")
        #expect(verdict.report.contains(note), "\(verdict.report)")
        #expect(
            GoldenComparison.compare(golden: golden, transcript: Self.transcript, goldenName: "g")
                == .sameLines(note: note))
    }

    @Test("an identical golden passes with no note")
    func identical() {
        #expect(GoldenComparison.compare(golden: Self.transcript, transcript: Self.transcript, goldenName: "g") == .identical)
    }

    @Test("a CRLF golden with a real difference fails with a diff of that line only, never an empty diff")
    func crlfWithARealDifference() async throws {
        let dir = try TemporaryDirectory()
        try dir.write("a.ks", "clock\n")
        try dir.write("a.golden", "> clock\r\n2025-01-01T00:00:00Z")
        let verdict = await ScenarioRunner().verdict(for: dir.file("a.ks"), update: false)
        #expect(!verdict.passed)
        #expect(verdict.report.contains("@@ -1,2 +1,2 @@\n > clock\n-2025-01-01T00:00:00Z\n+2026-01-01T00:00:00Z\n"))
        #expect(!verdict.report.contains("\r"))
    }

    @Test("an empty line is a line: a golden missing one differs")
    func emptyLinesCount() {
        let comparison = GoldenComparison.compare(golden: "a\nb\n", transcript: "a\n\nb\n", goldenName: "g")
        #expect(!comparison.matches)
    }

    @Test(
        "--update writes nothing for a scenario whose expect fails or whose command fails, and says why",
        arguments: [
            ("expect error clock\n", "1 expectation failed"),
            ("clock\nkey show key_00000000\n", "a command failed"),
            ("echo \"open\n", "does not parse"),
        ])
    func updateRefusesFailingScenarios(script: String, reason: String) async throws {
        let dir = try TemporaryDirectory()
        try dir.write("a.ks", script)
        let verdict = await ScenarioRunner().verdict(for: dir.file("a.ks"), update: true)
        #expect(!verdict.passed)
        #expect(verdict.report.contains(reason), "\(verdict.report)")
        #expect(verdict.report.contains("golden not written"), "\(verdict.report)")
        #expect(dir.read("a.golden") == nil)
    }

    @Test("--update on a failing scenario leaves its existing golden untouched")
    func updateKeepsTheOldGolden() async throws {
        let dir = try TemporaryDirectory()
        try dir.write("a.ks", "expect error clock\n")
        try dir.write("a.golden", "old\n")
        _ = await ScenarioRunner().verdict(for: dir.file("a.ks"), update: true)
        #expect(dir.read("a.golden") == "old\n")
    }
}
