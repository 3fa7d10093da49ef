import KeysmithCore
import KeysmithSyntax

extension Interpreter {
    /// Matches words to a command's parameters and options, evaluating them, each into the
    /// position its spec gives it. Unknown options, missing or extra arguments and missing
    /// required options are errors with the usage.
    func bind(
        _ spec: CommandSpec, words: ArraySlice<Word>, at location: SourceLocation, resultIsUsed: Bool = true
    ) throws -> Invocation {
        let parameters = spec.parameters
        let options = spec.options
        var slots = [Invocation.Argument?](repeating: nil, count: spec.firstOptionSlot + options.count)
        var rest: [Invocation.Argument] = []
        var positionals = 0
        var commandWords: ArraySlice<Word> = []
        func usageError(_ message: String, at place: SourceLocation) -> ScriptError {
            ScriptError(message, at: place, usage: spec.usage, kind: .badArguments)
        }
        var index = words.startIndex
        while index < words.endIndex {
            let word = words[index]
            let position = positionals < parameters.count ? positionals : spec.isVariadic ? parameters.count - 1 : nil
            let parameter = position.map { parameters[$0] }
            if parameter?.kind == .command {
                commandWords = words[index...]
                break
            }
            if case .bare = word.kind, let text = word.literal, text.hasPrefix("--"), text.count > 2 {
                let name = text.dropFirst(2)
                guard let optionIndex = options.firstIndex(where: { $0.name == name }) else {
                    let known = options.map { "--" + $0.name }
                    let hint = Suggestions.closest(to: text, in: known).map { " (did you mean \($0)?)" } ?? ""
                    let list = known.isEmpty ? "`\(spec.name)` takes no options" : "`\(spec.name)` takes \(known.joined(separator: ", "))"
                    throw usageError("unknown option \(text)\(hint); \(list)", at: word.location)
                }
                let option = options[optionIndex]
                let slot = spec.firstOptionSlot + optionIndex
                guard slots[slot] == nil else { throw usageError("--\(name) is given twice", at: word.location) }
                if option.isFlag {
                    slots[slot] = Invocation.Argument(value: .string(""), location: word.location, block: nil)
                    index += 1
                    continue
                }
                guard index + 1 < words.endIndex else {
                    throw usageError("--\(name) needs a value (\(option.valueName!))", at: word.location)
                }
                let valueWord = words[index + 1]
                if case .bare = valueWord.kind, valueWord.literal?.hasPrefix("--") == true {
                    throw usageError(
                        "--\(name) needs a value (\(option.valueName!)) before \(valueWord.sourceText)", at: valueWord.location)
                }
                slots[slot] = Invocation.Argument(
                    value: try evaluate(valueWord, for: option.kind), location: valueWord.location, block: nil)
                index += 2
                continue
            }
            guard let parameter, let position else {
                throw usageError(
                    "`\(spec.name)` takes \(parameters.isEmpty ? "no arguments" : "at most \(parameters.count) argument\(parameters.count == 1 ? "" : "s")"); unexpected \(word.sourceText)",
                    at: word.location)
            }
            if case .keyword(let expected) = parameter.kind, word.literal != expected {
                throw usageError("expected `\(expected)` here, not \(word.sourceText)", at: word.location)
            }
            let argument = Invocation.Argument(value: try evaluate(word, for: parameter.kind), location: word.location, block: word.block)
            if parameter.isVariadic { rest.append(argument) } else { slots[position] = argument }
            positionals += 1
            index += 1
        }
        if positionals < spec.requiredParameterCount {
            let missing = parameters.filter { !$0.isOptional && $0.kind != .command }[positionals]
            throw usageError("missing \(missing.name)", at: words.last?.location ?? location)
        }
        if let name = spec.requiredCommandParameter, commandWords.isEmpty {
            throw usageError("missing \(name)", at: words.last?.location ?? location)
        }
        if spec.hasRequiredOptions {
            for (i, option) in options.enumerated() where option.isRequired && slots[spec.firstOptionSlot + i] == nil {
                throw usageError("missing --\(option.name) \(option.valueName ?? "")", at: words.last?.location ?? location)
            }
        }
        return Invocation(
            interpreter: self, spec: spec, location: location, slots: slots, rest: rest, commandWords: commandWords,
            resultIsUsed: resultIsUsed)
    }

    /// The value of a word: a block stays a block (only where a block is expected), a lone
    /// variable keeps its type, anything else becomes text with variables substituted.
    func evaluate(_ word: Word, for kind: ArgumentKind) throws -> Value {
        if case .block = word.kind {
            guard kind == .block else {
                throw ScriptError("a { } block is not expected here", at: word.location, kind: .badArguments)
            }
            return .none
        }
        if kind == .block {
            throw ScriptError("expected a { ... } block, not \(word.sourceText)", at: word.location, kind: .badArguments)
        }
        if let (name, field) = word.singleVariable { return try lookup(name, field: field, at: word.location) }
        if let literal = word.literal { return .string(literal) }
        var text = ""
        for part in word.parts {
            switch part {
            case .text(let t): text += t
            case .variable(let name, let field): text += try lookup(name, field: field, at: word.location).displayText
            }
        }
        return .string(text)
    }

    /// `$name` or `$name.field`; unknown names and fields are errors that list what exists.
    func lookup(_ name: String, field: String?, at location: SourceLocation) throws -> Value {
        guard let value = variables[name] else {
            let hint = Suggestions.closest(to: name, in: Array(variables.keys)).map { " (did you mean $\($0)?)" } ?? ""
            throw ScriptError(
                "unknown variable $\(name)\(hint); set one with `let \(name) = COMMAND`", at: location,
                kind: .unknownVariable)
        }
        guard let field else { return value }
        guard case .record(let record) = value else {
            throw ScriptError(
                "$\(name) is \(value.typeName) and has no fields; `$\(name).\(field)` needs a record", at: location,
                kind: .unknownVariable)
        }
        guard let found = record[field] else {
            let hint = Suggestions.closest(to: field, in: record.fieldNames).map { " (did you mean $\(name).\($0)?)" } ?? ""
            throw ScriptError(
                "$\(name) has no field \"\(field)\"\(hint); its fields are \(record.fieldNames.joined(separator: ", "))", at: location,
                kind: .unknownVariable)
        }
        return found
    }
}
