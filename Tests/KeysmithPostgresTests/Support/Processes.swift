import Foundation
import KeysmithTestSupport

/// A private PostgreSQL server from scripts/postgres-test-server, for the tests that stop and
/// restart it (they would disturb every other test on the shared one).
final class PrivateServer: @unchecked Sendable {
    let script: RunningProgram
    /// The socket URL it printed.
    let url: String
    /// Its stop/start/restart script.
    let control: String

    init(in directory: TemporaryDirectory) async throws {
        script = try RunningProgram(
            "/bin/bash", [SourceTree.path("scripts/postgres-test-server")], in: directory, tag: "private-server")
        let out = try await script.waitForOutput(timeout: .seconds(60)) { $0.contains("\n") }
        url = String(out.split(separator: "\n")[0])
        guard let socket = url.split(separator: "host=").last else { throw TestProblem("no socket in \(url)") }
        control = socket + "/ctl"
    }

    /// Runs the control script: `stop`, `start` or `restart`.
    func control(_ action: String, in directory: TemporaryDirectory) async throws {
        let run = try RunningProgram("/bin/bash", [control, action], in: directory, tag: "ctl-\(action)")
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
    let run = try RunningProgram(
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
