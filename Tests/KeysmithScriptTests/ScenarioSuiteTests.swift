import KeysmithScript
import KeysmithTestSupport
import Testing

/// The golden scenarios under Tests/Scenarios, each replayed as its own test case so a failure
/// names its file (on the in-memory store; the SQLite tests replay them on SQLite).
@Suite struct ScenarioSuiteTests {
    static let directory = SourceTree.path("Tests/Scenarios")

    static let scenarios: [String] = (try? ScenarioRunner.scenarios(under: [directory])) ?? []

    @Test func suiteHasAtLeastFortyScenarios() {
        #expect(Self.scenarios.count >= 40)
    }

    @Test(arguments: scenarios.map { String($0.dropFirst(directory.count + 1)) })
    func scenarioMatchesItsGolden(_ name: String) async {
        let verdict = await ScenarioRunner().verdict(for: Self.directory + "/" + name, update: false)
        #expect(verdict.passed, "\(verdict.report)")
    }
}
