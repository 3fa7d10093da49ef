import Foundation
import KeysmithTestSupport

/// Runs a built program to its end and returns its exit status and standard output.
func runToEnd(_ executable: String, arguments: [String] = []) throws -> (status: Int32, stdout: String) {
    let run = try ProgramRun.run(executable, arguments)
    return (run.status, run.stdout)
}
