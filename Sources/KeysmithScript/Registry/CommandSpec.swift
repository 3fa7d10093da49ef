import KeysmithSyntax

/// What an argument is, so that argument checking, help and tab completion all know it
/// from one place.
/// Not frozen: new cases may come in a later version, so a switch outside keysmith needs an
/// `@unknown default` (`@nonexhaustive`; inside the package switches stay exhaustive).
@nonexhaustive
public enum ArgumentKind: Sendable, Hashable {
    case text, keyName, keyID, userName, documentID, folderID, resourceKind, expiration, duration, instant
    case grants, shareRole, method, path, secret, count, file, accessRule, outcome, variableName
    /// `N/DURATION`, a rate limit (`300/5s`).
    case rateLimit
    /// One of a fixed set of words (`on|off`, `account|user|key`), checked when bound.
    case choice([String])
    /// A `{ ... }` block, kept unevaluated.
    case block
    /// The rest of the words form a command of their own (`expect ok key list`), kept unevaluated.
    case command
    /// A literal word that must appear as written (the `=` of `let`).
    case keyword(String)
}

/// A positional argument of a command.
public struct Parameter: Sendable, Hashable {
    /// The name shown in the usage line, e.g. `NAME`.
    public let name: String
    /// What the argument is: how it is checked, shown in help and completed.
    public let kind: ArgumentKind
    /// May be left out; the usage line shows it in brackets.
    public let isOptional: Bool
    /// Takes all remaining words (`echo WORDS...`).
    public let isVariadic: Bool

    /// A parameter shown as `name`, required and taking one word unless `optional` or `variadic`.
    public init(_ name: String, _ kind: ArgumentKind, optional: Bool = false, variadic: Bool = false) {
        self.name = name
        self.kind = kind
        self.isOptional = optional
        self.isVariadic = variadic
    }
}

/// An option of a command: `--name VALUE`, or a flag `--name` when `valueName` is nil.
public struct OptionSpec: Sendable, Hashable {
    /// The option's name without dashes (`grants` for `--grants`).
    public let name: String
    /// The value's name in the usage line (`G1,G2`); nil for a flag.
    public let valueName: String?
    /// What the value is: how it is checked, shown in help and completed.
    public let kind: ArgumentKind
    /// Must be given: leaving it out is an argument error with the usage.
    public let isRequired: Bool
    /// One line for `help COMMAND`.
    public let help: String

    /// An option `--name`, taking a value shown as `valueName` (a flag when it is nil),
    /// optional unless `required`.
    public init(_ name: String, value valueName: String?, _ kind: ArgumentKind, required: Bool = false, help: String) {
        self.name = name
        self.valueName = valueName
        self.kind = kind
        self.isRequired = required
        self.help = help
    }

    /// True for a flag (`--admin`), which takes no value.
    public var isFlag: Bool { valueName == nil }
}

/// One command of the language: its name, arguments, usage, help and behaviour. The
/// ``CommandRegistry`` holds them all; help, completion and argument errors read from here.
///
/// A copy is one reference: the interpreter passes the spec of every command it runs.
public struct CommandSpec: Sendable {
    private let storage: CommandSpecStorage

    /// `key create`, `check`, `help`…: one word, or a group and a subcommand.
    public var name: String { storage.name }
    /// One line for `help`.
    public var summary: String { storage.summary }
    /// The positional arguments, in the order they are written.
    public var parameters: [Parameter] { storage.parameters }
    /// The options, in the order the usage line shows them.
    public var options: [OptionSpec] { storage.options }
    /// Longer help for `help COMMAND`: rules, examples.
    public var details: String { storage.details }
    /// What runs the command.
    package var handler: CommandHandler { storage.handler }
    /// An `async` handler's synchronous first try, if it has one (``ArgumentLayout/answerNow(_:)``).
    package var attempt: SynchronousAttempt? { storage.attempt }

    /// Runs the command (asynchronously, whatever its handler).
    public var run: @Sendable (Invocation) async throws -> Value {
        switch storage.handler {
        case .sync(let body): return { try body($0) }
        case .async(let body): return body
        }
    }

    /// A command whose handler reads its arguments by name (`call.text("NAME")`), each name
    /// looked up when it is read.
    public init(
        _ name: String, summary: String, parameters: [Parameter] = [], options: [OptionSpec] = [],
        details: String = "", run: @escaping @Sendable (Invocation) async throws -> Value
    ) {
        storage = CommandSpecStorage(
            name: name, summary: summary, parameters: parameters, options: options, details: details, handler: .async(run))
    }

