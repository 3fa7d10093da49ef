import ArgumentParser
import KeysmithCore
import KeysmithHTTP
import KeysmithPlatform
import KeysmithSQLite
import KeysmithScript
import KeysmithServe
import KeysmithStore
import KeysmithSyntax

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `keysmith serve`: answers HTTP requests the way the API's key check would (Docs: Verifying keys in your server), from
/// the same store the REPL and `run` use.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the store's endpoints over HTTP, checking each request's key.",
        discussion: """
            Requests carry `Authorization: Bearer <secret>` and, on Lucid's catalog, `Lucid-Api-Version: 1` (or a \
            /v1/ path prefix); with --catalog FILE the path is checked as it comes, without Lucid's headers \
            (--api-rules lucid asks for them again). An allowed request answers 200 with JSON, a denied one its status \
            and reason. GET /healthz answers 200 ok \
            without a key. The first line on standard output is `listening on http://HOST:PORT`; each request is \
            logged on standard error. Every response carries Keysmith-Request-Id. Loopback clients (or, with \
            --admin-token, its bearers) may read GET /_keysmith/requests (the journal; /stream for Server-Sent \
            Events; DELETE clears it), /_keysmith/keys, /_keysmith/catalog and /_keysmith/metrics (Prometheus), \
            /_keysmith/limits (the limited endpoints' current windows) and POST /_keysmith/reset a --memory server; \
            the inspector page is GET /_keysmith/. The admin token may come from the environment variable \
            KEYSMITH_ADMIN_TOKEN instead of --admin-token, so it does not show in the process list (not both: exit 2). SIGINT or SIGTERM stops the server (exit 0). Exit status 2: bad arguments, \
            an address that cannot be used, or a store that cannot be used; 1: the --setup script failed.
            """)

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var catalogOptions: CatalogOptions

    @Option(
        help: ArgumentHelp(
            "The request rules apart from the key: lucid (Lucid-Api-Version: 1 or a /vN/ prefix, Lucid-Request-As) or none (the path as it comes, user mode). Default: lucid, or none with --catalog.",
            valueName: "rules"))
    var apiRules: APIRulesChoice?

    @Option(help: ArgumentHelp("The address to listen on; anything but loopback must be given explicitly.", valueName: "address"))
    var host = "127.0.0.1"

    @Option(help: ArgumentHelp("The port to listen on; 0 picks a free one.", valueName: "port"))
    var port = 8080

    @Option(help: ArgumentHelp("The request log on standard error: text, json or off.", valueName: "format"))
    var log: RequestLog.Format = .text

    @Option(
        help: ArgumentHelp(
            "Run this KeyScript on the store before serving (keys for a --memory store); its transcript follows the listening line.",
            valueName: "file"))
    var setup: String?

    @Option(help: ArgumentHelp("Keep the last N answered requests for GET /_keysmith/requests; 0 keeps none.", valueName: "N"))
    var journal = 10_000

    @Flag(inversion: .prefixedNo, help: "Keep Prometheus metrics for GET /_keysmith/metrics.")
    var metrics = true

    @Flag(
        help:
            "Honour a request's Prefer header (reason=REASON, code=503, delay=250ms): answer as that case would, after authenticating the key."
    )
    var allowPrefer = false

    @Option(
        help: ArgumentHelp(
            "Answer the admin API under /_keysmith/ to any client sending Authorization: Bearer TOKEN (otherwise loopback clients only); at least 16 characters. KEYSMITH_ADMIN_TOKEN in the environment does the same without showing the token in the process list.",
            valueName: "token"))
    var adminToken: String?

    @Option(
        help: ArgumentHelp(
            "With --memory: make the --setup script's ids and secrets the same on every run (and every POST /_keysmith/reset), so a client's test configuration can name them. Never on a persistent store: its secrets would be guessable.",
            valueName: "N"))
    var seed: Seed?

    @Flag(
        help:
            "Stop the clock: time moves only when the store's clock is moved (clock advance, from another process on a shared store), so expiries and rate-limit windows can be tested to the second."
    )
    var frozenClock = false

    func validate() throws {
        if seed != nil && !storeOptions.memory {
            throw ValidationError("--seed only works with --memory (a persistent store's secrets would be guessable)")
        }
        guard journal >= 0, journal <= 10_000_000 else { throw ValidationError("bad --journal \(journal): keep 0 to 10000000 requests") }
        // ArgumentParser keeps the last of a repeated option; two tokens are a mistake to say.
        let tokensGiven = CommandLine.arguments.filter { $0 == "--admin-token" || $0.hasPrefix("--admin-token=") }.count
        if tokensGiven > 1 {
            throw ValidationError("--admin-token was given \(tokensGiven) times; give the admin token once")
        }
        if adminToken != nil && getenv(Self.adminTokenVariable) != nil {
            throw ValidationError(
                "give the admin token once: --admin-token or \(Self.adminTokenVariable), not both (unset \(Self.adminTokenVariable), or leave out --admin-token)"
            )
        }
        if let (token, source) = adminTokenGiven {
            guard !token.isEmpty else {
                throw ValidationError(
                    "bad \(source): it is empty; give a token of at least \(Self.shortestAdminToken) characters"
                        + (source == Self.adminTokenVariable ? ", or unset \(source) for the loopback rule" : ""))
            }
            guard !SecretRedaction.containsSecret(token) else {
                throw ValidationError(
                    "bad \(source): it is shaped like a key's secret (ksk_…), and would be cut from every log as one; give a token of your own"
                )
            }
            guard token.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
                throw ValidationError("bad \(source): give printable characters without spaces")
            }
            guard token.count >= Self.shortestAdminToken else {
                throw ValidationError(
                    "bad \(source): \(token.count) characters is too short to guess at; give at least \(Self.shortestAdminToken)")
            }
        }
        guard (0...65_535).contains(port) else { throw ValidationError("bad --port \(port): a port is 0 to 65535") }
        guard !host.isEmpty, PrintableText.isPrintable(host), !host.contains(where: \.isWhitespace) else {
            throw ValidationError("bad --host \"\(PrintableText.shown(host))\": give an address such as 127.0.0.1")
        }
    }

    mutating func run() async throws {
        let catalog = try catalogOptions.load()
        let resettable = storeOptions.memory ? ResettableMemoryStore(catalog: catalog ?? .lucid) : nil
        let store: any KeyStore
        if let resettable { store = resettable } else { store = try await storeOptions.open(catalog: catalog) }
        if let sqlite = store as? SQLiteStore, sqlite.readOnlyReason != nil {
            // It would start, and answer every check 503: each check is a write.
            await closeStore(store)
            throw UsageFailure(
                "cannot serve \(store.location): every check is recorded in the store's audit log, so serve needs a store it may write")
        }
        let seed = self.seed?.value
        var setupTranscript = ""
        if let setup { setupTranscript = try await Self.runSetup(setup, on: store, seed: seed) }
        let transcript = setupTranscript
        let clock = frozenClock ? SessionClock(frozenAt: SystemClock().now()) : SessionClock(following: SystemClock())
        let service = KeyService(store: store, clock: clock)
        let rules = (apiRules ?? .byDefault(ownCatalog: catalog != nil)).rules(for: catalog ?? .lucid)
        do {
            var features = ServeFeatures(
                journal: journal > 0 ? RequestJournal(capacity: journal) : nil,
                metrics: metrics ? ServeMetrics() : nil, allowPrefer: allowPrefer,
                adminAccess: AdminAccess(token: adminTokenGiven?.token), rules: rules)
            if let resettable {
                let setup = self.setup
                features.reset = {
                    try await resettable.reset { fresh in
                        guard let setup else { return "" }
                        return try await Self.rerunSetup(setup, on: fresh, seed: seed)
                    }
                }
            }
            try await KeysmithServer.run(
                service: service, host: host, port: port, log: RequestLog(format: log),
                features: features
            ) { address in
                // A script waits for this line, and the setup's secrets are in it: when it
                // cannot be written, serving on would hide that; stop with the failure said.
                if StandardOutputLine.write("listening on \(address)\n" + transcript) != 0 { Main.exit(ExitStatus.failed) }
            }
        } catch {
            await closeStore(store)
            throw UsageFailure(error.description)
        }
        await closeStore(store)
        throw ExitCode(ExitStatus.ok)
    }
}

