import KeysmithSyntax

/// What an argument is, so that argument checking, help and tab completion all know it
/// from one place.
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
    public let kind: ArgumentKind
    public let isOptional: Bool
    /// Takes all remaining words (`echo WORDS...`).
    public let isVariadic: Bool

    public init(_ name: String, _ kind: ArgumentKind, optional: Bool = false, variadic: Bool = false) {
        self.name = name
        self.kind = kind
        self.isOptional = optional
        self.isVariadic = variadic
    }
}

/// An option of a command: `--name VALUE`, or a flag `--name` when `valueName` is nil.
public struct OptionSpec: Sendable, Hashable {
    public let name: String
    public let valueName: String?
    public let kind: ArgumentKind
    public let isRequired: Bool
    public let help: String

    public init(_ name: String, value valueName: String?, _ kind: ArgumentKind, required: Bool = false, help: String) {
        self.name = name
        self.valueName = valueName
        self.kind = kind
        self.isRequired = required
        self.help = help
    }

    public var isFlag: Bool { valueName == nil }
}

/// One command of the language: its name, arguments, usage, help and behaviour. The
/// ``CommandRegistry`` holds them all; help, completion and argument errors read from here.
public struct CommandSpec: Sendable {
    /// `key create`, `check`, `help`…: one word, or a group and a subcommand.
    public let name: String
    /// One line for `help`.
    public let summary: String
    public let parameters: [Parameter]
    public let options: [OptionSpec]
    /// Longer help for `help COMMAND`: rules, examples.
    public let details: String
    public let run: @Sendable (Invocation) async throws -> Value

    public init(
        _ name: String, summary: String, parameters: [Parameter] = [], options: [OptionSpec] = [],
        details: String = "", run: @escaping @Sendable (Invocation) async throws -> Value
    ) {
        self.name = name
        self.summary = summary
        self.parameters = parameters
        self.options = options
        self.details = details
        self.run = run
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
