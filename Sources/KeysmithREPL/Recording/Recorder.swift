import KeysmithScript
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `record FILE.ks` … `record stop`: keeps the commands typed in between (those that
/// succeeded, never `record` itself, never a line holding a literal secret) and writes them
/// as a scenario with its golden, replayed deterministically, so an exploration becomes a test.
public final class Recorder: Sendable {
    private struct State {
        var path: String?
        var commands: [String] = []
    }

    private let state = Mutex(State())

    public init() {}

    public var isRecording: Bool { state.withLock { $0.path != nil } }

    /// Notes a command that ran successfully at the prompt.
    public func note(_ commandText: String) {
        state.withLock { if $0.path != nil { $0.commands.append(commandText) } }
    }

    func start(_ path: String) throws(ScriptError.Problem) {
        try state.withLock { (s: inout State) throws(ScriptError.Problem) in
            if let current = s.path { throw ScriptError.Problem("already recording to \(current); type `record stop` first") }
            s.path = path
            s.commands = []
        }
    }

    func stop() -> (path: String, commands: [String])? {
        state.withLock { s in
            guard let path = s.path else { return nil }
            defer { s.path = nil; s.commands = [] }
            return (path, s.commands)
        }
    }

    /// The `record` command, bound to this recorder.
    public var command: CommandSpec {
        CommandSpec(
            "record", summary: "records the commands you type into a scenario (record FILE.ks … record stop)",
            parameters: [Parameter("FILE.ks|stop", .file)],
            details: """
                Saves the commands that succeed until `record stop` as FILE.ks, then replays it with a fixed
                seed and clock to write FILE.golden beside it: `keysmith test FILE.ks` checks it from then on.
                Lines holding a literal secret are left out (use `let k = key create ...` and $k.secret).
                """
        ) { [self] call in
            let argument = try call.text("FILE.ks|stop")
            if argument == "stop" {
                guard let (path, commands) = stop() else { throw call.usageError("not recording; start with `record FILE.ks`") }
                try await finish(path: path, commands: commands, output: call.output)
                return .none
            }
            guard argument.hasSuffix(".ks") else {
                throw call.usageError("a scenario file ends in .ks: \"\(argument)\"", at: call.argument("FILE.ks|stop")?.location)
            }
            if access(argument, F_OK) == 0 {
                throw call.usageError("\(argument) already exists; choose a new name (nothing was overwritten)",
                                      at: call.argument("FILE.ks|stop")?.location)
            }
            do throws(ScriptError.Problem) {
                try start(argument)
            } catch {
                throw call.usageError(error.message)
            }
            call.output.line("recording to \(argument); type `record stop` to save it with its golden")
            return .none
        }
    }

    private func finish(path: String, commands: [String], output: any OutputSink) async throws {
        var text = "# Recorded with keysmith's `record`: \(commands.count) command\(commands.count == 1 ? "" : "s").\n"
        for command in commands { text += command + "\n" }
        guard let file = fopen(path, "wx") else {
            throw ScriptError.Problem("cannot create \(path): \(String(cString: strerror(errno)))")
        }
        let bytes = Array(text.utf8)
        let written = fwrite(bytes, 1, bytes.count, file)
        let closed = fclose(file)
        guard written == bytes.count, closed == 0 else { throw ScriptError.Problem("cannot write \(path)") }
        chmod(path, 0o644)
        let verdict = await ScenarioRunner().verdict(for: path, update: true)
        output.line("saved \(commands.count) command\(commands.count == 1 ? "" : "s") to \(path) and its golden to \(ScenarioRunner.goldenPath(for: path))",
                    style: .success)
        if !verdict.passed {
            output.line("warning: the scenario does not replay cleanly on a fresh store (it may rely on what existed before `record`):",
                        style: .warning)
            output.line(verdict.report, style: .warning)
        } else {
            output.line("check it any time with: keysmith test \(path)")
        }
    }
}
