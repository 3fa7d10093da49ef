import KeysmithCore
import KeysmithStore
import KeysmithSyntax

/// One run of a command: its evaluated arguments, checked against its ``CommandSpec``, and
/// typed accessors that turn a bad value into a located error with the command's usage.
///
/// Arguments sit at the positions ``ArgumentLayout`` gave them (parameters, then options), so a
/// command made with ``CommandSpec/init(named:summary:parameters:options:details:handler:)``
/// reads them by ``ArgumentSlot``; the accessors that take a name look the name up first.
public struct Invocation {
    /// The interpreter running the command.
    public let interpreter: Interpreter
    /// The command being run.
    public let spec: CommandSpec
    /// Where the command starts.
    public let location: SourceLocation
    /// One entry a parameter (but a variadic one), then one an option; nil when not given (a
    /// flag given holds an empty string). A variadic parameter's words are in ``rest``.
    let slots: [Argument?]
    /// The words of a variadic parameter, in order.
    public let rest: [Argument]
    /// For `.command` parameters: the unevaluated words of the inner command.
    package let commandWords: ArraySlice<Word>
    /// Whether anything reads the command's result (a `let`, an `expect`, the top level of a
    /// script, a host watching commands): when false, a command may return ``Value/none``
    /// rather than build a record nobody reads.
    package let resultIsUsed: Bool

    init(
        interpreter: Interpreter, spec: CommandSpec, location: SourceLocation, slots: [Argument?], rest: [Argument],
        commandWords: ArraySlice<Word>, resultIsUsed: Bool
    ) {
        self.interpreter = interpreter
        self.spec = spec
        self.location = location
        self.slots = slots
        self.rest = rest
        self.commandWords = commandWords
        self.resultIsUsed = resultIsUsed
    }

    /// An evaluated word and where it was written.
    public struct Argument {
        /// The word's value: a lone `$name` or `$name.field` is that value whole, any other word
        /// its text with variables substituted; ``Value/none`` for a `{ ... }` block, and an
        /// empty string for a flag.
        public let value: Value
        /// Where the word was written.
        public let location: SourceLocation
        /// The body of a `{ ... }` word.
        package let block: Script?
    }

    /// Positional arguments in order (variadic ones expanded).
    public var arguments: [Argument] {
        slots.prefix(spec.firstOptionSlot).compactMap { $0 } + rest
    }

    /// Option name → its argument; flags map to an empty-string argument.
    public var options: [String: Argument] {
        var found: [String: Argument] = [:]
        for (i, option) in spec.options.enumerated() { if let a = slots[spec.firstOptionSlot + i] { found[option.name] = a } }
        return found
    }

    /// The interpreter's ``Interpreter/service``.
    public var service: KeyService { interpreter.service }
    /// The name of the user the command acts as (``Interpreter/actingUser``).
    public var actor: String { interpreter.actingUser }
    /// Where the command writes (``Interpreter/output``).
    public var output: any OutputSink { interpreter.output }

    /// An error about this command's arguments, located at `location` and showing the usage.
    public func usageError(_ message: String, at location: SourceLocation? = nil) -> ScriptError {
        ScriptError(message, at: location ?? self.location, usage: spec.usage, kind: .badArguments)
    }

    // MARK: By position

    /// The argument at `slot`, or nil when it was not given.
    public subscript(_ slot: ArgumentSlot) -> Argument? { slots[slot.index] }

    /// Whether the flag was given.
    public func has(_ flag: FlagSlot) -> Bool { slots[flag.index] != nil }

    /// Text of the argument at `slot`; missing is an error. Secrets are refused unless `allowSecret`.
    public func text(_ slot: ArgumentSlot, allowSecret: Bool = false) throws -> String {
        guard let argument = slots[slot.index] else { throw usageError("missing \(slot.shownName)") }
        return try Self.text(of: argument, named: slot.shownName, allowSecret: allowSecret, invocation: self)
    }

    /// Text of the argument at `slot`, or nil when it was not given.
    public func optionalText(_ slot: ArgumentSlot) throws -> String? {
        guard let argument = slots[slot.index] else { return nil }
        return try Self.text(of: argument, named: slot.shownName, allowSecret: false, invocation: self)
    }

    /// A key id: text, or a key record (its `id`).
    public func keyID(_ slot: ArgumentSlot) throws -> KeyID {
        try keyID(text(slot), at: slots[slot.index]?.location)
    }

    /// A positive duration (`5s`, `1d12h`), or nil when not given.
    public func duration(_ slot: ArgumentSlot) throws -> KeyDuration? {
        try duration(slots[slot.index], named: slot.name)
    }

