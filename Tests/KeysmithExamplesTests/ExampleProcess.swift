import Foundation
import KeysmithTestSupport

/// Runs a built program to its end and returns its exit status and standard output.
func runToEnd(_ executable: String, arguments: [String] = []) throws -> (status: Int32, stdout: String) {
    let run = try ProgramRun.run(executable, arguments)
    return (run.status, run.stdout)
}

/// The repository's root, from this file's path.
let repositoryRoot: String = {
    var path = #filePath
    for _ in 0..<3 { path = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)]) }
    return path
}()
