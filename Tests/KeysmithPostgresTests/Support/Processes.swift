import Foundation
import KeysmithTestSupport

/// A `keysmith` (or any) process with its output in files of a test directory.
final class TestProcess: @unchecked Sendable {
    let process = Process()
    let stdoutPath: String
    let stderrPath: String

    init(
        _ executable: String, _ arguments: [String], in directory: TemporaryDirectory, tag: String,
        environment: [String: String]? = nil
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
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// Starts `keysmith arguments...`.
    static func keysmith(_ arguments: [String], in directory: TemporaryDirectory, tag: String) throws -> TestProcess {
        try TestProcess(try KeysmithBinary.require(), arguments, in: directory, tag: tag)
    }

    deinit { if process.isRunning { process.terminate() } }

    var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// Waits for the exit (polling, so no thread blocks) and returns its status.
    @discardableResult
    func wait(timeout: Duration = .seconds(300)) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else {
                process.terminate()
                throw TestProblem("\(process.arguments ?? []) did not end in time")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return process.terminationStatus
    }

    /// Every secret printed by `key create`.
    var secrets: [String] {
        stdout.split(separator: "\n").compactMap { line in
            guard line.contains("secret:") else { return nil }
            return line.split(separator: " ").first(where: { $0.hasPrefix("ksk_") }).map(String.init)
        }
    }

    /// Runs `keysmith run FILE --store STORE` over `script` to the end.
    static func runScript(
        _ script: String, store: String, in directory: TemporaryDirectory,
        tag: String
    ) async throws -> TestProcess {
        try directory.write("\(tag).ks", script)
        let run = try keysmith(["run", directory.file("\(tag).ks"), "--store", store], in: directory, tag: tag)
        try await run.wait()
        return run
    }
}

/// A private PostgreSQL server from scripts/postgres-test-server, for the tests that stop and
/// restart it (they would disturb every other test on the shared one).
final class PrivateServer: @unchecked Sendable {
    let script: TestProcess
    /// The socket URL it printed.
    let url: String
    /// Its stop/start/restart script.
    let control: String

    init(in directory: TemporaryDirectory) async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
        script = try TestProcess("/bin/bash", [root + "/scripts/postgres-test-server"], in: directory, tag: "private-server")
        let deadline = ContinuousClock.now + .seconds(60)
        while !script.stdout.contains("\n") {
            guard ContinuousClock.now < deadline, script.process.isRunning else {
                throw TestProblem("scripts/postgres-test-server did not start: \(script.stderr)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        url = String(script.stdout.split(separator: "\n")[0])
        guard let socket = url.split(separator: "host=").last else { throw TestProblem("no socket in \(url)") }
        control = socket + "/ctl"
    }

    /// Runs the control script: `stop`, `start` or `restart`.
    func control(_ action: String, in directory: TemporaryDirectory) async throws {
        let run = try TestProcess("/bin/bash", [control, action], in: directory, tag: "ctl-\(action)")
        let status = try await run.wait(timeout: .seconds(60))
        if status != 0 { throw TestProblem("ctl \(action) failed: \(run.stderr)") }
    }

    /// Stops the server and removes its directory. Processes started from a test inherit its
    /// blocked signals, so the script's own SIGTERM trap may never run: the server is stopped
    /// through its control script, then the script killed.
    func stop() async {
        let scratch = try? TemporaryDirectory()
        if let scratch { try? await control("stop", in: scratch) }
        kill(script.process.processIdentifier, SIGKILL)
        _ = try? await script.wait(timeout: .seconds(30))
        try? FileManager.default.removeItem(atPath: String(control.dropLast("/ctl".count)))
    }
}

/// `curl` against a server: the status code (0 when nothing answered).
/// Calls running at once need tags of their own (their output goes to files named by it).
func curlStatus(
    _ url: String, headers: [String] = [], in directory: TemporaryDirectory,
    tag: String = "curl"
) async throws -> Int {
    let run = try TestProcess(
        "/usr/bin/curl",
        ["-sS", "--max-time", "20", "-o", "/dev/null", "-w", "%{http_code}"]
            + headers.flatMap { ["-H", $0] } + ["--", url], in: directory, tag: tag)
    try await run.wait()
    return Int(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
}

/// `url`'s status once it answers 200, asking every 250 ms for at most `within` (a server
/// coming back); the last status seen otherwise.
func statusOnceRecovered(
    _ url: String, headers: [String], in directory: TemporaryDirectory,
    within: Duration = .seconds(30)
) async throws -> Int {
    var status = 0
    let deadline = ContinuousClock.now + within
    while status != 200 && ContinuousClock.now < deadline {
        status = try await curlStatus(url, headers: headers, in: directory)
        if status != 200 { try await Task.sleep(for: .milliseconds(250)) }
    }
    return status
}
