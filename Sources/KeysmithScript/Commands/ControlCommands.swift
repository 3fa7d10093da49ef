import KeysmithCore
import KeysmithSyntax

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The language's own commands: `help`, `echo`, `let`, `expect`, `repeat`, `source`.
enum ControlCommands {
    static var all: [CommandSpec] { [help, echo, letCommand, expect, repeatCommand, source] }

    static let help = CommandSpec(
        named: "help", summary: "lists commands, or shows one command's usage",
        parameters: [Parameter("COMMAND", .text, optional: true, variadic: true)]
    ) { args in
        try args.rest("COMMAND")
        return .sync(showHelp)
    }

    private static func showHelp(_ call: Invocation) throws -> Value {
        let registry = call.interpreter.registry
        let words = try call.rest.map { try Invocation.text(of: $0, named: "COMMAND", allowSecret: false, invocation: call) }
        if words.isEmpty {
            var table = TextTable(["COMMAND", "DOES"])
            for name in registry.names { table.add([name, registry.commands[name]!.summary]) }
            call.output.write(table.rendered, style: .plain)
            call.output.line("type `help COMMAND` for one command's usage and options")
            return .none
        }
        let name = words.joined(separator: " ")
        let matches =
            registry.commands[name].map { [$0] }
            ?? registry.subcommands(of: name).compactMap { registry.commands["\(name) \($0)"] }
        guard !matches.isEmpty else {
            let hint = Suggestions.closest(to: name, in: registry.names + registry.firstWords).map { " (did you mean `\($0)`?)" } ?? ""
            throw call.usageError("no command `\(name)`\(hint)")
        }
        for spec in matches {
            call.output.line("usage: \(spec.usage)")
            call.output.line("  \(spec.summary)")
            for option in spec.options {
                let left = option.valueName.map { "--\(option.name) \($0)" } ?? "--\(option.name)"
                call.output.line("  \(left)  \(option.help)\(option.isRequired ? " (required)" : "")")
            }
            if !spec.details.isEmpty {
                for line in spec.details.split(separator: "\n", omittingEmptySubsequences: false) { call.output.line("  \(line)") }
            }
        }
        return .none
    }

    static let echo = CommandSpec(
        named: "echo", summary: "prints its words (secrets stay hidden)",
        parameters: [Parameter("WORDS", .text, optional: true, variadic: true)]
    ) { args in
        try args.rest("WORDS")
        return .sync { call in
            let text = call.rest.count == 1 ? call.rest[0].value.displayText : call.rest.map(\.value.displayText).joined(separator: " ")
            // A secret typed out (not just `$k.secret`) is hidden too, and control characters
            // other than line breaks and tabs are shown as escapes.
            call.output.line(PrintableText.shown(text, keepingLineBreaks: true))
            return call.resultIsUsed ? .string(text) : .none
        }
    }

    static let letCommand = CommandSpec(
        named: "let", summary: "runs a command and keeps its result in a variable",
        parameters: [Parameter("NAME", .variableName), Parameter("=", .keyword("=")), Parameter("COMMAND", .command)],
        details: "Example: let k = key create ci --expires 30d --grants User\nThen $k.id, $k.secret and the other fields are at hand."
    ) { args in
        let nameSlot = try args.parameter("NAME")
        try args.command("COMMAND")
        args.answerNow { call in
            let name = try variableName(call, nameSlot)
            guard let value = try call.interpreter.executeNow(words: call.commandWords, at: call.commandWords.first!.location)
            else { return nil }
            call.interpreter.variables[name] = value
            return value
        }
        return .async { call in
            let name = try variableName(call, nameSlot)
            let value = try await call.interpreter.execute(words: call.commandWords, at: call.commandWords.first!.location)
            call.interpreter.variables[name] = value
            return value
        }
    }

    /// The name `let` binds, refused unless it is an identifier.
    private static func variableName(_ call: Invocation, _ slot: ArgumentSlot) throws -> String {
        let name = try call.text(slot)
        guard isIdentifier(name) else {
            throw call.usageError(
                "\"\(name)\" is not a variable name: use letters, digits and _, starting with a letter or _",
                at: call[slot]?.location)
        }
        return name
    }

