import KeysmithCore
import KeysmithSyntax

/// All commands a session knows, looked up by their first one or two words. Help, argument
/// errors with "did you mean", and the REPL's completion all read from this one table.
/// Programs that embed keysmith add their own with ``register(_:)``.
public struct CommandRegistry {
    /// Every command, by its full name (`key create`).
    public private(set) var commands: [String: CommandSpec] = [:]
    /// Group word → subcommand word → full name (`key` → `create` → `key create`).
    public private(set) var groups: [String: [String: String]] = [:]
    /// First word → the command it names and, for a group, its subcommands by second word:
    /// what ``resolve(first:second:)`` reads, one lookup a word.
    private var byFirstWord: [String: FirstWord] = [:]

    private struct FirstWord {
        var command: CommandSpec?
        var subcommands: [String: CommandSpec] = [:]
    }

    /// A registry with no commands at all (``standard`` holds keysmith's own).
    public init() {}

    /// Adds (or replaces) a command.
    public mutating func register(_ spec: CommandSpec) {
        commands[spec.name] = spec
        if let group = spec.group {
            let word = String(spec.name.dropFirst(group.count + 1))
            groups[group, default: [:]][word] = spec.name
            byFirstWord[group, default: FirstWord()].subcommands[word] = spec
        } else {
            byFirstWord[spec.name, default: FirstWord()].command = spec
        }
    }

    /// Every command name, sorted.
    public var names: [String] { commands.keys.sorted() }

    /// Words that may start a command: single commands and group names, sorted.
    package var firstWords: [String] {
        Set(commands.keys.map { $0.split(separator: " ").first.map(String.init) ?? $0 }).sorted()
    }

    /// Subcommand words of a group, sorted.
    package func subcommands(of group: String) -> [String] { (groups[group] ?? [:]).keys.sorted() }

    /// The command the words start with and how many words name it, or an error that says
    /// what would be right.
    func resolve(first: String, second: String?) -> Result<(CommandSpec, Int), ScriptError.Problem> {
        if let entry = byFirstWord[first] {
            let group = entry.subcommands
            if group.isEmpty, let spec = entry.command { return .success((spec, 1)) }
            if let second, let spec = group[second] { return .success((spec, 2)) }
            if let spec = entry.command { return .success((spec, 1)) }
            let choices = group.keys.sorted()
            guard let second else {
                return .failure(.init("\(first) needs a subcommand: \(choices.joined(separator: ", "))"))
            }
            let hint = Suggestions.closest(to: second, in: choices).map { " (did you mean `\(first) \($0)`?)" } ?? ""
            return .failure(.init("unknown command `\(first) \(second)`\(hint); \(first) has \(choices.joined(separator: ", "))"))
        }
        let hint = Suggestions.closest(to: first, in: firstWords).map { " (did you mean `\($0)`?)" } ?? ""
        return .failure(.init("unknown command `\(first)`\(hint); type `help` for the list of commands"))
    }
}
