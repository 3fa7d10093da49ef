import KeysmithScript
import KeysmithTestSupport
import Testing

@Suite struct ScenarioRunnerTests {
    @Test func aScenarioWithoutAGoldenFailsAndSaysHowToCreateIt() async throws {
        let dir = try TemporaryDirectory()
        try dir.write("a.ks", "clock\n")
        let verdict = await ScenarioRunner().verdict(for: dir.file("a.ks"), update: false)
        #expect(!verdict.passed)
        #expect(verdict.report.contains("keysmith test --update"))
    }

    @Test func updateWritesTheTranscriptAsTheGoldenAndThenItPasses() async throws {
        let dir = try TemporaryDirectory()
        try dir.write("a.ks", "# a comment\nclock\nclock advance 1d\n")
        #expect(await ScenarioRunner().verdict(for: dir.file("a.ks"), update: true).passed)
        #expect(
            dir.read("a.golden") == """
                > clock
                2026-01-01T00:00:00Z
                > clock advance 1d
                clock advanced 1d to 2026-01-02T00:00:00Z

                """)
        #expect(await ScenarioRunner().verdict(for: dir.file("a.ks"), update: false).passed)
    }

    @Test func aMismatchPrintsAUnifiedDiff() async throws {
        let dir = try TemporaryDirectory()
        try dir.write("a.ks", "clock\n")
        try dir.write("a.golden", "> clock\n2025-01-01T00:00:00Z\n")
        let verdict = await ScenarioRunner().verdict(for: dir.file("a.ks"), update: false)
        #expect(!verdict.passed)
        #expect(verdict.report.contains("-2025-01-01T00:00:00Z"))
        #expect(verdict.report.contains("+2026-01-01T00:00:00Z"))
        #expect(verdict.report.contains("@@ -1,2 +1,2 @@"))
    }

    @Test func aFailedExpectFailsTheScenarioEvenWhenTheGoldenMatches() async throws {
        let dir = try TemporaryDirectory()
        try dir.write("a.ks", "expect error clock\n")
        try dir.write(
            "a.golden",
            "> expect error clock\n2026-01-01T00:00:00Z\na.ks:1:1: expectation failed: expected an error, but the command succeeded\n")
        let verdict = await ScenarioRunner().verdict(for: dir.file("a.ks"), update: false)
        #expect(!verdict.passed)
        #expect(verdict.report.contains("1 expectation failed"))
    }

    @Test func transcriptsAreTheSameOnEveryRun() async throws {
        let dir = try TemporaryDirectory()
        try dir.write("a.ks", "let k = key create a --expires 30d --grants User\nkey list\nlog\n")
        let first = try await ScenarioRunner().replay(dir.file("a.ks")).transcript
        let second = try await ScenarioRunner().replay(dir.file("a.ks")).transcript
        #expect(first == second)
    }

    @Test func librariesStartingWithUnderscoreAreNotScenarios() throws {
        let dir = try TemporaryDirectory()
        try dir.write("_lib.ks", "clock\n")
        try dir.write("b.ks", "clock\n")
        try dir.write("a.ks", "clock\n")
        #expect(try ScenarioRunner.scenarios(under: [dir.path]) == [dir.file("a.ks"), dir.file("b.ks")])
    }

    @Test func theDiffShowsOnlyChangedRegionsWithContext() {
        let old = (1...20).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let new = (1...20).map { $0 == 10 ? "line ten" : "line \($0)" }.joined(separator: "\n") + "\n"
        let diff = UnifiedDiff.diff(old, new, oldName: "a", newName: "b")
        #expect(diff == "--- a\n+++ b\n@@ -7,7 +7,7 @@\n line 7\n line 8\n line 9\n-line 10\n+line ten\n line 11\n line 12\n line 13\n")
    }
}
