import ArgumentParser
import KeysmithScript

/// `keysmith test [PATH...] [--update]`: replays golden scenarios.
struct Test: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay scenario scripts (*.ks) and compare each transcript with its *.golden file.")

    @Argument(help: "Scenario files or directories (searched recursively).")
    var paths: [String] = ["Tests/Scenarios"]

    @Flag(help: "Write the golden files from the current transcripts (read them before committing).")
    var update = false

    mutating func run() async throws {
        let scenarios: [String]
        do {
            scenarios = try ScenarioRunner.scenarios(under: paths)
        } catch {
            throw ValidationError("\(error)")
        }
        let runner = ScenarioRunner()
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
