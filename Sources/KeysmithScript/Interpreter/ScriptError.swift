import KeysmithCore
import KeysmithSyntax

/// A command that failed while a script ran: where, what was wrong, and for argument
/// mistakes the command's usage. Renders as `file:line:column: error: message`, the message
/// shown safely: the user's input it quotes (`unknown user "…"`) has its control characters
/// escaped and anything shaped like a secret cut to `ksk_…`.
public struct ScriptError: Error, Sendable, CustomStringConvertible {
    /// A message not yet tied to a place.
    public struct Problem: Error, Sendable {
        public let message: String
        public let usage: String?
        public init(_ message: String, usage: String? = nil) {
            self.message = message
            self.usage = usage
        }
    }

    public let location: SourceLocation
    public let message: String
    public let usage: String?

    public init(_ message: String, at location: SourceLocation, usage: String? = nil) {
        self.location = location
        self.message = message
        self.usage = usage
    }

    public var description: String {
        var text = "\(location): error: \(PrintableText.shown(message))"
        if let usage { text += "\nusage: \(usage)" }
        return text
    }
}

/// Raised between commands when the user pressed Ctrl-C during a long command.
public struct ScriptInterrupted: Error, Sendable {}
