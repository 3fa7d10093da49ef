import Foundation
import KeysmithTestSupport

/// A `keysmith serve` process on a temporary SQLite store whose clock is frozen at
/// 2030-01-01T00:00:00Z (the store's latest instant is ahead of the wall clock, so every
/// check happens at it until another process moves it), called with `curl`.
final class ServeFixture: @unchecked Sendable {
    static let frozenAt = "2030-01-01T00:00:00Z"

    let directory: TemporaryDirectory
    let store: String
    let server: ServerProcess

    /// Runs `setup` on the store (after `clock set`) and starts `serve --store STORE
    /// arguments…` (with `environment` added to the test's own); the setup's standard output
    /// is in ``setupOutput``.
    init(setup: String, arguments: [String] = [], environment: [String: String] = [:]) async throws {
        directory = try TemporaryDirectory()
        store = directory.file("store.sqlite")
        let run = try await RunningProgram.runScript("clock set \(Self.frozenAt)\n" + setup, store: store, in: directory, tag: "setup")
        guard run.status == 0 else { throw TestProblem("setup failed (\(run.status)): \(run.stdout)") }
        setupOutput = run.stdout
        server = try ServerProcess(["--store", store, "--log", "json"] + arguments, in: directory, environment: environment)
        try await server.waitUntilListening()
    }

    let setupOutput: String

    /// The secrets the setup created, in order.
    var secrets: [String] { Transcript.secrets(in: setupOutput) }

    /// The key ids the setup created, in order.
    var ids: [String] { Transcript.createdKeyIDs(in: setupOutput) }

    /// `method path` with `Authorization: Bearer secret` (when given), `Lucid-Api-Version: 1`
    /// and `headers`.
    func call(_ path: String, secret: String? = nil, method: String = "GET", headers: [String] = []) async throws -> Curl.Answer {
        var all = ["Lucid-Api-Version: 1"] + headers
        if let secret { all.append("Authorization: Bearer \(secret)") }
        return try await Curl.call(server.baseURL + path, method: method, headers: all, in: directory)
    }

    /// An admin route (`/_keysmith/…`), with `headers`.
    func admin(_ path: String, method: String = "GET", headers: [String] = []) async throws -> Curl.Answer {
        try await Curl.call(server.baseURL + "/_keysmith/" + path, method: method, headers: headers, in: directory)
    }

    /// `keysmith run --store STORE` over `script` (another process); fails on a non-zero status.
    @discardableResult
    func script(_ script: String, tag: String = "step") async throws -> String {
        let run = try await RunningProgram.runScript(script, store: store, in: directory, tag: tag)
        guard run.status == 0 else { throw TestProblem("script failed (\(run.status)): \(run.stdout)") }
        return run.stdout
    }

    /// A JSON body as a dictionary.
    static func object(_ body: String) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] else {
            throw TestProblem("not a JSON object: \(body)")
        }
        return object
    }

    /// The journal's entries (`GET /_keysmith/requests?query`), newest first.
    func journal(_ query: String = "") async throws -> [[String: Any]] {
        let answer = try await admin("requests" + (query.isEmpty ? "" : "?" + query))
        guard answer.status == 200 else { throw TestProblem("journal answered \(answer.status): \(answer.body)") }
        return try Self.object(answer.body)["requests"] as? [[String: Any]] ?? []
    }
}

/// A response's header lines without those that differ from one answer to the next
/// (`Date`, `Keysmith-Request-Id`), in order; the status line first.
func comparableHeaders(_ headers: String) -> [String] {
    headers.split(separator: "\r\n").map(String.init).filter { line in
        let name = line.split(separator: ":").first.map { $0.lowercased() } ?? ""
        return !line.isEmpty && name != "date" && name != "keysmith-request-id"
    }
}
