import Foundation

/// A built program run to its end: the one way the tests run `keysmith` (or an example
/// program) and read what it said. Standard output and error go to files (no pipe can fill
/// and stall the program), standard input is given whole, and a program still running after
/// `timeout` is killed, so a hung program fails its test instead of the suite.
public struct ProgramRun: Sendable {
    /// What the program reads on standard input.
    public enum Input: Sendable {
        /// An empty standard input (`/dev/null`).
        case none
        /// These bytes, then end of file.
        case bytes([UInt8])
        /// The file at this path.
        case file(String)

        /// This text, then end of file.
        public static func text(_ text: String) -> Input { .bytes(Array(text.utf8)) }
    }

    public let status: Int32
    public let stdout: String
    public let stderr: String

    /// Runs `keysmith arguments…` in `directory` (the test process's own when nil) with a fresh
    /// `HOME` and no `XDG_DATA_HOME` or `XDG_STATE_HOME`, so nothing reaches the user's own
    /// store or history; `environment` entries are set (a nil value removes the variable).
    public static func keysmith(
        _ arguments: [String], input: Input = .none, in directory: String? = nil,
        environment: [String: String?] = [:],
        timeout: Duration = .seconds(120)
    ) throws -> ProgramRun {
        var changes: [String: String?] = [
            "HOME": NSTemporaryDirectory() + "keysmith-test-home-\(UUID().uuidString)",
            "XDG_DATA_HOME": nil, "XDG_STATE_HOME": nil,
        ]
        changes.merge(environment) { _, given in given }
        return try run(
            try KeysmithBinary.require(), arguments, input: input, in: directory, environment: changes,
            timeout: timeout)
    }

    /// Runs `executable arguments…` with `baseEnvironment` (the test process's own when nil)
    /// changed by `environment`.
    public static func run(
        _ executable: String, _ arguments: [String] = [], input: Input = .none,
        in directory: String? = nil, baseEnvironment: [String: String]? = nil,
        environment changes: [String: String?] = [:],
        timeout: Duration = .seconds(120)
    ) throws -> ProgramRun {
        let scratch = try TemporaryDirectory()
        let outPath = scratch.file("stdout"), errPath = scratch.file("stderr"), inPath = scratch.file("stdin")
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        var environment = baseEnvironment ?? ProcessInfo.processInfo.environment
        for (name, value) in changes { environment[name] = value }
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        switch input {
        case .none:
            process.standardInput = FileHandle.nullDevice
        case .bytes(let bytes):
            _ = FileManager.default.createFile(atPath: inPath, contents: Data(bytes))
            process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: inPath))
        case .file(let path):
            process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        }
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        if exited.wait(timeout: .now() + seconds) == .timedOut {
            process.terminate()
            exited.wait()
        }
        return ProgramRun(
            status: process.terminationStatus,
            stdout: String(decoding: FileManager.default.contents(atPath: outPath) ?? Data(), as: UTF8.self),
            stderr: String(decoding: FileManager.default.contents(atPath: errPath) ?? Data(), as: UTF8.self))
    }
}
