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
    package enum Reason: Hashable, Sendable {
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
        /// A block left open because its `}` sits in a `#` comment, which runs
        /// to the end of the line; located at that `}`.
        case closeBraceInComment
        /// Bytes that are not UTF-8 text: `byte` at the 0-based byte `offset`
        /// of the file (before any `\r\n` is read as `\n`).
        case invalidUTF8(byte: UInt8, offset: Int)

        /// The message, lower-case and without a trailing period.
        package var message: String {
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
                return "unknown escape `\\\(SourceExcerpt.display(scalar))` in double quotes;"
                    + " write `\\\\` for a backslash, or use single quotes for literal text"
            case .continuationAtEndOfScript:
                return "line continuation at end of script"
            case .blocksNestedTooDeeply(let limit):
                return "blocks nested more than \(limit) deep"
            case .closeBraceInComment:
                return "unclosed brace: this `}` is inside a comment, which runs to the end of the line;"
                    + " put the `}` on a line of its own or end the comment with a newline"
            case .invalidUTF8(let byte, let offset):
                return "invalid UTF-8: byte \(hex(byte)) at byte offset \(offset) is not part of a UTF-8 character;"
                    + " save the script as UTF-8 text"
            }
        }
    }

    package let reason: Reason
    /// Where the problem is: file, 1-based line and column.
    public let location: SourceLocation
    /// What is wrong, in plain words, sometimes with how to fix it; without the location.
    public let message: String
    /// The part of the line holding `location` shown under the message (the whole line when
    /// it is short), kept so the error renders without the source at hand.
    package let excerpt: SourceExcerpt?

    /// The text of the line holding `location`, without its line ending; for a line longer
    /// than the excerpt's width only the part around the column.
    package var sourceLine: String? { excerpt?.text }

    package init(_ reason: Reason, at location: SourceLocation, sourceLine: String?) {
        self.init(reason, at: location, excerpt: sourceLine.map { SourceExcerpt(line: $0, column: location.column) })
    }

    package init(_ reason: Reason, at location: SourceLocation, excerpt: SourceExcerpt?) {
        self.reason = reason
        self.location = location
        self.message = reason.message
        self.excerpt = excerpt
    }

    /// True when the text may just be unfinished — an unclosed quote or
    /// brace, or a trailing backslash — so a REPL should read another line
    /// (with a continuation prompt) rather than report the error.
    package var isIncomplete: Bool {
        switch reason {
        case .unclosedDoubleQuote, .unclosedSingleQuote, .unclosedBrace, .continuationAtEndOfScript:
            return true
        case .unexpectedCloseBrace, .extraCharactersAfterCloseQuote, .extraCharactersAfterCloseBrace,
            .unknownEscape, .blocksNestedTooDeeply, .closeBraceInComment, .invalidUTF8:
            return false
        }
    }

    /// `file:line:column: error: message`, then, when the error kept its line, the line and a caret under the column, each indented four spaces.
    public var description: String {
        Self.render(location: location, message: message, excerpt: excerpt)
    }

    /// The error rendered with its line (taken from `source` when the error
    /// has none of its own).
    public func rendered(in source: SourceFile) -> String {
        Self.render(
            location: location, message: message,
            excerpt: excerpt ?? source.line(location.line).map { SourceExcerpt(line: $0, column: location.column) })
    }

    /// `file:line:column: error: message`, then the line (cut to a readable
    /// width, unsafe characters escaped) and a caret under the column, both
    /// indented by four spaces.
    static func render(location: SourceLocation, message: String, excerpt: SourceExcerpt?) -> String {
        let head = "\(location): error: \(message)"
        guard let excerpt else { return head }
        let (line, caret) = excerpt.rendered
        return head + "\n    " + line + "\n    " + caret
    }
}

/// `0x1F`: a byte in hexadecimal, two digits.
func hex(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16, uppercase: true)
    return "0x" + (digits.count == 1 ? "0" + digits : digits)
}