    /// A command whose handler reads its arguments by position: `handler` asks `ArgumentLayout`
    /// for each parameter and option once, when the command is made, and returns what runs it.
    /// A handler that disagrees with the declared parameters and options stops the program
    /// here, naming the command (`checked(named:…)`
    /// reports it as an error instead).
    public init(
        named name: String, summary: String, parameters: [Parameter] = [], options: [OptionSpec] = [],
        details: String = "", handler: (ArgumentLayout) throws -> CommandHandler
    ) {
        do {
            self = try Self.checked(
                named: name, summary: summary, parameters: parameters, options: options, details: details, handler: handler)
        } catch {
            preconditionFailure("\(error)")
        }
    }

    /// As ``init(named:summary:parameters:options:details:handler:)``, but a disagreement
    /// between the handler and the declared parameters and options is thrown.
    package static func checked(
        named name: String, summary: String, parameters: [Parameter] = [], options: [OptionSpec] = [],
        details: String = "", handler: (ArgumentLayout) throws -> CommandHandler
    ) throws -> CommandSpec {
        let layout = ArgumentLayout(command: name, parameters: parameters, options: options)
        let body = try handler(layout)
        let unread = layout.unread()
        guard unread.isEmpty else {
            throw CommandSpecMismatch(command: name, problem: "never reads \(unread.joined(separator: ", ")), which it declares")
        }
        return CommandSpec(
            storage: CommandSpecStorage(
                name: name, summary: summary, parameters: parameters, options: options, details: details, handler: body,
                attempt: layout.attempt))
    }

    private init(storage: CommandSpecStorage) { self.storage = storage }

    /// How many positional parameters must be given (not counting a `.command` one).
    var requiredParameterCount: Int { storage.requiredParameterCount }
    /// The name of a required `.command` parameter, if there is one.
    var requiredCommandParameter: String? { storage.requiredCommandParameter }
    /// Whether any option is required.
    var hasRequiredOptions: Bool { storage.hasRequiredOptions }
    /// Whether the last parameter is variadic.
    var isVariadic: Bool { storage.isVariadic }
    /// The slot of the first option in a bound ``Invocation``; the parameters' come before it.
    var firstOptionSlot: Int { storage.firstOptionSlot }

    /// Parameters have a slot each, in order, but a variadic one (its words are
    /// ``Invocation/rest``); options follow.
    static func firstOptionSlot(_ parameters: [Parameter]) -> Int {
        parameters.last?.isVariadic == true ? parameters.count - 1 : parameters.count
    }

    /// `key create NAME --expires DURATION|INSTANT|never --grants G1,G2`
    public var usage: String {
        var parts = [name]
        for p in parameters {
            var text = p.name
            if p.isVariadic { text += "..." }
            if case .keyword(let word) = p.kind { text = word }
            parts.append(p.isOptional ? "[\(text)]" : text)
        }
        for o in options {
            let text = o.valueName.map { "--\(o.name) \($0)" } ?? "--\(o.name)"
            parts.append(o.isRequired ? text : "[\(text)]")
        }
        return parts.joined(separator: " ")
    }

    /// The group word of a two-word command (`key` for `key create`), or nil.
    public var group: String? {
        guard let space = name.firstIndex(of: " ") else { return nil }
        return String(name[..<space])
    }
}

/// A command's declaration and handler, shared by every copy of its ``CommandSpec``, with
/// what binding needs worked out once.
private final class CommandSpecStorage: Sendable {
    let name: String
    let summary: String
    let parameters: [Parameter]
    let options: [OptionSpec]
    let details: String
    let handler: CommandHandler
    let attempt: SynchronousAttempt?
    let requiredParameterCount: Int
    let requiredCommandParameter: String?
    let hasRequiredOptions: Bool
    let isVariadic: Bool
    let firstOptionSlot: Int

    init(
        name: String, summary: String, parameters: [Parameter], options: [OptionSpec], details: String, handler: CommandHandler,
        attempt: SynchronousAttempt? = nil
    ) {
        self.name = name
        self.summary = summary
        self.parameters = parameters
        self.options = options
        self.details = details
        self.handler = handler
        self.attempt = attempt
        requiredParameterCount = parameters.count { !$0.isOptional && $0.kind != .command }
        requiredCommandParameter = parameters.first { $0.kind == .command && !$0.isOptional }?.name
        hasRequiredOptions = options.contains(where: \.isRequired)
        isVariadic = parameters.last?.isVariadic == true
        firstOptionSlot = CommandSpec.firstOptionSlot(parameters)
    }
}
