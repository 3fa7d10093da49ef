import Foundation

/// A server started as a real process (`keysmith serve` on a free port, or an example
/// program), with its standard output and error in files; ``stop(signal:timeout:)`` sends
/// SIGTERM and waits for the exit status.
public final class ServerProcess: @unchecked Sendable {
    public let process: Process
    public let stderrPath: String
    public let stdoutPath: String
    /// `http://127.0.0.1:PORT`, from the first line of standard output.
    public private(set) var baseURL = ""

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
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, given in given }
        }
        process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
        stdoutPath = directory.file("serve.stdout")
        stderrPath = directory.file("serve.stderr")
        _ = FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    deinit { if process.isRunning { process.terminate() } }

    /// Waits (up to `timeout`) for `listening on http://…` and returns the first line.
    @discardableResult
    public func waitUntilListening(timeout: Duration = .seconds(60)) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let out = (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? ""
            if let line = out.split(separator: "\n").first, out.contains("\n") {
                guard line.hasPrefix("listening on ") else { throw TestProblem("first line is \(line.debugDescription)") }
                baseURL = String(line.dropFirst("listening on ".count))
                return String(line)
            }
            if !process.isRunning {
                throw TestProblem("the server exited with \(process.terminationStatus): \(stderr)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestProblem("the server printed no listening line in time; stderr: \(stderr)")
    }

    public var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }
    public var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }

    /// Sends `signal` and waits (up to `timeout`) for the exit status.
    public func stop(signal: Int32 = SIGTERM, timeout: Duration = .seconds(30)) async throws -> Int32 {
        kill(process.processIdentifier, signal)
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else {
                process.interrupt()
                throw TestProblem("the server did not exit after signal \(signal)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return process.terminationStatus
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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try path())
        // HEAD with -I: with -X HEAD curl would wait for the body the Content-Length announces.
        let methodArguments = method == "HEAD" ? ["-I"] : ["-X", method]
        process.arguments =
            [
                "-sS", "--max-time", String(maxTime), "-D", headerFile, "-o", bodyFile,
                "-w", "%{http_code}",
            ] + methodArguments + headers.flatMap { ["-H", $0] } + ["--", url]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let status = Int(String(decoding: data, as: UTF8.self)) ?? 0
        return Answer(status: status, headers: directory.read("curl.headers") ?? "", body: directory.read("curl.body") ?? "")
    }
}