extension Serve {
    /// The shortest admin token `serve` accepts.
    static let shortestAdminToken = 16
    static let adminTokenVariable = "KEYSMITH_ADMIN_TOKEN"

    /// The admin token and where it came from: `--admin-token`, else the environment variable
    /// `KEYSMITH_ADMIN_TOKEN` (set, even empty); nil for neither. Both at once is a usage
    /// error (``validate()``).
    var adminTokenGiven: (token: String, source: String)? {
        if let adminToken { return (adminToken, "--admin-token") }
        if let value = getenv(Self.adminTokenVariable) { return (String(cString: value), Self.adminTokenVariable) }
        return nil
    }

    /// Runs the `--setup` script on `store` and returns its transcript (a created key's secret
    /// is in it, shown this once). A script that fails stops `serve`: the transcript is printed
    /// and the exit status is 1, as with `keysmith run`.
    static func runSetup(_ file: String, on store: any KeyStore, seed: UInt64?) async throws -> String {
        let source: SourceFile
        do throws(ScriptInputError) {
            source = try ScriptInput.file(file)
        } catch {
            throw UsageFailure(error.description)
        }
        let (succeeded, transcript) = await setupRun(source, file: file, on: store, seed: seed)
        guard succeeded else {
            StandardOutputLine.write(transcript)
            FileHandleStderr.write("keysmith: the setup script \(file) failed; not serving\n")
            throw ExitCode(ExitStatus.failed)
        }
        return transcript
    }

