import KeysmithScript
import Testing

/// Replays every scenario under Scenarios/ from `swift test`, as `keysmith test` would: each
/// on a fresh memory store with the fixed seed and clock, compared with its `.golden` file.
@Suite struct ScenarioTests {
    static let directory = String(#filePath.dropLast("ScenarioTests.swift".count)) + "Scenarios"

    @Test(arguments: try ScenarioRunner.scenarios(under: [directory]))
    func scenarioMatchesItsGolden(_ path: String) async {
        let verdict = await ScenarioRunner().verdict(for: path, update: false)
        #expect(verdict.passed, "\(verdict.report)")
    }
}
