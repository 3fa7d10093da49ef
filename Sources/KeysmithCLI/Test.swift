import ArgumentParser
import KeysmithSQLite
import KeysmithScript
import KeysmithStore

/// The store kind `keysmith test` replays scenarios on; every scenario gets a fresh one.
enum Backend: String, ExpressibleByArgument, CaseIterable, Sendable {
    case memory, sqlite

    /// Makes a fresh store: in memory, or a SQLite file in a private temporary directory that
    /// is removed with the store.
    var makeStore: @Sendable () throws -> any KeyStore {
        switch self {
        case .memory: return { MemoryStore() }
        case .sqlite: return { try SQLiteStore.temporary() }
        }
    }
}

/// `keysmith test [PATH...] [--update]`: replays golden scenarios.
struct Test: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay scenario scripts (*.ks) and compare each transcript with its *.golden file.")

    @Argument(help: "Scenario files or directories (searched recursively).")
    var paths: [String] = ["Tests/Scenarios"]

    @Option(help: "The store each scenario runs on, fresh every time: memory or sqlite (a temporary file).")
    var backend: Backend = .memory

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
        let runner = ScenarioRunner(makeStore: backend.makeStore)
        var passed = 0, failed = 0
        for path in scenarios {
            let verdict = await runner.verdict(for: path, update: update)
            print(verdict.report)
            if verdict.passed { passed += 1 } else { failed += 1 }
        }
        print("\(passed) passed, \(failed) failed")
        throw ExitCode(failed == 0 ? ExitStatus.ok : ExitStatus.failed)
    }
}
