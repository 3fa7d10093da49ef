import KeysmithCore
import KeysmithStore
import KeysmithSyntax

/// Runs KeyScript over a ``KeyService``: the engine behind `keysmith run`, `keysmith test`,
/// the REPL, and any program that embeds keysmith.
///
/// ```swift
/// let clock = SessionClock(frozenAt: Instant(parsing: "2026-01-01")!)
/// let service = KeyService(store: MemoryStore(), clock: clock, random: SeededRandomSource(seed: 1))
/// let output = BufferedOutput()
/// let interpreter = Interpreter(service: service, output: output)
/// interpreter.register(CommandSpec("hello", summary: "greets") { call in
///     call.output.line("hello, \(call.actor)"); return .none
/// })
/// let result = await interpreter.run(SourceFile(name: "demo.ks", text: "hello\nclock"))
/// ```
public final class Interpreter {
    /// The service every command runs against; its store and clock are the session's.
    public let service: KeyService
    /// The session's clock, the service's own (one clock, so the two cannot drift apart):
    /// scripts move it with `clock set` and `clock advance`, through the service.
    public var clock: SessionClock { service.clock }
    /// Where commands write their output and errors.
    public let output: any OutputSink
    /// The commands this interpreter knows; ``register(_:)`` adds to it.
    public private(set) var registry: CommandRegistry
    /// The user commands act as (`as NAME` changes it; so does ``act(as:)``).
    public internal(set) var actingUser = User.defaultName
    /// The variables `let` has bound (``define(_:as:)`` binds one from the host program).
    public internal(set) var variables: [String: Value] = [:]
    /// When true, each top-level command is echoed as `> command` before its output
    /// (golden transcripts).
    package var echoesCommands = false
    /// Polled between commands; returning true stops the running script (Ctrl-C).
    package var interruptRequested: (@Sendable () -> Bool)?
    /// Called after every command that succeeds, at any depth (inside `repeat`, `let`,
    /// `expect` or a sourced file), with the command's name and value: the REPL keeps its
    /// completion data up to date from it without reading the store.
    package var commandCompleted: ((_ name: String, _ value: Value) -> Void)?
    /// Directory that relative `source` paths start from when not inside a file.
    package var workingDirectory = "."
    /// Turns a file path into the name shown in locations (keeps transcripts machine-independent).
    package var displayName: (String) -> String = { $0 }
    /// Expectations that failed since the interpreter was made.
    public private(set) var failedExpectations = 0
    /// The value of the last top-level command that completed (a check's result, a key record),
    /// so a host such as the REPL's `record` can tell what a command decided.
    public private(set) var lastValue: Value?
    /// The top-level commands being run, and which of them runs now: what a failed command's
    /// message is redacted against (``renderedForRunningCommand(_:)``).
    private var topLevelCommands: [Command] = []
    private var topLevelIndex = 0
    /// The error that stopped the last run that ended ``Outcome/commandFailed``, with its
    /// location and typed ``ScriptError/kind`` (an embedder's own error kept whole in
    /// ``ScriptError/Kind/command(_:)``); nil when a run failed some other way.
    public private(set) var lastError: ScriptError?
    /// The first store error a command met that says the store is damaged (code `damaged`), if any: the store holds
    /// something keysmith could not have written (the CLI exits 2 after it).
    public private(set) var storeDamage: StoreError?
    /// The files being run through `source`, innermost last (at most 32 deep).
    var sourceStack: [String] = []

    /// An interpreter running commands from `registry` (keysmith's own, by default) against
    /// `service`, writing to `output`, acting as the user `me`.
    public init(service: KeyService, output: any OutputSink, registry: CommandRegistry = .standard) {
        self.service = service
        self.output = output
        self.registry = registry
    }

    /// Adds a command of the embedding program's own (or replaces one).
    public func register(_ spec: CommandSpec) { registry.register(spec) }

    /// Makes `name` the acting user, as `as NAME` does; the user must exist.
    public func act(as name: String) async throws {
        actingUser = try await service.user(named: name).name
    }

    /// Binds `$name` to `value`, as `let name = …` would (a secret stays masked when printed).
    public func define(_ name: String, as value: Value) { variables[name] = value }

    /// Binds `arguments` (the words after the command's name, as a script would write them)
    /// to `spec`, so a command can be run on its own in a test:
    /// `try await spec.run(interpreter.invocation(of: spec, arguments: "ci --grants User"))`.
    public func invocation(of spec: CommandSpec, arguments: String) throws -> Invocation {
        let source = SourceFile(name: "<\(spec.name)>", text: "\(spec.name) \(arguments)")
        let script = try Parser.parse(source)
        guard let command = script.commands.first, script.commands.count == 1 else {
            throw ScriptError("expected the arguments of one command", at: SourceLocation(file: source.name, line: 1, column: 1))
        }
        let nameWords = spec.name.split(separator: " ").count
        return try bind(spec, words: command.words.dropFirst(nameWords), at: command.location)
    }

