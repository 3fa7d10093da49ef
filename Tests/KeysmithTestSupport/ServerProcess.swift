import Foundation
import Synchronization

/// A server started as a real process (`keysmith serve` on a free port, or an example
/// program): a ``RunningProgram`` tagged `serve` (its output in `serve.stdout` and
/// `serve.stderr`) that prints `listening on http://HOST:PORT` first. ``stop(signal:timeout:)``
/// sends a signal and waits for the exit status.
public final class ServerProcess: Sendable {
    /// The program itself: its output, its process.
    public let program: RunningProgram
    /// `http://127.0.0.1:PORT`, from the first line of standard output, once
    /// ``waitUntilListening(timeout:)`` has read it.
    public var baseURL: String { listening.withLock { $0 } }
    private let listening = Mutex("")

    /// `keysmith serve --port 0` with `arguments`, and `environment` added to the test's own.
    public convenience init(_ arguments: [String], in directory: TemporaryDirectory, environment: [String: String] = [:]) throws {
        try self.init(
            executable: try KeysmithBinary.require(), arguments: ["serve", "--port", "0"] + arguments, in: directory,
            environment: environment)
    }

    /// Any server program that prints `listening on http://HOST:PORT` first.
    public init(
        executable: String, arguments: [String], in directory: TemporaryDirectory, environment: [String: String] = [:]
    ) throws {
        program = try RunningProgram(
            executable, arguments, in: directory, tag: "serve",
            environment: environment.isEmpty
                ? nil : ProcessInfo.processInfo.environment.merging(environment) { _, given in given })
    }

    /// Waits (up to `timeout`) for `listening on http://…` and returns the first line.
    @discardableResult
    public func waitUntilListening(timeout: Duration = .seconds(60)) async throws -> String {
        let out = try await program.waitForOutput(timeout: timeout) { $0.contains("\n") }
        let line = out.prefix(while: { $0 != "\n" })
        guard line.hasPrefix("listening on ") else { throw TestProblem("first line is \(String(line).debugDescription)") }
        listening.withLock { $0 = String(line.dropFirst("listening on ".count)) }
        return String(line)
    }

    /// What the server has written to standard error so far.
    public var stderr: String { program.stderr }
    /// What the server has written to standard output so far.
    public var stdout: String { program.stdout }

    /// Sends `signal` and waits (up to `timeout`) for the exit status; a server still running
    /// then is terminated and the stop fails.
    public func stop(signal: Int32 = SIGTERM, timeout: Duration = .seconds(30)) async throws -> Int32 {
        kill(program.process.processIdentifier, signal)
        return try await program.wait(timeout: timeout)
    }
}

/// A run of `curl` against the server: status code, headers and body.
public struct Curl {
    public struct Answer: Sendable {
        public let status: Int
        public let headers: String
        public let body: String
    }

    /// The `curl` executable, if installed (`scripts/setup-deps` installs it).
    public static func path() throws -> String {
        for candidate in ["/usr/bin/curl", "/usr/local/bin/curl", "/bin/curl"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        throw TestProblem("curl is not installed; run scripts/setup-deps")
    }

    /// `curl -X method url` with `headers` (`Name: value`), in `directory`.
    public static func call(
        _ url: String, method: String = "GET", headers: [String] = [], maxTime: Int = 20,
        in directory: TemporaryDirectory
    ) async throws -> Answer {
        let headerFile = directory.file("curl.headers"), bodyFile = directory.file("curl.body")
        // HEAD with -I: with -X HEAD curl would wait for the body the Content-Length announces.
        let methodArguments = method == "HEAD" ? ["-I"] : ["-X", method]
        let curl = try RunningProgram(
            try path(),
            [
                "-sS", "--max-time", String(maxTime), "-D", headerFile, "-o", bodyFile,
                "-w", "%{http_code}",
            ] + methodArguments + headers.flatMap { ["-H", $0] } + ["--", url],
            in: directory, tag: "curl")
        try await curl.wait()
        let status = Int(curl.stdout) ?? 0
        return Answer(status: status, headers: directory.read("curl.headers") ?? "", body: directory.read("curl.body") ?? "")
    }
}
