import Foundation
import KeysmithTestSupport
import Testing

/// `keysmith serve` as a real process on a temporary SQLite store, called with a real `curl`;
/// keys are created and deleted by `keysmith run --store` in other processes.
@Suite(.serialized) struct ServeProcessTests {
    /// Creates two keys and a document; returns the secrets and ids in creation order.
    static func seed(store: String, in directory: TemporaryDirectory) async throws -> (secrets: [String], ids: [String]) {
        let run = try await RunningProgram.runScript(
            """
            doc add d1 --owner me
            key create reader --expires 30d --grants DocumentReadonly
            key create other --expires 30d --grants DocumentReadonly
            """, store: store, in: directory, tag: "seed")
        guard run.status == 0 else { throw TestProblem("seeding failed (\(run.status)): \(run.stdout)") }
        let secrets = Transcript.secrets(in: run.stdout), ids = Transcript.createdKeyIDs(in: run.stdout)
        guard secrets.count == 2, ids.count == 2 else { throw TestProblem("no secrets in: \(run.stdout)") }
        return (secrets, ids)
    }

    @Test(
        "curl against serve: allow, denies, a key deleted by another process refused at once, SIGTERM exits 0, no secret in the log or store files"
    )
    func servesAStoreSharedWithOtherProcesses() async throws {
        let directory = try TemporaryDirectory()
        let store = directory.file("store.sqlite")
        let (secrets, ids) = try await Self.seed(store: store, in: directory)
        let server = try ServerProcess(["--store", store, "--log", "json"], in: directory)
        let first = try await server.waitUntilListening()
        #expect(first.hasPrefix("listening on http://127.0.0.1:"))
        let base = server.baseURL
        let reader = "Authorization: Bearer \(secrets[0])", version = "Lucid-Api-Version: 1"

        let health = try await Curl.call(base + "/healthz", in: directory)
        #expect(health.status == 200 && health.body == "ok")

        let allowed = try await Curl.call(base + "/documents/d1", headers: [reader, version], in: directory)
        #expect(allowed.status == 200, "\(allowed.body)")
        #expect(allowed.body.contains(#""id":"d1","owner":"me","role":"owner""#))
        #expect(allowed.headers.lowercased().contains("keysmith-key-id: \(ids[0])"))

        let prefixed = try await Curl.call(base + "/v1/documents/d1", headers: [reader], in: directory)
        #expect(prefixed.status == 200)

        let noVersion = try await Curl.call(base + "/documents/d1", headers: [reader], in: directory)
        #expect(noVersion.status == 400 && noVersion.body.contains("missing_api_version"))

        let noKey = try await Curl.call(base + "/documents/d1", headers: [version], in: directory)
        #expect(noKey.status == 401 && noKey.body.contains("missing_key"))
        #expect(noKey.headers.contains("Bearer realm=\"keysmith\""))

        let twoKeys = try await Curl.call(
            base + "/documents/d1", headers: [reader, "Authorization: Bearer \(secrets[1])", version],
            in: directory)
        #expect(twoKeys.status == 401 && twoKeys.body.contains("missing_key"))

        let missingGrant = try await Curl.call(base + "/folders/f1", headers: [reader, version], in: directory)
        #expect(missingGrant.status == 403 && missingGrant.body.contains(#""code":"missing_grant""#))

        let noAccess = try await Curl.call(
            base + "/documents/\(secrets[1])?q=\(secrets[1])", headers: [reader, version],
            in: directory)
        #expect(noAccess.status == 403 && noAccess.body.contains("no_access"))

        let unknown = try await Curl.call(base + "/nothing", headers: [reader, version], in: directory)
        #expect(unknown.status == 404 && unknown.body.contains("unknown_endpoint"))

        // A key created by another process works at once; deleted by another, it is refused at once.
        let other = "Authorization: Bearer \(secrets[1])"
        #expect(try await Curl.call(base + "/documents/d1", headers: [other, version], in: directory).status == 200)
        let deleteStatus = try await RunningProgram.runScript("key delete \(ids[1])", store: store, in: directory, tag: "delete").status
        #expect(deleteStatus == 0)
        let refused = try await Curl.call(base + "/documents/d1", headers: [other, version], in: directory)
        #expect(refused.status == 401 && refused.body.contains(#""code":"deleted""#))

        // The server's checks are in the shared audit log.
        let log = try await RunningProgram.runScript("log", store: store, in: directory, tag: "log").stdout
        #expect(log.contains("deny:deleted"))
        #expect(log.contains("allow"))

        #expect(try await server.stop(signal: SIGTERM) == 0)
        let stderr = server.stderr
        #expect(stderr.contains(#""status":200"#))
        #expect(stderr.contains(#""reason":"deleted""#))
        for line in stderr.split(separator: "\n") { #expect(line.hasPrefix("{\"time\":"), "\(line)") }
        for secret in secrets {
            #expect(!stderr.contains(secret))
            #expect(!server.stdout.contains(secret))
            for suffix in ["", "-wal", "-shm"] {
                let data = FileManager.default.contents(atPath: store + suffix) ?? Data()
                #expect(data.range(of: Data(secret.utf8)) == nil, "secret found in store\(suffix)")
            }
        }
    }

    @Test("--setup runs a script before serving: its transcript (the secret, shown once) follows the listening line")
    func setupScriptSeedsAMemoryStore() async throws {
        let directory = try TemporaryDirectory()
        try directory.write("setup.ks", "doc add d1 --owner me\nkey create k --expires 1d --grants DocumentReadonly\n")
        let server = try ServerProcess(["--memory", "--setup", directory.file("setup.ks")], in: directory)
        try await server.waitUntilListening()
        let lines = server.stdout.split(separator: "\n")
        #expect(lines.count >= 3 && lines[1] == "added document d1 owned by me")
        let secret = try #require(lines.lazy.compactMap { $0.split(separator: " ").first(where: { $0.hasPrefix("ksk_") }) }.first)
        let answer = try await Curl.call(server.baseURL + "/v1/documents/d1", headers: ["Authorization: Bearer \(secret)"], in: directory)
        #expect(answer.status == 200)
        #expect(try await server.stop() == 0)
        #expect(!server.stderr.contains(secret))
    }

    @Test("SIGINT stops serve with exit status 0; --memory serves too")
    func sigintExitsZero() async throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(["--memory", "--log", "off"], in: directory)
        try await server.waitUntilListening()
        #expect(try await Curl.call(server.baseURL + "/healthz", in: directory).status == 200)
        #expect(try await server.stop(signal: SIGINT) == 0)
        #expect(server.stderr.isEmpty)
    }