    /// How a run of source text ended.
    /// Not frozen: new cases may come in a later version, so a switch outside keysmith needs an
    /// `@unknown default` (`@nonexhaustive`; inside the package switches stay exhaustive).
    @nonexhaustive
    public enum Outcome: Equatable, Sendable {
        /// Every command ran (expectations may still have failed: see ``Interpreter/failedExpectations``).
        case completed
        /// Nothing ran: the text did not parse.
        case syntaxError
        /// A command failed and the script stopped there.
        case commandFailed
        /// Ctrl-C stopped it between commands.
        case interrupted
    }

    /// Parses `source` whole, then runs it; errors are written to the output.
    @discardableResult
    public func run(_ source: SourceFile) async -> Outcome {
        let script: Script
        do {
            script = try Parser.parse(source)
        } catch {
            output.line(Self.rendered(error, in: source), style: .error)
            return .syntaxError
        }
        return await run(script)
    }

    /// Runs an already parsed script.
    @discardableResult
    package func run(_ script: Script) async -> Outcome {
        lastError = nil
        do {
            try await execute(script, topLevel: true)
            return .completed
        } catch is ScriptInterrupted {
            output.line("interrupted", style: .warning)
            return .interrupted
        } catch  where Task.isCancelled {
            // Cancelled (Ctrl-C in the REPL) while waiting, whatever the error says.
            output.line("interrupted", style: .warning)
            return .interrupted
        } catch {
            lastError = error as? ScriptError
            report(error)
            return .commandFailed
        }
    }

    func report(_ error: any Error) {
        output.line(renderedForRunningCommand(error), style: .error)
    }

    /// How an error of the running command is printed: as ``rendered(_:)``, and with every
    /// piece of a secret the command's text holds cut too (`user add ksk_ZF0s… hlpM…`, a secret
    /// pasted with a space in it, would otherwise be quoted in part: `unexpected hlpM…`). The
    /// command before it on the same line counts too (`echo ksk_ZF0s…;hlpM…`).
    package func renderedForRunningCommand(_ error: any Error) -> String {
        redactedForRunningCommand(Self.rendered(error))
    }

    /// `text` with every piece of a secret in the running top-level command's text (and in the
    /// command before it on the same line) cut.
    private func redactedForRunningCommand(_ text: String) -> String {
        guard topLevelCommands.indices.contains(topLevelIndex) else { return text }
        let command = topLevelCommands[topLevelIndex]
        var context = command.sourceText
        if topLevelIndex > 0, topLevelCommands[topLevelIndex - 1].location.line == command.location.line {
            context = topLevelCommands[topLevelIndex - 1].sourceText + " " + context
        }
        return SecretRedaction.redacting(text, piecesOfSecretsIn: context)
    }

    /// How an error a command raised is printed, wherever it is printed (a stopped script,
    /// `expect`, the REPL): its description with control characters escaped and anything
    /// shaped like a secret cut to `ksk_…`, so an error that quotes what was typed
    /// (`unknown user "ksk_…"`) never shows a pasted secret or moves the terminal.
    public static func rendered(_ error: any Error) -> String {
        PrintableText.shown(String(describing: error), keepingLineBreaks: true)
    }

    /// How a syntax error is printed: as ``SyntaxError/rendered(in:)``, with secret-shaped runs
    /// in the echoed source line cut to `ksk_…` and the caret moved to match.
    package static func rendered(_ error: SyntaxError, in source: SourceFile) -> String {
        guard let line = source.line(error.location.line).map(String.init) ?? error.sourceLine,
            SecretRedaction.containsSecret(line)
        else { return error.rendered(in: source) }
        let before = String(line.unicodeScalars.prefix(max(0, error.location.column - 1)))
        let column = SecretRedaction.redacting(before).unicodeScalars.count + 1
        let caret = SourceLocation(file: error.location.file, line: error.location.line, column: column)
        let body = SyntaxError(error.reason, at: caret, sourceLine: SecretRedaction.redacting(line)).description
        // The first line names the real column; the caret below points into the redacted line.
        let header = SyntaxError(error.reason, at: error.location, sourceLine: nil).description
        return header + (body.firstIndex(of: "\n").map { String(body[$0...]) } ?? "")
    }

    /// Runs each command of `script` in order, `times` times over; the first error stops it.
    /// A command with a synchronous handler runs here without an async frame of its own.
    func execute(_ script: Script, topLevel: Bool, times: Int = 1) async throws {
        // Read once: a host sets these before it runs a script.
        let interruptRequested = interruptRequested
        let echoes = topLevel && echoesCommands
        let commands = script.commands
        if topLevel { topLevelCommands = commands }
        for _ in 0..<times {
            for index in commands.indices {
                if Task.isCancelled { throw ScriptInterrupted() }
                if let interruptRequested, interruptRequested() { throw ScriptInterrupted() }
                if topLevel {
                    lastValue = nil
                    topLevelIndex = index
                }
                if echoes {
                    output.line(
                        "> " + redactedForRunningCommand(PrintableText.shown(commands[index].sourceText, keepingLineBreaks: true)),
                        style: .dim)
                }
                let location = commands[index].location
                let (spec, call) = try prepare(commands[index].words[...], at: location, resultIsUsed: topLevel)
                let value = try await invoke(spec, call, at: location)
                if topLevel { lastValue = value }
            }
        }
    }