    /// The `--setup` script again, on the fresh store a reset (`POST /_keysmith/reset`) builds
    /// aside: its transcript, or a 500 when the script fails now (it was edited since), and
    /// then the store in use stays as it was.
    static func rerunSetup(_ file: String, on store: any KeyStore, seed: UInt64?) async throws -> String {
        let source: SourceFile
        do throws(ScriptInputError) {
            source = try ScriptInput.file(file)
        } catch {
            throw KeysmithDenial(statusCode: 500, code: "setup_failed", message: error.description)
        }
        let (succeeded, transcript) = await setupRun(source, file: file, on: store, seed: seed)
        guard succeeded else {
            let cause = setupFailure(in: transcript)
            var denial = KeysmithDenial(
                statusCode: 500, code: "setup_failed",
                message: "the setup script \(file) failed on the fresh store, which is dropped; the store in use is kept"
                    + (cause.map { ": " + $0 } ?? ""))
            // The log line's detail: the script's own error, where and what.
            denial.operatorDetail = cause ?? "the setup script \(file) failed on the fresh store"
            throw denial
        }
        return transcript
    }

    /// The script's own error lines in `transcript` (`top.ks:3:1: error: …`, as start-up
    /// prints them), joined, secret-shaped runs cut; nil when there is none. Only these lines:
    /// the rest of a transcript holds the secrets of the keys created before the failure.
    static func setupFailure(in transcript: String) -> String? {
        let errors = transcript.split(separator: "\n").filter { $0.contains(": error: ") || $0.hasPrefix("error: ") }
        guard !errors.isEmpty else { return nil }
        return SecretRedaction.redacting(PrintableText.shown(errors.joined(separator: "; ")))
    }

    /// Runs `source` on `store` (a fresh session, seeded when `seed` is given).
    private static func setupRun(
        _ source: SourceFile, file: String, on store: any KeyStore,
        seed: UInt64?
    ) async -> (succeeded: Bool, transcript: String) {
        let output = BufferedOutput()
        let session = Session(store: store, seed: seed, clockStart: nil, flowing: true, output: output)
        session.interpreter.workingDirectory = TextFile.directory(of: file)
        session.interpreter.pushSource(file)
        let outcome = await session.interpreter.run(source)
        return (outcome == .completed && session.interpreter.failedExpectations == 0, output.text)
    }
}

extension RequestLog.Format: ExpressibleByArgument {}
