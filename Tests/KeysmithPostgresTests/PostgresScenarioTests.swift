import KeysmithPostgres
import KeysmithScript
import KeysmithTestSupport
import Testing

/// The whole golden scenario suite (Tests/Scenarios), replayed on a fresh schema of the test
/// database per scenario (dropped afterwards), with the same goldens as the memory store.
/// (An empty suite fails: see ``PostgresServerTests/checks``.)
extension PostgresServerTests {
    enum Scenarios {
        static let directory = SourceTree.path("Tests/Scenarios")

        static let scenarios: [String] = (try? ScenarioRunner.scenarios(under: [directory])) ?? []

        /// Replays one scenario (a path under Tests/Scenarios).
        static func scenarioMatchesItsGolden(_ name: String) async throws {
            let database = try #require(TestDatabase.url)
            let runner = ScenarioRunner(
                makeStore: { try await PostgresStore.temporary(in: database) },
                discardStore: { try? await ($0 as? PostgresStore)?.dropSchemaAndClose() })
            let verdict = await runner.verdict(for: Self.directory + "/" + name, update: false)
            #expect(verdict.passed, "\(verdict.report)")
        }
    }
}
