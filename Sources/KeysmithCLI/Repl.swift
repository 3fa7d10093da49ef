import ArgumentParser
import KeysmithCore
import KeysmithLineEditor
import KeysmithREPL
import KeysmithScript
import KeysmithStore
import KeysmithSyntax

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `keysmith` with no subcommand: the REPL on a terminal; standard input as a script otherwise
/// (no prompt, no banner, no history).
struct Repl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl", abstract: "The interactive session (the default when no subcommand is given).")

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var catalogOptions: CatalogOptions

    mutating func run() async throws {
        if isatty(0) == 0 {
            // Read (within its limits) before the store is opened: a refused script touches nothing.
            let script: SourceFile
            do throws(ScriptInputError) {
                script = try ScriptInput.standardInput()
            } catch {
                throw UsageFailure(error.description)
            }
            let store = try await storeOptions.open(catalog: try catalogOptions.load())
            let session = Session(store: store, seed: nil, clockStart: nil, flowing: true)
            let outcome = await session.interpreter.run(script)
            session.flush()
            await closeStore(store)
            if session.interpreter.storeDamage != nil { throw ExitCode(ExitStatus.usage) }
            throw ExitCode(outcome == .completed && session.interpreter.failedExpectations == 0 ? ExitStatus.ok : ExitStatus.failed)
        }
        let store = try await storeOptions.open(catalog: try catalogOptions.load())
        let output = TerminalOutput()
        let session = Session(store: store, seed: nil, clockStart: nil, flowing: true, output: output)
        session.interpreter.workingDirectory = "."
        output.line(REPL.banner(version: Keysmith.version, store: store.location), style: .dim)
        if let note = await REPL.clockNote(for: session.interpreter.service) { output.line(note, style: .warning) }
        if let note = await REPL.switchNote(for: session.interpreter.service) { output.line(note, style: .warning) }
        if let note = await REPL.expiryNote(for: session.interpreter.service, user: session.interpreter.actingUser) {
            output.line(note, style: .warning)
        }
        let editor = LibEditLineEditor(programName: "keysmith", historyFile: HistoryFile.standard())
        if let problem = editor.historyProblem {
            output.line("warning: \(problem); history is kept for this session only", style: .warning)
        }
        await REPL(interpreter: session.interpreter, editor: editor).run()
        await closeStore(store)
        if let problem = editor.historyProblem { output.line("warning: \(problem)", style: .warning) }
        throw ExitCode(ExitStatus.ok)
    }
}
