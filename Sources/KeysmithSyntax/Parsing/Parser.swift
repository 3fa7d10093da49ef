/// Turns KeyScript text into a `Script`, all of it before anything runs.
///
/// ```swift
/// let script = try Parser.parse(SourceFile(name: "demo.ks", text: "clock advance 30d"))
/// script.commands[0].words.map(\.literal)  // ["clock", "advance", "30d"]
/// ```
///
/// The grammar, Tcl-like:
/// - Commands are separated by newlines or `;`. A `#` where a command would
///   begin starts a comment that runs to the end of the line (a backslash
///   does not continue it); elsewhere `#` is an ordinary character.
/// - Words are separated by blanks (spaces, tabs, a stray `\r`). A backslash
///   right before a newline is a blank too, so it continues the command.
///   Anywhere else in a bare word a backslash is an ordinary character.
/// - A word is bare, `"double quoted"`, `'single quoted'` or a `{ block }`.
///   Quotes and `{` only open where a word begins, and a `}` only closes a
///   block where a word begins (right after a closing quote counts).
/// - `$name` and `$name.field` are substituted in bare and double-quoted
///   words; a `$` not followed by `[A-Za-z_]` is literal, and so is a `.`
///   not followed by one (`$file.` is `file` then `.`; `$a.b.c` is `a.b`
///   then `.c`).
/// - `\r\n` reads as `\n` everywhere, inside quotes too.
public enum Parser {
    /// How deeply blocks may nest; deeper is a syntax error, not a crash.
    public static let maximumBlockDepth = 256

    /// Parses the whole of `source`, or throws its first syntax error.
    public static func parse(_ source: SourceFile) throws(SyntaxError) -> Script {
        var parser = ParserState(source)
        return try parser.parseScript(openBrace: nil, depth: 0)
    }
}

/// The lexer and parser in one pass over the script's UTF-8 bytes: offsets
/// into one array, a `String` built once per word or part, line and column
/// counted incrementally as words are met in order.
struct ParserState {
    let bytes: [UInt8]
    let fileName: String
    var position = 0

    /// Where the last located word started, and its line and column.
    var locatedOffset = 0
    var locatedLine = 1
    var locatedColumn = 1

    /// Reused to assemble text whose bytes are not contiguous in the source
    /// (double-quoted text with escapes).
    var scratch: [UInt8] = []

    init(_ source: SourceFile) {
        fileName = source.name
        bytes = Self.bytesWithLineFeeds(source.text)
    }

    /// The text's UTF-8 with each `\r\n` turned into `\n`.
    static func bytesWithLineFeeds(_ text: String) -> [UInt8] {
        guard text.utf8.contains(ASCII.carriageReturn) else { return Array(text.utf8) }
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if byte == ASCII.newline, result.last == ASCII.carriageReturn {
                result[result.count - 1] = ASCII.newline
            } else {
                result.append(byte)
            }
        }
        return result
    }

    // MARK: - Scripts and commands

    /// Parses commands up to the end of the text or, inside a block (when
    /// `openBrace` is the offset of its `{`), up to and past its `}`.
    mutating func parseScript(openBrace: Int?, depth: Int) throws(SyntaxError) -> Script {
        var commands: [Command] = []
        while true {
            try skipToCommandStart()
            guard position < bytes.count else {
                if let openBrace {
                    throw error(.unclosedBrace, at: openBrace)
                }
                return Script(commands: commands)
            }
            switch bytes[position] {
            case ASCII.hash:
                while position < bytes.count, bytes[position] != ASCII.newline { position += 1 }
            case ASCII.closeBrace:
                guard openBrace != nil else { throw error(.unexpectedCloseBrace, at: position) }
                position += 1
                return Script(commands: commands)
            default:
                commands.append(try parseCommand(depth: depth))
            }
        }
    }

    /// Skips blanks, separators and continuations between commands.
    mutating func skipToCommandStart() throws(SyntaxError) {
        while position < bytes.count {
            let byte = bytes[position]
            if byte.isBlank || byte.isCommandSeparator {
                position += 1
            } else if byte == ASCII.backslash, try skipContinuation() {
                continue
            } else {
                return
            }
        }
    }

    /// At a backslash: skips it when it continues the line, with the newline
    /// and the next line's indentation. A continuation with nothing after it
    /// is an error, so a REPL knows to ask for another line.
    mutating func skipContinuation() throws(SyntaxError) -> Bool {
        let backslash = position
        guard backslash + 1 < bytes.count else { throw error(.continuationAtEndOfScript, at: backslash) }
        guard bytes[backslash + 1] == ASCII.newline else { return false }
        position += 2
        while position < bytes.count, bytes[position].isBlank { position += 1 }
        guard position < bytes.count else { throw error(.continuationAtEndOfScript, at: backslash) }
        return true
    }

    /// Parses the words of one command, leaving `position` at what ended it
    /// (a separator, a `}`, or the end).
    mutating func parseCommand(depth: Int) throws(SyntaxError) -> Command {
        let start = position
        var words: [Word] = []
        var end = start
        var continuations: [Range<Int>] = []
        while true {
            words.append(try parseWord(depth: depth))
            end = position
            var continued = false
            while position < bytes.count {
                if bytes[position].isBlank {
                    position += 1
                } else if bytes[position] == ASCII.backslash, try skipContinuation() {
                    continued = true
                } else {
                    break
                }
            }
            if position == bytes.count || bytes[position].isCommandSeparator || bytes[position] == ASCII.closeBrace {
                break
            }
            if continued { continuations.append(end..<position) }
        }
        return Command(
            words: words, location: words[0].location,
            sourceText: text(start..<end, joining: continuations))
    }

    /// The source text in `range`, each of `gaps` replaced by one space.
    func text(_ range: Range<Int>, joining gaps: [Range<Int>]) -> String {
        guard !gaps.isEmpty else { return text(range) }
        var joined: [UInt8] = []
        joined.reserveCapacity(range.count)
        var from = range.lowerBound
        for gap in gaps {
            joined += bytes[from..<gap.lowerBound]
            joined.append(ASCII.space)
            from = gap.upperBound
        }
        joined += bytes[from..<range.upperBound]
        return String(decoding: joined, as: UTF8.self)
    }

    func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    // MARK: - Locations and errors

    /// The location of `offset`, counted on from the last one asked for;
    /// words are located in order, so the whole script is counted once.
    mutating func location(at offset: Int) -> SourceLocation {
        if offset < locatedOffset {
            (locatedOffset, locatedLine, locatedColumn) = (0, 1, 1)
        }
        while locatedOffset < offset {
            let byte = bytes[locatedOffset]
            if byte == ASCII.newline {
                locatedLine += 1
                locatedColumn = 1
            } else if byte.startsScalar {
                locatedColumn += 1
            }
            locatedOffset += 1
        }
        return SourceLocation(file: fileName, line: locatedLine, column: locatedColumn)
    }

    /// An error at `offset`, with the line around it for the caret display.
    mutating func error(_ reason: SyntaxError.Reason, at offset: Int) -> SyntaxError {
        var lineStart = min(offset, bytes.count)
        while lineStart > 0, bytes[lineStart - 1] != ASCII.newline { lineStart -= 1 }
        var lineEnd = min(offset, bytes.count)
        while lineEnd < bytes.count, bytes[lineEnd] != ASCII.newline { lineEnd += 1 }
        return SyntaxError(reason, at: location(at: offset), sourceLine: text(lineStart..<lineEnd))
    }
}
