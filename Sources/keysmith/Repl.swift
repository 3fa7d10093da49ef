import ArgumentParser
import KeysmithCore
import KeysmithScript
import KeysmithStore
import KeysmithSyntax

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `keysmith` with no subcommand: the REPL on a terminal; standard input as a script otherwise.
struct Repl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl", abstract: "The interactive session (the default when no subcommand is given).")

    @Flag(help: "Use a throwaway in-memory store.")
    var memory = false

    mutating func run() async throws {
        let session = Session(store: MemoryStore(), seed: nil, clockStart: nil)
        if isatty(0) == 0 {
            let outcome = await session.interpreter.run(SourceFile(name: "<stdin>", text: readStandardInput()))
            session.output.flush()
            throw ExitCode(outcome == .completed && session.interpreter.failedExpectations == 0 ? ExitStatus.ok : ExitStatus.failed)
        }
        FileHandleStderr.write("the interactive REPL is not built yet; pipe a script into keysmith or use `keysmith run FILE`\n")
        throw ExitCode(ExitStatus.usage)
    }
}
