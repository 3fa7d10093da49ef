import KeysmithCore
import KeysmithLineEditor
import KeysmithScript
import KeysmithStore
import KeysmithSyntax

/// The interactive session: reads commands with a ``LineEditor`` (prompt showing the acting
/// user, a continuation prompt while a `{` or a quote is open), runs them, prints errors and
/// goes on. Ctrl-C drops the line being typed, or stops a long command between two of its
/// commands; Ctrl-D on an empty line ends the session.
public final class REPL {
    /// The interpreter the commands run in; the session's state lives there.
    public let interpreter: Interpreter
    /// Where lines are read from, with the prompt and completion.
    public let editor: any LineEditor
    package let recorder = Recorder()
    private var completer: Completer
    /// What the commands run since the completion data was last brought up to date changed.
    private var changes = CompletionChanges()

    /// A session over `interpreter` and `editor`. Registers the session's recorder command with the interpreter and takes over its `interruptRequested` and `commandCompleted` hooks.
    public init(interpreter: Interpreter, editor: any LineEditor) {
        self.interpreter = interpreter
        self.editor = editor
        interpreter.register(recorder.command)
        completer = Completer(registry: interpreter.registry, snapshot: CompletionSnapshot())
        interpreter.interruptRequested = { Interrupts.consume() }
        interpreter.commandCompleted = { [weak self] name, value in self?.changes.note(name, value: value) }
    }

