import KeysmithCore
import KeysmithStore
import KeysmithSyntax

/// A command that failed while a script ran: where, what was wrong, and for argument
/// mistakes the command's usage. Renders as `file:line:column: error: message`, the message
/// shown safely: the user's input it quotes (`unknown user "…"`) has its control characters
/// escaped and anything shaped like a secret cut to `ksk_…`.
public struct ScriptError: Error, Sendable, CustomStringConvertible {
    /// A message not yet tied to a place.
    public struct Problem: Error, Sendable {
        /// What was wrong, in words.
        public let message: String
        /// The command's usage line, for a mistake in its arguments; nil otherwise.
        public let usage: String?
        /// A problem that, thrown from a command, becomes a ``ScriptError`` at that command
        /// (of kind ``ScriptError/Kind/badArguments`` when `usage` is given,
        /// ``ScriptError/Kind/malformedCommand`` when not).
        public init(_ message: String, usage: String? = nil) {
            self.message = message
            self.usage = usage
        }
    }

    /// What went wrong, as a case a program can switch on (the message says it in words).
    /// Not frozen: new cases may come in a later version, so a switch outside keysmith needs an
    /// `@unknown default` (`@nonexhaustive`; inside the package switches stay exhaustive).
    @nonexhaustive
    public enum Kind: Sendable {
        /// The command's words are not a command: empty, or starting with a block or a value.
        case malformedCommand
        /// No command has that name (the message suggests the closest one).
        case unknownCommand
        /// The words do not fit the command's parameters and options (``ScriptError/usage`` is set).
        case badArguments
        /// A `$name` or `$name.field` that does not exist.
        case unknownVariable
        /// The key model refused the request.
        case refused(KeysmithError)
        /// The store failed, is damaged, or is read-only.
        case store(StoreError)
        /// A command registered by the embedding program threw an error of its own, kept whole.
        case command(any Error)
    }

    /// What went wrong, as a case to switch on.
    public let kind: Kind
    /// Where the input that failed came from: the command's first word, or the bad argument.
    public let location: SourceLocation
    /// What went wrong, in words, unescaped (``description`` shows it escaped).
    public let message: String
    /// The failing command's usage line (as ``CommandSpec/usage``), for argument mistakes.
    public let usage: String?

    /// An error at `location`; without a `kind`, it is ``Kind/badArguments`` when `usage` is
    /// given and ``Kind/malformedCommand`` when not.
    public init(_ message: String, at location: SourceLocation, usage: String? = nil, kind: Kind? = nil) {
        self.location = location
        self.message = message
        self.usage = usage
        self.kind = kind ?? (usage == nil ? .malformedCommand : .badArguments)
    }

    /// `file:line:column: error: message`, the message escaped to printable text, then
    /// `usage: …` on a second line when there is a usage.
    public var description: String {
        var text = "\(location): error: \(PrintableText.shown(message))"
        if let usage { text += "\nusage: \(usage)" }
        return text
    }
}

/// Raised between commands when the user pressed Ctrl-C during a long command.
public struct ScriptInterrupted: Error, Sendable {}
