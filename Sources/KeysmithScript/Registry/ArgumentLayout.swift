/// Where a command's arguments are once bound: each parameter and option has a position,
/// resolved from its name when the command is made, so a handler reads its arguments by
/// position and no name is looked up while a script runs.
///
/// A command made with ``CommandSpec/init(named:summary:parameters:options:details:handler:)``
/// asks for its arguments here before it returns its handler; asking for a name the command
/// does not declare, as the wrong kind, or declaring one it never asks for is a
/// ``CommandSpecMismatch``, found when the command is made (registered), not when it runs.
///
/// ```swift
/// CommandSpec(named: "greet", summary: "greets", parameters: [Parameter("USER", .userName)]) { args in
///     let user = try args.parameter("USER")
///     return .sync { call in .string("hello, \(try call.text(user))") }
/// }
/// ```
public final class ArgumentLayout {
    let command: String
    let parameters: [Parameter]
    let options: [OptionSpec]
    /// Whether the handler asked for each parameter, then each option.
    private var claimed: [Bool]
    /// The slot of the first option: after the parameters, a variadic one excepted (its words
    /// are ``Invocation/rest``).
    var firstOptionSlot: Int { CommandSpec.firstOptionSlot(parameters) }

    init(command: String, parameters: [Parameter], options: [OptionSpec]) {
        self.command = command
        self.parameters = parameters
        self.options = options
        claimed =
            parameters.map {
                if case .keyword = $0.kind { return true }  // the `=` of `let` is checked when bound
                return false
            } + options.map { _ in false }
    }

    /// The positional parameter `name` (not a variadic, block or command one).
    public func parameter(_ name: String) throws(CommandSpecMismatch) -> ArgumentSlot {
        let index = try parameterIndex(name)
        let parameter = parameters[index]
        if parameter.isVariadic { throw mismatch("reads \(name) as one argument, but it is variadic: use rest(_:)") }
        if parameter.kind == .command { throw mismatch("reads \(name) as an argument, but it is a command: use command(_:)") }
        claimed[index] = true
        return ArgumentSlot(index: index, name: name, isOption: false)
    }

    /// The `{ ... }` block parameter `name`.
    public func block(_ name: String) throws(CommandSpecMismatch) -> ArgumentSlot {
        let index = try parameterIndex(name)
        guard parameters[index].kind == .block else { throw mismatch("reads \(name) as a block, but it is not one") }
        claimed[index] = true
        return ArgumentSlot(index: index, name: name, isOption: false)
    }

    /// The variadic parameter `name` (the last one): its words are ``Invocation/rest``.
    public func rest(_ name: String) throws(CommandSpecMismatch) {
        let index = try parameterIndex(name)
        guard parameters[index].isVariadic else { throw mismatch("reads \(name) as variadic, but it takes one word") }
        claimed[index] = true
    }

    /// The `.command` parameter `name`: its words reach the handler unevaluated (`let`, `expect`).
    public func command(_ name: String) throws(CommandSpecMismatch) {
        let index = try parameterIndex(name)
        guard parameters[index].kind == .command else { throw mismatch("reads \(name) as a command, but it is not one") }
        claimed[index] = true
    }

    /// The option `--name VALUE`.
    public func option(_ name: String) throws(CommandSpecMismatch) -> ArgumentSlot {
        let index = try optionIndex(name)
        if options[index].isFlag { throw mismatch("reads --\(name) as an option with a value, but it is a flag: use flag(_:)") }
        claimed[parameters.count + index] = true
        return ArgumentSlot(index: firstOptionSlot + index, name: name, isOption: true)
    }

    /// The flag `--name`.
    public func flag(_ name: String) throws(CommandSpecMismatch) -> FlagSlot {
        let index = try optionIndex(name)
        guard options[index].isFlag else { throw mismatch("reads --\(name) as a flag, but it takes a value: use option(_:)") }
        claimed[parameters.count + index] = true
        return FlagSlot(index: firstOptionSlot + index)
    }

    /// What runs an `async` handler's command without suspending when it can (``answerNow(_:)``).
    private(set) var attempt: SynchronousAttempt?

    /// Gives an `async` handler a synchronous first try: the interpreter calls `attempt` and
    /// awaits the handler only when it answers nil (a store that cannot answer without
    /// suspending). `attempt` answers nil before it has done anything the handler would do
    /// again: no output, no change, no draw of randomness.
    package func answerNow(_ attempt: @escaping SynchronousAttempt) { self.attempt = attempt }

    /// Every parameter and option the command declares but its handler never asked for.
    func unread() -> [String] {
        claimed.indices.filter { !claimed[$0] }.map {
            $0 < parameters.count ? parameters[$0].name : "--" + options[$0 - parameters.count].name
        }
    }

    private func parameterIndex(_ name: String) throws(CommandSpecMismatch) -> Int {
        guard let index = parameters.firstIndex(where: { $0.name == name }) else {
            let known = parameters.isEmpty ? "none" : parameters.map(\.name).joined(separator: ", ")
            throw mismatch("reads the parameter \(name), which it does not declare (its parameters: \(known))")
        }
        return index
    }

    private func optionIndex(_ name: String) throws(CommandSpecMismatch) -> Int {
        guard let index = options.firstIndex(where: { $0.name == name }) else {
            let known = options.isEmpty ? "none" : options.map { "--" + $0.name }.joined(separator: ", ")
            throw mismatch("reads the option --\(name), which it does not declare (its options: \(known))")
        }
        return index
    }

    private func mismatch(_ problem: String) -> CommandSpecMismatch {
        CommandSpecMismatch(command: command, problem: problem)
    }
}

/// The position of one parameter or option in a bound ``Invocation``, resolved when the command
/// was made.
public struct ArgumentSlot: Sendable, Hashable {
    let index: Int
    /// The parameter's name (`NAME`) or the option's (`grants`, without dashes).
    public let name: String
    let isOption: Bool

    /// How errors name it: `NAME`, or `--grants`.
    var shownName: String { isOption ? "--" + name : name }
}

/// The position of a flag (`--admin`) in a bound ``Invocation``.
public struct FlagSlot: Sendable, Hashable {
    let index: Int
}

/// A command's handler and its declared parameters and options disagree: it reads one the
/// command does not declare, reads one as the wrong kind, or never reads one it declares.
public struct CommandSpecMismatch: Error, Sendable, Hashable, CustomStringConvertible {
    /// The command's name.
    public let command: String
    /// What disagrees, as a phrase that follows the command's name (`reads the option
    /// --grants, which it does not declare (its options: none)`).
    public let problem: String

    /// `command `NAME` PROBLEM`.
    public var description: String { "command `\(command)` \(problem)" }
}

/// A command's synchronous first try (``ArgumentLayout/answerNow(_:)``): its value, or nil
/// when the command must be awaited.
package typealias SynchronousAttempt = @Sendable (Invocation) throws -> Value?

/// What runs a command: synchronously when it never waits (no store call), or `async`.
/// The interpreter calls a synchronous handler without an async frame.
/// Frozen: these are all the cases there will be, so a switch may list them without a default.
public enum CommandHandler: Sendable {
    case sync(@Sendable (Invocation) throws -> Value)
    case async(@Sendable (Invocation) async throws -> Value)
}
