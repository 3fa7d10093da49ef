import KeysmithCore
import KeysmithStore
import KeysmithSyntax

/// One run of a command: its evaluated arguments, checked against its ``CommandSpec``, and
/// typed accessors that turn a bad value into a located error with the command's usage.
public struct Invocation {
    public let interpreter: Interpreter
    public let spec: CommandSpec
    /// Where the command starts.
    public let location: SourceLocation
    /// Positional arguments in order (variadic ones expanded).
    public let arguments: [Argument]
    /// Option name → its argument; flags map to an empty-string argument.
    public let options: [String: Argument]
    /// For `.command` parameters: the unevaluated words of the inner command.
    package let commandWords: ArraySlice<Word>

    /// An evaluated word and where it was written.
    public struct Argument {
        public let value: Value
        package let word: Word
        public var location: SourceLocation { word.location }
    }

    public var service: KeyService { interpreter.service }
    public var actor: String { interpreter.actingUser }
    public var output: any OutputSink { interpreter.output }

    /// An error about this command's arguments, located at `location` and showing the usage.
    public func usageError(_ message: String, at location: SourceLocation? = nil) -> ScriptError {
        ScriptError(message, at: location ?? self.location, usage: spec.usage, kind: .badArguments)
    }

    /// The positional argument for the parameter named `name` (e.g. `NAME`).
    public func argument(_ name: String) -> Argument? {
        guard let i = spec.parameters.firstIndex(where: { $0.name == name }), i < arguments.count else { return nil }
        return arguments[i]
    }

    public func has(_ flag: String) -> Bool { options[flag] != nil }

    /// Text of a positional argument. Secrets are refused unless `allowSecret`.
    public func text(_ name: String, allowSecret: Bool = false) throws -> String {
        guard let argument = argument(name) else { throw usageError("missing \(name)") }
        return try Self.text(of: argument, named: name, allowSecret: allowSecret, invocation: self)
    }

    /// Text of an option's value, or nil when the option was not given.
    public func optionText(_ name: String) throws -> String? {
        guard let argument = options[name] else { return nil }
        return try Self.text(of: argument, named: "--\(name)", allowSecret: false, invocation: self)
    }

    static func text(of argument: Argument, named name: String, allowSecret: Bool, invocation: Invocation) throws -> String {
        switch argument.value {
        case .string(let s): return s
        case .number(let n): return String(n)
        case .secret(let s) where allowSecret: return s
        case .list(let items)
        where items.allSatisfy({
            if case .string = $0 { return true }
            return false
        }):
            return argument.value.displayText
        case .record(let r) where r.payload.map({ if case .key = $0 { return true } else { return false } }) == true:
            return argument.value.keyInfo!.id.rawValue
        default:
            throw invocation.usageError("\(name) cannot be \(argument.value.typeName)", at: argument.location)
        }
    }

    /// A key id: text, or a key record (its `id`).
    public func keyID(_ name: String) throws -> KeyID {
        let text = try text(name)
        guard text.hasPrefix("key_") else {
            throw usageError("\"\(text)\" is not a key id; key ids look like key_3k9x2m1p (see `key list`)", at: argument(name)?.location)
        }
        return KeyID(text)
    }

    /// A whole number ≥ `minimum`.
    public func count(_ text: String, named name: String, minimum: Int = 0, at location: SourceLocation? = nil) throws -> Int {
        guard let n = Int(text), n >= minimum else {
            if Int(text) == nil, !text.isEmpty, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
                throw usageError("\(name) is too large: at most \(Int.max), not \(text)", at: location)
            }
            throw usageError("\(name) must be a whole number of at least \(minimum), not \"\(text)\"", at: location)
        }
        return n
    }

    /// A positive duration (`5s`, `1d12h`) given as the argument or option `name`.
    public func duration(_ name: String) throws -> KeyDuration? {
        let found = argument(name) ?? options[name]
        guard let found else { return nil }
        let text = try Self.text(of: found, named: name, allowSecret: false, invocation: self)
        do throws(KeysmithError) {
            return try KeyDuration(validating: text)
        } catch {
            throw usageError(error.description, at: found.location)
        }
    }

    /// The argument or option `name`, which must be one of `choices`; nil when absent.
    public func choice(_ name: String) throws -> String? {
        let parameter = spec.parameters.first { $0.name == name }
        let kind = parameter?.kind ?? spec.options.first { $0.name == name }?.kind
        guard case .choice(let choices)? = kind else { preconditionFailure("\(name) is not a choice of \(spec.name)") }
        guard let found = argument(name) ?? options[name] else { return nil }
        let text = try Self.text(of: found, named: name, allowSecret: false, invocation: self)
        guard choices.contains(text) else {
            let hint = Suggestions.closest(to: text, in: choices).map { " (did you mean \($0)?)" } ?? ""
            let what = parameter == nil ? "--\(name) takes" : "expected"
            let list = choices.count == 2 ? "\(choices[0]) or \(choices[1])" : choices.joined(separator: ", ")
            throw usageError("\(what) \(list), not \"\(PrintableText.shown(text))\"\(hint)", at: found.location)
        }
        return text
    }

    /// `--expires`: a duration, an instant, or `never`.
    public func expiration(_ option: String) throws -> ExpirationRequest {
        guard let text = try optionText(option) else { throw usageError("missing --\(option)") }
        do throws(KeysmithError) {
            return try ExpirationRequest(validating: text)
        } catch {
            throw usageError(
                "bad expiration \"\(text)\": \(error.reason) (an expiration is a duration like 30d or 1d12h, a date or instant like 2026-01-31 or 2026-01-31T00:00:00Z, or never)",
                at: options[option]?.location)
        }
    }

    /// A comma-separated list option (`--grants A,B`), or a list value; nil when absent.
    public func list(_ option: String) throws -> [String]? {
        guard let argument = options[option] else { return nil }
        if case .list(let items) = argument.value { return items.map(\.displayText) }
        let text = try Self.text(of: argument, named: "--\(option)", allowSecret: false, invocation: self)
        let items = text.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingBlanks }
        if items.contains(where: \.isEmpty) {
            throw usageError("--\(option) has an empty item in \"\(text)\"; separate names with single commas", at: argument.location)
        }
        return items
    }
}

extension String {
    var trimmingBlanks: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
