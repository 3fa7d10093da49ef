import Foundation
import KeysmithTestSupport

/// `keysmith run --store STORE` over a script, to the end: status and standard output.
func runKeysmithScript(
    _ script: String, store: String, in directory: TemporaryDirectory,
    tag: String
) throws -> (status: Int32, stdout: String) {
    let file = directory.file("\(tag).ks")
    try directory.write("\(tag).ks", script)
    let run = try ProgramRun.keysmith(["run", file, "--store", store])
    return (run.status, run.stdout)
}
