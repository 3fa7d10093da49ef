import KeysmithScript
import KeysmithSyntax
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `record FILE.ks` … `record stop`: keeps the commands typed in between (those that
/// succeeded, never `record` itself, never a line holding a literal secret) and writes them
/// as a scenario with its golden, replayed deterministically, so an exploration becomes a test.
///
/// Work is never lost silently: a path that cannot be written is refused at `record`, and at
/// `record stop` the scenario is replayed and compared, command by command, with what the
/// session decided; a recording that depends on setup made before `record` (so that a check
/// allowed in the session is denied on a fresh store) is kept, with a note of the first
/// command that differs.
package final class Recorder: Sendable {
    /// What a recorded command decided in the session, compared with its replay.
    package struct Outcome: Equatable, Sendable {
        /// A check's decision (`allow`, `deny:no_access`), nil for other commands.
        package var decision: String?
        /// How many expectations the command failed.
        package var failedExpectations: Int

        package init(decision: String?, failedExpectations: Int) {
            self.decision = decision
            self.failedExpectations = failedExpectations
        }

        /// The outcome of the interpreter's last top-level command.
        init(of value: Value?, failedExpectations: Int) {
            decision = value?.checkResult?.decision.description
            self.failedExpectations = failedExpectations
        }

        var text: String {
            var parts: [String] = [decision ?? "ok"]
            if failedExpectations > 0 { parts.append("\(failedExpectations) failed expectation(s)") }
            return parts.joined(separator: ", ")
        }
    }

    private struct State {
        var path: String?
        var commands: [(text: String, outcome: Outcome)] = []
    }

    private let state = Mutex(State())

    package init() {}

    package var isRecording: Bool { state.withLock { $0.path != nil } }

    /// Notes a command that ran successfully at the prompt, with what it decided there.
    package func note(_ commandText: String, outcome: Outcome) {
        state.withLock { if $0.path != nil { $0.commands.append((commandText, outcome)) } }
    }

    func start(_ path: String) throws(ScriptError.Problem) {
        try state.withLock { (s: inout State) throws(ScriptError.Problem) in
            if let current = s.path { throw ScriptError.Problem("already recording to \(current); type `record stop` first") }
            s.path = path
            s.commands = []
        }
    }

    func stop() -> (path: String, commands: [(text: String, outcome: Outcome)])? {
        state.withLock { s in
            guard let path = s.path else { return nil }
            defer {
                s.path = nil
                s.commands = []
            }
            return (path, s.commands)
        }
    }

    /// The `record` command, bound to this recorder.
    package var command: CommandSpec {
        CommandSpec(
            "record", summary: "records the commands you type into a scenario (record FILE.ks … record stop)",
            parameters: [Parameter("FILE.ks|stop", .file)],
            details: """
                Saves the commands that succeed until `record stop` as FILE.ks, then replays it with a fixed
                seed and clock to write FILE.golden beside it: `keysmith test FILE.ks` checks it from then on.
                Lines holding a literal secret are left out (use `let k = key create ...` and $k.secret).
                At `record stop` the replay is compared with what the session decided; a recording that
                relies on what existed before `record` is kept, with a note of the first command that differs.
                """
        ) { [self] call in
            let argument = try call.text("FILE.ks|stop")
            let location = call.argument("FILE.ks|stop")?.location
            if argument == "stop" {
                guard let (path, commands) = stop() else { throw call.usageError("not recording; start with `record FILE.ks`") }
                try await finish(path: path, commands: commands, output: call.output)
                return .none
            }
            guard argument.hasSuffix(".ks") else {
                throw call.usageError("a scenario file ends in .ks: \"\(argument)\"", at: location)
            }
            if access(argument, F_OK) == 0 {
                throw call.usageError("\(argument) already exists; choose a new name (nothing was overwritten)", at: location)
            }
            if let problem = Self.cannotCreate(argument) { throw call.usageError(problem, at: location) }
            do throws(ScriptError.Problem) {
                try start(argument)
            } catch {
                throw call.usageError(error.message)
            }
            call.output.line("recording to \(argument); type `record stop` to save it with its golden")
            return .none
        }
    }

    /// Why `path` (and its golden) cannot be created, found now rather than at `record stop`.
    static func cannotCreate(_ path: String) -> String? {
        let golden = ScenarioRunner.goldenPath(for: path)
        if access(golden, F_OK) == 0 { return "\(golden) already exists; choose a new name (nothing was overwritten)" }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return "cannot record to \(path): \(String(cString: strerror(errno)))" }
        close(fd)
        unlink(path)
        return nil
    }

    private func finish(path: String, commands: [(text: String, outcome: Outcome)], output: any OutputSink) async throws {
        let header = "# Recorded with keysmith's `record`: \(commands.count) command\(commands.count == 1 ? "" : "s")."
        var body = ""
        for command in commands { body += command.text + "\n" }
        // Two header lines whatever the replay says, so rewriting the note keeps every line number.
        try Self.write(path, header + "\n# It replays as recorded.\n" + body, exclusive: true)
        let difference = await Self.firstDifference(replaying: path, against: commands.map(\.outcome))
        if let difference {
            try Self.write(path, header + "\n# Note: \(difference.note)\n" + body, exclusive: false)
        }
        let verdict = await ScenarioRunner().verdict(for: path, update: true)
        output.line(
            "saved \(commands.count) command\(commands.count == 1 ? "" : "s") to \(path) and its golden to \(ScenarioRunner.goldenPath(for: path))",
            style: .success)
        if let difference {
            output.line(
                "warning: the replay on a fresh store differs from this session (it may rely on what existed before `record`): \(difference.note); the file keeps this note",
                style: .warning)
        } else if !verdict.passed {
            output.line("warning: the scenario does not replay cleanly on a fresh store:", style: .warning)
            output.line(verdict.report, style: .warning)
        } else {
            output.line("check it any time with: keysmith test \(path)")
        }
    }

    /// Replays the scenario at `path` command by command on a fresh scenario store and returns
    /// the first command whose outcome differs from the session's.
    static func firstDifference(replaying path: String, against session: [Outcome]) async -> (line: Int, note: String)? {
        guard let text = TextFile.read(path), let script = try? Parser.parse(SourceFile(name: path, text: text)),
            let interpreter = try? await ScenarioRunner().freshInterpreter(output: BufferedOutput())
        else { return (1, "the recording cannot be read back") }
        interpreter.workingDirectory = TextFile.directory(of: path)
        for (index, command) in script.commands.enumerated() {
            let failedBefore = interpreter.failedExpectations
            let completed = await interpreter.run(Script(commands: [command])) == .completed
            let replayed = Outcome(of: interpreter.lastValue, failedExpectations: interpreter.failedExpectations - failedBefore)
            let line = command.location.line
            guard index < session.count else { break }
            if !completed {
                return (line, "line \(line) (`\(command.sourceText)`) succeeded in the session but fails on replay")
            }
            if replayed != session[index] {
                return (
                    line, "line \(line) (`\(command.sourceText)`) was \(session[index].text) in the session, \(replayed.text) on replay"
                )
            }
        }
        return nil
    }

    /// Writes `text` to `path`; `exclusive` refuses a file that appeared since `record` began.
    private static func write(_ path: String, _ text: String, exclusive: Bool) throws {
        guard let file = fopen(path, exclusive ? "wx" : "w") else {
            throw ScriptError.Problem("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        let bytes = Array(text.utf8)
        let written = fwrite(bytes, 1, bytes.count, file)
        let closed = fclose(file)
        guard written == bytes.count, closed == 0 else { throw ScriptError.Problem("cannot write \(path)") }
        chmod(path, 0o644)
    }
}
