import Foundation
import KeysmithTestSupport

/// `keysmith run --store STORE` over a script, to the end: status and standard output.
func runKeysmithScript(_ script: String, store: String, in directory: TemporaryDirectory,
                       tag: String) throws -> (status: Int32, stdout: String) {
    let file = directory.file("\(tag).ks")
    try directory.write("\(tag).ks", script)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try KeysmithBinary.require())
    process.arguments = ["run", file, "--store", store]
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
