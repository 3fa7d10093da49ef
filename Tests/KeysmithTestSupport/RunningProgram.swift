import Foundation

/// A program started and left running while the test goes on — two writers at once, a kill in
/// the middle of a write, a proxy or a private server — with its output in files of a test
/// directory, named by `tag`, readable while it runs. `wait` polls, so no thread blocks;
/// a program still running when its handle goes away is terminated. ``ProgramRun`` is the
/// one way to run a program to its end; this is the one way to start one and carry on.
public final class RunningProgram: @unchecked Sendable {
    /// The process itself: for `kill`, `isRunning` and its identifier.
    public let process = Process()
    /// Where standard output and standard error go.
    public let stdoutPath: String
    public let stderrPath: String

    /// Starts `executable arguments…` in `directory`, with `environment` (the test process's
    /// own when nil) and standard input read from the file `input` (empty when nil).
    public init(
        _ executable: String, _ arguments: [String], in directory: TemporaryDirectory, tag: String,
        environment: [String: String]? = nil, input: String? = nil
    ) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
        if let environment { process.environment = environment }
        stdoutPath = directory.file("\(tag).stdout")
        stderrPath = directory.file("\(tag).stderr")
        _ = FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        process.standardInput =
            try input.map { try FileHandle(forReadingFrom: URL(fileURLWithPath: $0)) } ?? FileHandle.nullDevice
        try process.run()
    }

    /// Starts the `keysmith` binary of this build with `arguments`.
    public static func keysmith(
        _ arguments: [String], in directory: TemporaryDirectory, tag: String,
        environment: [String: String]? = nil, input: String? = nil
    ) throws -> RunningProgram {
        try RunningProgram(
            try KeysmithBinary.require(), arguments, in: directory, tag: tag, environment: environment, input: input)
    }

    /// Runs `keysmith arguments…` to its end and returns the ended program.
    public static func run(
        _ arguments: [String], in directory: TemporaryDirectory, tag: String = "run",
        environment: [String: String]? = nil, input: String? = nil
    ) async throws -> RunningProgram {
        let program = try keysmith(arguments, in: directory, tag: tag, environment: environment, input: input)
        try await program.wait()
        return program
    }

    /// Writes `script` to `TAG.ks` in `directory` and runs `keysmith run TAG.ks --store STORE`
    /// to its end.
    public static func runScript(
        _ script: String, store: String, in directory: TemporaryDirectory, tag: String = "script"
    ) async throws -> RunningProgram {
        try directory.write("\(tag).ks", script)
        return try await run(["run", directory.file("\(tag).ks"), "--store", store], in: directory, tag: tag)
    }

    deinit { if process.isRunning { process.terminate() } }

    /// What it has written to standard output so far.
    public var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    /// What it has written to standard error so far.
    public var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }
    /// Its exit status, once it has ended.
    public var status: Int32 { process.terminationStatus }
    /// Whether a signal ended it (a trap, a crash, a kill) rather than `exit`.
    public var crashed: Bool { process.terminationReason == .uncaughtSignal }

    /// Every secret `key create` has printed so far.
    public var secrets: [String] { Transcript.secrets(in: stdout) }

    /// Waits (up to `timeout`) until what it has written to standard output satisfies `ready`,
    /// and returns that output; fails if the program ends first or the time runs out (the
    /// program is then left running, for the caller to read and stop).
    @discardableResult
    public func waitForOutput(
        timeout: Duration = .seconds(60), until ready: (String) -> Bool
    ) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while true {
            // Whether it runs is read first: an ended program's output is then all there is.
            let running = process.isRunning
            let out = stdout
            if ready(out) { return out }
            guard running else {
                throw TestProblem("\(process.arguments ?? []) exited with \(process.terminationStatus): \(stderr)")
            }
            guard ContinuousClock.now < deadline else {
                throw TestProblem("\(process.arguments ?? []) printed nothing awaited in \(timeout); stderr: \(stderr)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Waits for the end and returns the exit status; a program still running after `timeout`
    /// is terminated and the wait fails, so a hung program fails its test instead of the suite.
    @discardableResult
    public func wait(timeout: Duration = .seconds(300)) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else {
                process.terminate()
                throw TestProblem("\(process.arguments ?? []) did not end in \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