    /// Runs one command in a task of its own, which Ctrl-C cancels: a command waiting on its
    /// store (a PostgreSQL server that stopped answering, a lock held elsewhere) stops at once,
    /// the store gives up its transaction, and the prompt comes back. Between the steps of a long
    /// command the interpreter notices the cancellation as it notices Ctrl-C itself.
    private func runStoppableByCtrlC(_ command: Command) async -> Interpreter.Outcome {
        let interpreter = UncheckedInterpreter(interpreter)
        // The REPL waits for the task before it touches the interpreter again.
        let running = Task { await interpreter.value.run(Script(commands: [command])) }
        let watcher = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(50))
                if Interrupts.pending {
                    running.cancel()
                    return
                }
            }
        }
        let outcome = await running.value
        watcher.cancel()
        // Ctrl-C was for this command: it is not left over for the next one.
        if running.isCancelled { _ = Interrupts.consume() }
        return outcome
    }

    /// The one-line banner: version, store, how to get help.
    public static func banner(version: String, store: String) -> String {
        "keysmith \(version) — store: \(store) — type `help` for commands, Ctrl-D to quit"
    }

    /// A line for the start of a session when the store's clock runs ahead of real time (a
    /// persistent store keeps every `clock advance` for good, Docs: The key model, Time); nil otherwise.
    package static func clockNote(for service: KeyService) async -> String? {
        guard (try? await service.now()) != nil, let ahead = service.clock.aheadOfRealTime else { return nil }
        return "note: this store's clock is \(ahead.roughDescription) ahead of real time "
            + "(it never moves back; try time travel on --memory or a scratch --store)"
    }

    /// How far ahead the start-up reminder of expiring keys looks.
    package static let expiryWarningWindow = KeyDuration(seconds: 7 * 86_400)

    /// A line for the start of a session when `user` has active keys expiring within
    /// ``expiryWarningWindow`` (the soonest first); nil otherwise, or when the store cannot say.
    package static func expiryNote(for service: KeyService, user: String) async -> String? {
        guard (try? await service.account().apiKeysEnabled) != false,
            let expiring = try? await service.keys(actor: user, expiringWithin: expiryWarningWindow),
            !expiring.isEmpty
        else { return nil }
        let soonest = expiring.sorted { ($0.timeLeft?.seconds ?? 0) < ($1.timeLeft?.seconds ?? 0) }
        let shown = soonest.prefix(3).map { "\($0.id) in \($0.timeLeft!.roughDescription)" }.joined(separator: ", ")
        let more = expiring.count > 3 ? " and \(expiring.count - 3) more" : ""
        let count = expiring.count == 1 ? "1 key" : "\(expiring.count) keys"
        return
            "note: \(user) has \(count) expiring within 7d: \(shown)\(more) (see key list --expiring 7d; expiry cannot be extended: create new keys before then)"
    }

    /// A line for the start of a session when the account's API keys are off; nil otherwise.
    package static func switchNote(for service: KeyService) async -> String? {
        guard let account = try? await service.account(), !account.apiKeysEnabled else { return nil }
        return
            "note: API keys are off for this account: no key can be created and no key authenticates (an admin can run `account api-keys on`)"
    }

    /// Runs until Ctrl-D (or the end of the editor's input).
    public func run() async {
        await refreshCompletion()
        editor.completer = { [unowned self] before in self.completer.complete(before) }
        var pending = ""
        while true {
            let prompt =
                pending.isEmpty
                ? "\(interpreter.actingUser)> "
                : String(repeating: " ", count: max(0, interpreter.actingUser.count - 3)) + "...> "
            switch editor.readLine(prompt: prompt) {
            case .endOfInput:
                return
            case .interrupted:
                pending = ""
                continue
            case .line(let line):
                pending += pending.isEmpty ? line : "\n" + line
            }
            let source = SourceFile(name: "<input>", text: pending)
            let script: Script
            do {
                script = try Parser.parse(source)
            } catch {
                if error.isIncomplete { continue }  // an open `{` or quote: read more
                remember(pending)
                interpreter.output.line(Interpreter.rendered(error, in: source), style: .error)
                pending = ""
                continue
            }
            remember(pending)
            pending = ""
            for command in script.commands {
                let failedBefore = interpreter.failedExpectations
                let outcome = await runStoppableByCtrlC(command)
                if outcome == .completed {
                    if !isRecordCommand(command) {
                        if SecretScanner.containsSecret(command.sourceText) {
                            if recorder.isRecording {
                                interpreter.output.line(
                                    "warning: not recorded: the line holds a literal secret, which cannot replay; use `let k = key create ...` and $k.secret",
                                    style: .warning)
                            }
                        } else {
                            recorder.note(
                                command.sourceText,
                                outcome: Recorder.Outcome(
                                    of: interpreter.lastValue, failedExpectations: interpreter.failedExpectations - failedBefore))
                        }
                    }
                } else {
                    break  // the rest of the line depended on it
                }
            }
            await updateCompletion()
        }
    }

    /// Adds an input to the history unless it holds a secret.
    private func remember(_ input: String) {
        let trimmed = input.trimmingCharacters(in: " \t\n")
        guard !trimmed.isEmpty, !SecretScanner.containsSecret(trimmed) else { return }
        editor.addToHistory(trimmed)
    }

    private func isRecordCommand(_ command: Command) -> Bool { command.words.first?.literal == "record" }

    private func refreshCompletion() async {
        completer = Completer(registry: interpreter.registry, snapshot: await CompletionSnapshot.take(of: interpreter))
        changes = CompletionChanges()
    }

    /// Applies what the line's commands changed to the completion data: a line that changed
    /// nothing Tab offers costs nothing, and one that did reads only what it may have changed.
    private func updateCompletion() async {
        guard !changes.isEmpty else { return }
        let noted = changes
        changes = CompletionChanges()
        await completer.snapshot.apply(noted, of: interpreter)
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s = s.dropFirst() }
        while let c = s.last, set.contains(c) { s = s.dropLast() }
        return String(s)
    }
}

/// The interpreter handed to the task that runs one REPL command: the REPL waits for that
/// task before touching the interpreter again, so no two tasks use it at once.
private struct UncheckedInterpreter: @unchecked Sendable {
    let value: Interpreter
    init(_ value: Interpreter) { self.value = value }
}
