import ArgumentParser
import KeysmithCore
import KeysmithPlatform
import KeysmithScript

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `keysmith` command line: the REPL by default, `run` for scripts, `test` for golden
/// scenarios.
struct Keysmith: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "keysmith",
        abstract: "Personal API keys, modelled and scripted: create, expire, check, replay.",
        discussion: """
            With no subcommand, keysmith opens the interactive REPL on a terminal, or runs standard input \
            as a script when it is not a terminal. Type `help` inside for the command language.
            """,
        version: version,
        subcommands: [Repl.self, Run.self, Test.self, Serve.self, StoreCommand.self],
        defaultSubcommand: Repl.self)
}

extension Keysmith {
    /// An argument that is not UTF-8 (a file name in another encoding) would reach keysmith
    /// with its bad bytes replaced, naming a file that is not there; it is refused by its
    /// position, its bad bytes shown as `\xFF`.
    static func refuseNonUTF8Arguments() throws {
        for index in 1..<Int(CommandLine.argc) {
            guard let argument = CommandLine.unsafeArgv[index], String(validatingCString: argument) == nil else { continue }
            var shown = ""
            for byte in UnsafeBufferPointer(start: argument, count: strlen(argument)).map({ UInt8(bitPattern: $0) }) {
                shown += byte < 0x80 ? String(UnicodeScalar(byte)) : "\\x" + String(byte, radix: 16, uppercase: true)
            }
            throw UsageFailure(
                "argument \(index) (\(shown)) is not UTF-8 text; keysmith reads arguments as UTF-8, so a file named in another encoding needs a new name"
            )
        }
    }

    /// `keysmith bogus` would otherwise reach the default subcommand and be told about the
    /// REPL's usage; a first argument that is neither an option nor a subcommand is named as an
    /// unknown command instead, with the closest one.
    static func refuseUnknownSubcommand(_ arguments: [String]) throws {
        guard let first = arguments.first, !first.hasPrefix("-") else { return }
        let names = configuration.subcommands.map { $0._commandName } + ["help"]
        guard !names.contains(first) else { return }
        let hint = Suggestions.closest(to: first, in: names).map { " (did you mean `keysmith \($0)`?)" } ?? ""
        throw ValidationError("unknown command \"\(first)\"\(hint); commands: \(names.joined(separator: ", ")), or none for the REPL")
    }
}

/// A usage problem found while a subcommand runs (a directory where a file belongs, no
/// scenarios found): printed as `keysmith: message` with exit status 2, without a usage block
/// (which, thrown from `run()`, would name the root command rather than the one typed).
struct UsageFailure: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// Exit statuses of `keysmith run` and `keysmith test` (Docs: Writing scenario tests).
enum ExitStatus {
    static let ok: Int32 = 0
    static let failed: Int32 = 1
    static let usage: Int32 = 2
}

@main
enum Main {
    static func main() async {
        SystemCalls.reserveStandardDescriptors()
        SystemCalls.ignoreBrokenPipes()
        do {
            try Keysmith.refuseNonUTF8Arguments()
            let arguments = Array(CommandLine.arguments.dropFirst())
            if let file = PlainRun.file(in: arguments) {
                try await Run.run(file: file, store: nil, seed: nil, clock: nil, catalogOptions: nil)
                exit(ExitStatus.ok)
            }
            try Keysmith.refuseUnknownSubcommand(arguments)
            try Run.refuseOptionShapedFile(arguments)
            var command = try Keysmith.parseAsRoot()
            // `keysmith run` is matched by type: the first `as? any AsyncParsableCommand` of a
            // type has the runtime search every protocol conformance of the program.
            if type(of: command) == Run.self, var run = command as? Run {
                try await run.run()
            } else if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            exit(ExitStatus.ok)
        } catch let exit as ExitCode {
            Self.exit(exit.rawValue)
        } catch let failure as UsageFailure {
            FileHandleStderr.write("keysmith: \(failure.message)\n")
            exit(ExitStatus.usage)
        } catch {
            let code = Keysmith.exitCode(for: error)
            if code == .success {
                StandardOutputLine.write(Keysmith.fullMessage(for: error) + "\n")
                exit(ExitStatus.ok)
            }
            let message = Keysmith.fullMessage(for: error)
            FileHandleStderr.write("keysmith: " + message + "\n")
            // Bad arguments and missing files are usage errors: status 2 (Docs: Writing scenario tests).
            exit(code == .validationFailure ? ExitStatus.usage : code.rawValue)
        }
    }

    /// Ends the process with `status`; but when a write to standard output failed (a full
    /// disk, a closed descriptor), says so on standard error and ends with status 1 at least:
    /// what was printed, perhaps a created key's secret, is lost, and that is not a success.
    static func exit(_ status: Int32) -> Never {
        if let failure = StandardOutputFailure.current {
            FileHandleStderr.write("keysmith: \(failure)\n")
            SystemCalls.exit(status == ExitStatus.ok ? ExitStatus.failed : status)
        }
        SystemCalls.exit(status)
    }
}

/// Writes to standard error without Foundation. Everything keysmith says there goes through
/// here, shown safely: a secret typed as an argument (`keysmith run ksk_….ks`, `--clock ksk_…`)
/// is cut, and control characters are escaped.
enum FileHandleStderr {
    static func write(_ text: String) {
        SystemCalls.write(2, PrintableText.shown(text, keepingLineBreaks: true))
    }
}
