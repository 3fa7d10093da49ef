/// Why a script could not be parsed, where, and the source line to show.
///
/// Parsing stops at the first error. `description` renders it like a
/// compiler finding, the line indented by four spaces and a caret under the
/// column:
///
/// ```
/// demo.ks:3:12: error: unclosed double quote
///     key create "oops --expires 30d
///                ^
/// ```
public struct SyntaxError: Error, Hashable, CustomStringConvertible {
    /// What went wrong, with what is needed to say so.
    public enum Reason: Hashable, Sendable {
        /// A `"` with no closing `"`; located at the opening quote.
        case unclosedDoubleQuote
        /// A `'` with no closing `'`; located at the opening quote.
        case unclosedSingleQuote
        /// A `{` with no closing `}`; located at the `{`.
        case unclosedBrace
        /// A `}` starting a word with no block open.
        case unexpectedCloseBrace
        /// `"a"b`: something other than a blank, `;`, a newline or `}`
        /// right after a closing quote; located at that character.
        case extraCharactersAfterCloseQuote
        /// `{a}b`: the same right after a block's closing brace.
        case extraCharactersAfterCloseBrace
        /// A backslash in double quotes followed by something other than
        /// `"` `\` `n` `t` `$` or a newline; located at the backslash.
        case unknownEscape(Unicode.Scalar)
        /// A backslash-newline (or a backslash) with nothing after it but
        /// blanks: it continues the command past the end of the script.
        case continuationAtEndOfScript
        /// Blocks nested deeper than `limit`; located at the `{` too deep.
        case blocksNestedTooDeeply(limit: Int)

        /// The message, lower-case and without a trailing period.
        public var message: String {
            switch self {
            case .unclosedDoubleQuote:
                return "unclosed double quote"
            case .unclosedSingleQuote:
                return "unclosed single quote"
            case .unclosedBrace:
                return "unclosed brace"
            case .unexpectedCloseBrace:
                return "unexpected `}`"
            case .extraCharactersAfterCloseQuote:
                return "extra characters after close-quote"
            case .extraCharactersAfterCloseBrace:
                return "extra characters after close-brace"
            case .unknownEscape(let scalar):
                return "unknown escape `\\\(scalar)` in double quotes;"
                    + " write `\\\\` for a backslash, or use single quotes for literal text"
            case .continuationAtEndOfScript:
                return "line continuation at end of script"
            case .blocksNestedTooDeeply(let limit):
                return "blocks nested more than \(limit) deep"
            }
        }
    }

    public let reason: Reason
    public let location: SourceLocation
    public let message: String
    /// The text of the line holding `location`, without its line ending,
    /// kept so the error renders without the source at hand.
    public let sourceLine: String?

    public init(_ reason: Reason, at location: SourceLocation, sourceLine: String?) {
        self.reason = reason
        self.location = location
        self.message = reason.message
        self.sourceLine = sourceLine
    }

    /// True when the text may just be unfinished — an unclosed quote or
    /// brace, or a trailing backslash — so a REPL should read another line
    /// (with a continuation prompt) rather than report the error.
    public var isIncomplete: Bool {
        switch reason {
        case .unclosedDoubleQuote, .unclosedSingleQuote, .unclosedBrace, .continuationAtEndOfScript:
            return true
        case .unexpectedCloseBrace, .extraCharactersAfterCloseQuote, .extraCharactersAfterCloseBrace,
            .unknownEscape, .blocksNestedTooDeeply:
            return false
        }
    }

    public var description: String {
        Self.render(location: location, message: message, line: sourceLine)
    }

    /// The error rendered with the line taken from `source` (falling back to
    /// the stored line when `source` has no such line).
    public func rendered(in source: SourceFile) -> String {
        Self.render(location: location, message: message, line: source.line(location.line).map(String.init) ?? sourceLine)
    }

    /// `file:line:column: error: message`, then the line and a caret under
    /// the column, both indented by four spaces. The caret line copies the
    /// line's tabs so the caret stays aligned in a terminal.
    static func render(location: SourceLocation, message: String, line: String?) -> String {
        var text = "\(location): error: \(message)"
        guard let line else { return text }
        text += "\n    \(line)\n    "
        var column = 1
        for scalar in line.unicodeScalars where column < location.column {
            text += scalar == "\t" ? "\t" : " "
            column += 1
        }
        while column < location.column {
            text += " "
            column += 1
        }
        text += "^"
        return text
    }
}