    /// The argument at `slot`, which must be one of its `.choice`'s words; nil when absent.
    public func choice(_ slot: ArgumentSlot) throws -> String? {
        let kind = slot.isOption ? spec.options[slot.index - spec.firstOptionSlot].kind : spec.parameters[slot.index].kind
        return try choice(slots[slot.index], named: slot.name, kind: kind, isOption: slot.isOption)
    }

    /// An expiration (a duration, an instant, or `never`); missing is an error.
    public func expiration(_ slot: ArgumentSlot) throws -> ExpirationRequest {
        guard let text = try optionalText(slot) else { throw usageError("missing \(slot.shownName)") }
        return try expiration(text, at: slots[slot.index]?.location)
    }

    /// A comma-separated list (`--grants A,B`), or a list value; nil when absent.
    public func list(_ slot: ArgumentSlot) throws -> [String]? {
        try list(slots[slot.index], named: slot.shownName)
    }

    // MARK: By name

    /// The positional argument for the parameter named `name` (e.g. `NAME`).
    public func argument(_ name: String) -> Argument? {
        guard let i = spec.parameters.firstIndex(where: { $0.name == name }) else { return nil }
        if spec.parameters[i].isVariadic { return rest.first }
        return slots[i]
    }

    private func option(_ name: String) -> Argument? {
        guard let i = spec.options.firstIndex(where: { $0.name == name }) else { return nil }
        return slots[spec.firstOptionSlot + i]
    }

    /// Whether the option named `flag` (without dashes) was given, a flag or one with a
    /// value; false for a name the command does not declare.
    public func has(_ flag: String) -> Bool { option(flag) != nil }

    /// Text of a positional argument. Secrets are refused unless `allowSecret`.
    public func text(_ name: String, allowSecret: Bool = false) throws -> String {
        guard let argument = argument(name) else { throw usageError("missing \(name)") }
        return try Self.text(of: argument, named: name, allowSecret: allowSecret, invocation: self)
    }

    /// Text of an option's value, or nil when the option was not given.
    public func optionText(_ name: String) throws -> String? {
        guard let argument = option(name) else { return nil }
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
        try keyID(text(name), at: argument(name)?.location)
    }

    private func keyID(_ text: String, at location: SourceLocation?) throws -> KeyID {
        guard text.hasPrefix("key_") else {
            throw usageError("\"\(text)\" is not a key id; key ids look like key_3k9x2m1p (see `key list`)", at: location)
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
        try duration(argument(name) ?? option(name), named: name)
    }

    private func duration(_ found: Argument?, named name: String) throws -> KeyDuration? {
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
        return try choice(argument(name) ?? option(name), named: name, kind: kind, isOption: parameter == nil)
    }

    private func choice(_ found: Argument?, named name: String, kind: ArgumentKind?, isOption: Bool) throws -> String? {
        guard case .choice(let choices)? = kind else { preconditionFailure("\(name) is not a choice of \(spec.name)") }
        guard let found else { return nil }
        let text = try Self.text(of: found, named: name, allowSecret: false, invocation: self)
        guard choices.contains(text) else {
            let hint = Suggestions.closest(to: text, in: choices).map { " (did you mean \($0)?)" } ?? ""
            let what = isOption ? "--\(name) takes" : "expected"
            let list = choices.count == 2 ? "\(choices[0]) or \(choices[1])" : choices.joined(separator: ", ")
            throw usageError("\(what) \(list), not \"\(PrintableText.shown(text))\"\(hint)", at: found.location)
        }
        return text
    }

    /// `--expires`: a duration, an instant, or `never`.
    public func expiration(_ option: String) throws -> ExpirationRequest {
        guard let text = try optionText(option) else { throw usageError("missing --\(option)") }
        return try expiration(text, at: self.option(option)?.location)
    }

    private func expiration(_ text: String, at location: SourceLocation?) throws -> ExpirationRequest {
        do throws(KeysmithError) {
            return try ExpirationRequest(validating: text)
        } catch {
            throw usageError(
                "bad expiration \"\(text)\": \(error.reason) (an expiration is a duration like 30d or 1d12h, a date or instant like 2026-01-31 or 2026-01-31T00:00:00Z, or never)",
                at: location)
        }
    }

    /// A comma-separated list option (`--grants A,B`), or a list value; nil when absent.
    public func list(_ option: String) throws -> [String]? {
        try list(self.option(option), named: "--\(option)")
    }

    private func list(_ argument: Argument?, named name: String) throws -> [String]? {
        guard let argument else { return nil }
        if case .list(let items) = argument.value { return items.map(\.displayText) }
        let text = try Self.text(of: argument, named: name, allowSecret: false, invocation: self)
        let items = text.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingBlanks }
        if items.contains(where: \.isEmpty) {
            throw usageError("\(name) has an empty item in \"\(text)\"; separate names with single commas", at: argument.location)
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