    static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
        return s.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }

    static let expect = CommandSpec(
        named: "expect", summary: "runs a command and checks its outcome (ok, error, allow, deny, deny:REASON)",
        parameters: [Parameter("OUTCOME", .outcome), Parameter("COMMAND", .command)],
        details: "A failed expectation is reported with its line and the script goes on (the run still fails)."
    ) { args in
        let outcome = try args.parameter("OUTCOME")
        try args.command("COMMAND")
        return .async { call in try await runExpect(call, outcome: outcome) }
    }

    private static func runExpect(_ call: Invocation, outcome: ArgumentSlot) async throws -> Value {
        let outcomeText = try call.text(outcome)
        guard let expected = Expectation(outcomeText) else {
            throw call.usageError(
                "bad outcome \"\(outcomeText)\": use ok, error, allow, deny or deny:REASON (reasons: \(DenyReason.allCases.map(\.rawValue).joined(separator: ", ")))",
                at: call[outcome]?.location)
        }
        let inner = call.commandWords
        let location = inner.first!.location
        let result: Result<Value, any Error>
        do {
            result = .success(try await call.interpreter.execute(words: inner, at: location))
        } catch is ScriptInterrupted {
            throw ScriptInterrupted()
        } catch {
            result = .failure(error)
            call.output.line(call.interpreter.renderedForRunningCommand(error), style: expected == .error ? .dim : .error)
        }
        if let mismatch = expected.mismatch(with: result) {
            call.interpreter.recordFailedExpectation(mismatch, at: call.location)
        }
        return (try? result.get()) ?? .none
    }

    static let repeatCommand = CommandSpec(
        named: "repeat", summary: "runs a block N times",
        parameters: [Parameter("N", .count), Parameter("BLOCK", .block)],
        details: "Example: repeat 3 { clock advance 1d; check $k.secret GET /users/me/profile }"
    ) { args in
        let count = try args.parameter("N"), block = try args.block("BLOCK")
        return .async { call in
            let n = try call.count(try call.text(count), named: "N", minimum: 0, at: call[count]!.location)
            try await call.interpreter.execute(call[block]!.block!, topLevel: false, times: n)
            return .number(n)
        }
    }

    static let source = CommandSpec(
        named: "source", summary: "runs another script file (relative to the current one)",
        parameters: [Parameter("FILE", .file)]
    ) { args in
        let file = try args.parameter("FILE")
        return .async { call in try await runSource(call, file: file) }
    }

    private static func runSource(_ call: Invocation, file fileSlot: ArgumentSlot) async throws -> Value {
        let interpreter = call.interpreter
        let path = try call.text(fileSlot)
        let base = interpreter.sourceStack.last.map(TextFile.directory(of:)) ?? interpreter.workingDirectory
        let full = path.hasPrefix("/") ? path : (base == "." ? path : base + "/" + path)
        guard interpreter.sourceStack.count < 32 else {
            throw call.usageError("source is nested more than 32 deep; does \(path) source itself?")
        }
        let file: SourceFile
        do throws(ScriptInputError) {
            file = try ScriptInput.file(full, name: interpreter.displayName(full))
        } catch .unreadable {
            throw call.usageError("cannot read \"\(path)\": no such file or not readable", at: call[fileSlot]?.location)
        } catch {
            throw call.usageError("cannot source \"\(path)\": \(error)", at: call[fileSlot]?.location)
        }
        let script: Script
        do throws(SyntaxError) {
            script = try Parser.parse(file)
        } catch {
            throw SourcedSyntaxError(rendered: Interpreter.rendered(error, in: file))
        }
        interpreter.sourceStack.append(full)
        defer { interpreter.sourceStack.removeLast() }
        try await interpreter.execute(script, topLevel: true)
        return .none
    }

}

/// A sourced file that does not parse: reported with its own location and caret.
struct SourcedSyntaxError: Error, CustomStringConvertible {
    let rendered: String
    var description: String { rendered }
}
