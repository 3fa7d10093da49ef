import ArgumentParser
import KeysmithCore
import KeysmithPostgres
import KeysmithSQLite
import KeysmithScript
import KeysmithStore

/// The store kind `keysmith test` replays scenarios on; every scenario gets a fresh one.
enum Backend: String, ExpressibleByArgument, CaseIterable, Sendable {
    case memory, sqlite, postgres

    /// The runner making a fresh store per scenario: in memory, a SQLite file in a private
    /// temporary directory removed with the store, or a new schema of the PostgreSQL
    /// database named by `KEYSMITH_TEST_POSTGRES`, dropped after the scenario.
    /// Every store is made over `catalog` (`--catalog`), Lucid's by default.
    func runner(catalog: Catalog = .lucid) throws -> ScenarioRunner {
        switch self {
        case .memory: return ScenarioRunner(makeStore: { MemoryStore(catalog: catalog) })
        case .sqlite: return ScenarioRunner(makeStore: { try SQLiteStore.temporary(catalog: catalog) })
        case .postgres:
            let database: PostgresURL
            do {
                let environment = currentEnvironment()
                guard let text = environment["KEYSMITH_TEST_POSTGRES"], !text.isEmpty else {
                    throw UsageFailure(
                        "--backend postgres needs KEYSMITH_TEST_POSTGRES set to a database URL (scripts/postgres-test-server -- keysmith test --backend postgres starts one)"
                    )
                }
                database = try PostgresURL(parsing: text, environment: environment)
            } catch let error as PostgresStoreError {
                throw UsageFailure("KEYSMITH_TEST_POSTGRES: \(error)")
            }
            return ScenarioRunner(
                makeStore: { try await PostgresStore.temporary(in: database, catalog: catalog) },
                discardStore: { store in try? await (store as? PostgresStore)?.dropSchemaAndClose() })
        }
    }
}

/// `keysmith test [PATH...] [--update]`: replays golden scenarios.
struct Test: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Replay scenario scripts (*.ks) and compare each transcript with its *.golden file.")

    @Argument(help: "Scenario files or directories (searched recursively).")
    var paths: [String] = ["Tests/Scenarios"]

    @Option(
        help:
            "The store each scenario runs on, fresh every time: memory, sqlite (a temporary file) or postgres (a temporary schema of the database in KEYSMITH_TEST_POSTGRES)."
    )
    var backend: Backend = .memory

    @OptionGroup var catalogOptions: CatalogOptions

    @Flag(help: "Write the golden files from the current transcripts (read them before committing).")
    var update = false

    mutating func run() async throws {
        let scenarios: [String]
        do {
            scenarios = try ScenarioRunner.scenarios(under: paths)
        } catch {
            throw UsageFailure("\(error)")
        }
        if scenarios.isEmpty {
            throw UsageFailure("no scenarios (*.ks files) under \(paths.joined(separator: ", ")); nothing was tested")
        }
        let runner = try backend.runner(catalog: try catalogOptions.load() ?? .lucid)
        var passed = 0, failed = 0
        for path in scenarios {
            let verdict = await runner.verdict(for: path, update: update)
            StandardOutputLine.write(verdict.report + "\n")
            if verdict.passed { passed += 1 } else { failed += 1 }
        }
        StandardOutputLine.write("\(passed) passed, \(failed) failed\n")
        throw ExitCode(failed == 0 ? ExitStatus.ok : ExitStatus.failed)
    }
}