    /// Runs one command and returns its value.
    package func execute(_ command: Command) async throws -> Value {
        try await execute(words: command.words[...], at: command.location)
    }

    /// Runs the command `words` make, whose result the caller reads (`let`, `expect`).
    func execute(words: ArraySlice<Word>, at location: SourceLocation) async throws -> Value {
        let (spec, call) = try prepare(words, at: location, resultIsUsed: true)
        return try await invoke(spec, call, at: location)
    }

    /// Runs the command `words` make, as ``execute(words:at:)`` does, if it can without
    /// suspending (a synchronous handler, or an asynchronous one whose synchronous attempt
    /// answers); nil when it must be awaited, and then nothing of it has run.
    func executeNow(words: ArraySlice<Word>, at location: SourceLocation) throws -> Value? {
        let (spec, call) = try prepare(words, at: location, resultIsUsed: true)
        let value: Value
        do {
            switch spec.handler {
            case .sync(let body): value = try body(call)
            case .async:
                guard let attempt = spec.attempt, let answer = try attempt(call) else { return nil }
                value = answer
            }
        } catch {
            throw failed(error, at: location)
        }
        try completed(spec, value)
        return value
    }

    /// Runs a bound command: a synchronous handler directly (no async frame), an asynchronous
    /// one through its synchronous attempt when that answers, else awaited; then the host hears
    /// of it, or the error is tied to the command's location.
    @inline(__always)
    private func invoke(_ spec: CommandSpec, _ call: Invocation, at location: SourceLocation) async throws -> Value {
        let value: Value
        do {
            switch spec.handler {
            case .sync(let body): value = try body(call)
            case .async(let body):
                if let attempt = spec.attempt, let answer = try attempt(call) {
                    value = answer
                } else {
                    value = try await body(call)
                }
            }
        } catch {
            throw failed(error, at: location)
        }
        try completed(spec, value)
        return value
    }

    /// Finds the command `words` name and binds its arguments.
    private func prepare(_ words: ArraySlice<Word>, at location: SourceLocation, resultIsUsed: Bool) throws -> (CommandSpec, Invocation) {
        let start = words.startIndex
        guard start < words.endIndex else { throw ScriptError("missing command", at: location) }
        // `literal` is nil for a block too; the words are read in place, not copied.
        guard let firstName = words[start].literal else {
            throw ScriptError("a command must start with a command name, not \(words[start].sourceText)", at: words[start].location)
        }
        let second = words.count > 1 ? words[start + 1].literal : nil
        let (spec, nameLength): (CommandSpec, Int)
        switch registry.resolve(first: firstName, second: second) {
        case .success(let found): (spec, nameLength) = found
        case .failure(let problem): throw ScriptError(problem.message, at: words[start].location, kind: .unknownCommand)
        }
        let used = resultIsUsed || commandCompleted != nil
        return (spec, try bind(spec, words: words.dropFirst(nameLength), at: location, resultIsUsed: used))
    }

    /// A command succeeded: the host hears of it, and the output may flush.
    private func completed(_ spec: CommandSpec, _ value: Value) throws {
        commandCompleted?(spec.name, value)
        try output.commandFinished()
    }

    /// A command failed: the output may flush, and the error is located at the command.
    private func failed(_ error: any Error, at location: SourceLocation) -> any Error {
        do {
            try output.commandFinished()
        } catch let outputError {
            return outputError  // the command's own error could not be shown either
        }
        return located(error, at: location)
    }

    /// The error a command threw, as the script reports it: tied to the command's location.
    private func located(_ error: any Error, at location: SourceLocation) -> any Error {
        switch error {
        case let error as KeysmithError:
            return ScriptError(CommandHints.message(for: error), at: location, kind: .refused(error))
        case let error as StoreError:
            switch error.kind {
            case .damaged:
                if storeDamage == nil { storeDamage = error }
                return ScriptError(error.description, at: location, kind: .store(error))
            case .readOnly:
                return ScriptError(error.description, at: location, kind: .store(error))  // names the store itself
            default:
                return ScriptError("store: \(error.description)", at: location, kind: .store(error))
            }
        case let problem as ScriptError.Problem:
            // A command's own problem not yet tied to a place: it happened at this command.
            return ScriptError(problem.message, at: location, usage: problem.usage)
        case let error as ScriptError:
            return error
        case let error as SourcedSyntaxError:
            return error  // reported at the sourced file's own line, with its caret
        case is ScriptInterrupted:
            return ScriptInterrupted()
        default:
            // An embedder's command threw its own error: reported at the command, kept whole.
            return ScriptError(String(describing: error), at: location, kind: .command(error))
        }
    }

    // MARK: Expectations

    func recordFailedExpectation(_ message: String, at location: SourceLocation) {
        failedExpectations += 1
        output.line("\(location): expectation failed: \(message)", style: .error)
    }
}

extension Interpreter {
    /// Marks `path` as the file being run, so `source` resolves relative paths from it.
    package func pushSource(_ path: String) { sourceStack.append(path) }
}
