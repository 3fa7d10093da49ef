import ArgumentParser
import KeysmithCore
import KeysmithSQLite
import KeysmithScript
import KeysmithStore
import KeysmithSyntax

/// `keysmith run FILE.ks`: runs a script on a fresh in-memory store (hermetic) unless
/// `--store` is given.
struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a KeyScript file (- reads standard input).",
        discussion: """
            The script stops at the first command that fails. Exit status: 0 all good; 1 a command failed or an \
            expect failed; 2 bad arguments, no such file, a script that is not a regular file or is over its limits \
            (64 MB, 1 MB a line), or a --store that cannot be used (not a keysmith store, written by a newer keysmith, unreadable, damaged).
            """)

    @Argument(help: "The script to run, or - for standard input.")
    var file: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Run on the SQLite store at <path> (created on first use, in a directory that exists), or the PostgreSQL store at postgres://USER@HOST/DB, instead of a fresh in-memory one.",
            valueName: "path|url"))
    var store: String?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Make ids and secrets deterministic: a whole number from 0 to \(UInt64.max) (in-memory store only).",
            valueName: "n"))
    var seed: Seed?

    @Option(help: "Start the session clock at this instant, e.g. 2026-01-01T00:00:00Z (in-memory store only).")
    var clock: String?

    @OptionGroup var catalogOptions: CatalogOptions

    func validate() throws {
        if store == "" { throw ValidationError(emptyStorePath) }
        if store != nil && catalogOptions.catalog != nil { throw ValidationError(CatalogOptions.needsMemory) }
        // Deterministic secrets are guessable and a fake clock would stamp real keys with fake
        // times: both stay on throwaway stores.
        if let store, seed != nil {
            throw ValidationError(
                "--seed only works on a fresh in-memory store, not on --store \(maskedStore(store)) (its secrets would be guessable)")
        }
        if let store, clock != nil {
            throw ValidationError("--clock only works on a fresh in-memory store, not on --store \(maskedStore(store))")
        }
        if let clock {
            do throws(KeysmithError) {
                _ = try Instant(validating: clock)
            } catch {
                throw ValidationError("bad --clock \"\(clock)\": \(error.reason)")
            }
        }
    }

    mutating func run() async throws {
        try await Self.run(file: file, store: store, seed: seed?.value, clock: clock, catalogOptions: catalogOptions)
    }

    /// Runs the script `file` as `keysmith run` does, with the options' values (checked in
    /// ``validate()``); `--catalog` is read once the script has been (nil: no catalog options).
    /// Ends by throwing the exit status.
    static func run(
        file: String, store: String?, seed: UInt64?, clock: String?, catalogOptions: CatalogOptions?
    ) async throws {
        let start = clock.flatMap(Instant.init(parsing:))  // checked in validate()
        let source: SourceFile
        if file != "-" && TextFile.isDirectory(file) {
            throw UsageFailure("\(file) is a directory; give a script file (keysmith test \(file) replays the scenarios in it)")
        }
        do throws(ScriptInputError) {
            source = file == "-" ? try ScriptInput.standardInput() : try ScriptInput.file(file)
        } catch {
            throw UsageFailure(error.description)
        }
        let keyStore: any KeyStore
        let catalog = try catalogOptions?.load()
        if let store {
            keyStore = try await openGivenStore(at: store)
        } else {
            keyStore = MemoryStore(catalogBuiltBy: { catalog ?? .lucid })  // Lucid's built only if read
        }
        let session = Session(store: keyStore, seed: seed, clockStart: start)
        session.interpreter.workingDirectory = TextFile.directory(of: file == "-" ? "." : file)
        if file != "-" { session.interpreter.pushSource(file) }
        let outcome = await session.interpreter.run(source)
        session.flush()
        await closeStore(keyStore)
        let failed = outcome != .completed || session.interpreter.failedExpectations > 0
        if session.interpreter.failedExpectations > 0 {
            FileHandleStderr.write("\(session.interpreter.failedExpectations) expectation(s) failed\n")
        }
        throw ExitCode(session.interpreter.storeDamage != nil ? ExitStatus.usage : failed ? ExitStatus.failed : ExitStatus.ok)
    }
}

extension Run {
    /// `keysmith run -x.ks` reads `-x.ks` as options and then asks for a file; when a file of
    /// that name is there, says how to name it instead (before the arguments are parsed).
    static func refuseOptionShapedFile(_ arguments: [String]) throws {
        guard arguments.first == "run" else { return }
        for argument in arguments.dropFirst() {
            if argument == "--" { return }
            guard argument.count > 1, argument.hasPrefix("-"), TextFile.exists(argument) else { continue }
            throw UsageFailure(
                "\(argument) reads as an option; to run the script of that name, write `keysmith run -- \(argument)` or `keysmith run ./\(argument)`"
            )
        }
    }
}

/// `--seed N`: a whole number, said plainly when it is not one (`-1` used to read as "missing
/// value", since it looks like an option).
struct Seed: ExpressibleByArgument {
    let value: UInt64

    init?(argument: String) {
        guard let value = UInt64(argument) else { return nil }
        self.value = value
    }

    static var defaultCompletionKind: CompletionKind { .default }
}