    @Test("a port in use, a bad host, an unusable store and a read-only one (every check is a write) each give one line and exit 2")
    func startupFailuresExitTwo() async throws {
        let directory = try TemporaryDirectory()
        let first = try ServerProcess(["--memory", "--log", "off"], in: directory)
        try await first.waitUntilListening()
        let port = String(first.baseURL.split(separator: ":").last ?? "")
        try directory.write("not-a-store.sqlite", "this is not a database\n")
        let readOnly = directory.file("read-only.sqlite")
        _ = try await RunningProgram.runScript("user add bob", store: readOnly, in: directory, tag: "read-only")
        #expect(chmod(readOnly, 0o400) == 0)
        let cases: [(arguments: [String], says: String)] = [
            (["--memory", "--port", port], "cannot listen on 127.0.0.1:\(port)"),
            (["--memory", "--host", "no.such.host.invalid"], "cannot listen on no.such.host.invalid"),
            (["--store", directory.file("not-a-store.sqlite")], "not-a-store.sqlite"),
            (["--store", readOnly], "read-only: the file is not writable): every check is recorded in the store's audit log"),
        ]
        for (arguments, says) in cases {
            let run = try ProgramRun.keysmith(["serve"] + arguments)
            let text = run.stderr
            #expect(run.status == 2, "\(arguments): \(text)")
            #expect(text.split(separator: "\n").count == 1, "\(text)")
            #expect(text.contains(says), "\(text)")
        }
        #expect(directory.read("not-a-store.sqlite") == "this is not a database\n")
        // The listening line (and a setup's secrets) cannot be written: serve stops, saying so.
        let full = try ProgramRun.run(
            "/bin/sh", ["-c", #"exec "$0" serve --memory --port 0 --log off > /dev/full"#, try KeysmithBinary.require()],
            input: .text(""), timeout: .seconds(20))
        #expect(full.status == 1 && full.stderr.contains("cannot write standard output"), "\(full.status) \(full.stderr)")
        _ = try await first.stop()
    }
}
