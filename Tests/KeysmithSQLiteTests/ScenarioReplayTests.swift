import KeysmithSQLite
import KeysmithScript
import KeysmithTestSupport
import Testing

/// The whole golden scenario suite (Tests/Scenarios), replayed on a fresh temporary SQLite
/// store per scenario with the same goldens as the memory store.
@Suite struct ScenarioReplayTests {
    static let directory = SourceTree.path("Tests/Scenarios")

    static let scenarios: [String] = (try? ScenarioRunner.scenarios(under: [directory])) ?? []

    @Test func theSuiteIsThere() {
        #expect(!Self.scenarios.isEmpty, "no scenarios under \(Self.directory)")
    }

    @Test(arguments: scenarios.map { String($0.dropFirst(directory.count + 1)) })
    func scenarioMatchesItsGoldenOnSQLite(_ name: String) async {
        let runner = ScenarioRunner(makeStore: { try SQLiteStore.temporary() })
        let verdict = await runner.verdict(for: Self.directory + "/" + name, update: false)
        #expect(verdict.passed, "\(verdict.report)")
    }
}
