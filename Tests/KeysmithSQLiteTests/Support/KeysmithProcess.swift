import Foundation
import KeysmithTestSupport
import Testing

/// Runs the `keysmith` executable built beside this test bundle, for properties that are about
/// processes (two writers, a kill, what lands on disk).
enum KeysmithProcess {
    /// The `keysmith` binary of the same build.
    static var executable: String? { KeysmithBinary.path }

    struct Result {
        let status: Int32
        /// Whether a signal ended the process (a trap, a crash) rather than `exit`.
        var crashed = false
        let stdout: String
        let stderr: String

        /// Every secret printed by `key create`.
        var secrets: [String] {
            stdout.split(separator: "\n").compactMap { line in
                guard line.contains("secret:") else { return nil }
                return line.split(separator: " ").first(where: { $0.hasPrefix("ksk_") }).map(String.init)
            }
        }
    }

    /// A started process whose output goes to files in `directory`.
    struct Running {
        let process: Process
        let stdoutPath: String
        let stderrPath: String

        let exit: ExitSignal

        func wait() async -> Result {
            await exit.wait()
            process.waitUntilExit()
            return Result(
                status: process.terminationStatus, crashed: process.terminationReason == .uncaughtSignal,
                stdout: (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "",
                stderr: (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "")
        }
    }

    /// Starts `keysmith arguments...` with output captured in files under `directory`, and
    /// standard input read from the file `input` (nothing when nil).
    static func start(
        _ arguments: [String], in directory: TemporaryDirectory, tag: String,
        environment: [String: String]? = nil, input: String? = nil
    ) throws -> Running {
        guard let executable else {
            throw ProcessProblem("no keysmith executable beside the test runner; build it first (swift build)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
        if let environment { process.environment = environment }
        let out = directory.file("\(tag).stdout"), err = directory.file("\(tag).stderr")
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        _ = FileManager.default.createFile(atPath: err, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        process.standardInput = try input.map { try FileHandle(forReadingFrom: URL(fileURLWithPath: $0)) } ?? FileHandle.nullDevice
        let exit = ExitSignal()
        process.terminationHandler = { _ in exit.fire() }
        try process.run()
        return Running(process: process, stdoutPath: out, stderrPath: err, exit: exit)
    }

    /// Runs `keysmith arguments...` to the end.
    static func run(
        _ arguments: [String], in directory: TemporaryDirectory, tag: String = "run",
        environment: [String: String]? = nil, input: String? = nil
    ) async throws -> Result {
        try await start(arguments, in: directory, tag: tag, environment: environment, input: input).wait()
    }

    /// Writes `script` to `name` in `directory` and runs it on the store at `store`.
    static func runScript(
        _ script: String, store: String, in directory: TemporaryDirectory,
        tag: String = "script"
    ) async throws -> Result {
        let file = directory.file("\(tag).ks")
        try Files.write(file, script)
        return try await run(["run", file, "--store", store], in: directory, tag: tag)
    }
}

struct ProcessProblem: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Fires once when a process ends; `wait` suspends (without blocking a thread) until then.
final class ExitSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var fired = false
    private var waiter: CheckedContinuation<Void, Never>?

    func fire() {
        lock.lock()
        fired = true
        let waiting = waiter
        waiter = nil
        lock.unlock()
        waiting?.resume()
    }

    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            lock.lock()
            if fired {
                lock.unlock()
                continuation.resume()
            } else {
                waiter = continuation
                lock.unlock()
            }
        }
    }
}
