/// Turns KeyScript text into a `Script`, all of it before anything runs.
///
/// ```swift
/// let script = try Parser.parse(SourceFile(name: "demo.ks", text: "clock advance 30d"))
/// script.commands[0].words.map(\.literal)  // ["clock", "advance", "30d"]
/// ```
///
/// The grammar, Tcl-like:
/// - Commands are separated by newlines or `;`. A `#` where a word would
///   begin (at a command's start or after a blank), outside quotes, starts a
///   comment that runs to the end of the line (a backslash does not continue
///   it, and a `}` in it closes nothing); inside a word (`a#b`) `#` is an
///   ordinary character.
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
package enum Parser {
    /// How deeply blocks may nest; deeper is a syntax error, not a crash.
    package static let maximumBlockDepth = 256

    /// Parses the whole of `source`, or throws its first syntax error.
    package static func parse(_ source: SourceFile) throws(SyntaxError) -> Script {
        if let invalid = source.invalidUTF8 {
            let location = SourceLocation(file: source.name, line: invalid.line, column: invalid.column)
            throw SyntaxError(
                .invalidUTF8(byte: invalid.byte, offset: invalid.offset), at: location,
                excerpt: source.line(invalid.line).map { SourceExcerpt(line: $0, column: invalid.column) })
        }
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

    /// The last `}` skipped inside a comment, if any.
    var closeBraceInComment: Int?

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
                    if let swallowed = closeBraceInComment, swallowed > openBrace {
                        throw error(.closeBraceInComment, at: swallowed)
                    }
                    throw error(.unclosedBrace, at: openBrace)
                }
                return Script(commands: commands)
            }
            switch bytes[position] {
            case ASCII.hash:
                skipComment()
            case ASCII.closeBrace:
                guard openBrace != nil else { throw error(.unexpectedCloseBrace, at: position) }
                position += 1
                return Script(commands: commands)
            default:
                commands.append(try parseCommand(depth: depth))
            }
        }
    }

    /// At a `#` that starts a comment: skips to the end of its line (the
    /// newline itself still ends the command). Notes a `}` inside it, so an
    /// unclosed block can say where its `}` went.
    mutating func skipComment() {
        while position < bytes.count, bytes[position] != ASCII.newline {
            if bytes[position] == ASCII.closeBrace { closeBraceInComment = position }
            position += 1
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
            // A `#` after a blank begins a comment; one right after a word is
            // part of it (`a#b`) or, after a quote or block, an error.
            if position > end, position < bytes.count, bytes[position] == ASCII.hash {
                skipComment()
                break
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

    /// An error at `offset`, with the part of its line around it for the
    /// caret display (a window of bytes, so a huge line costs no more).
    mutating func error(_ reason: SyntaxError.Reason, at offset: Int) -> SyntaxError {
        let offset = min(offset, bytes.count)
        let location = location(at: offset)
        // Enough bytes either side for the excerpt's width even in 4-byte characters.
        let reach = 4 * SourceExcerpt.width + 4
        var lineStart = offset
        while lineStart > 0, offset - lineStart < reach, bytes[lineStart - 1] != ASCII.newline { lineStart -= 1 }
        let cutBefore = lineStart > 0 && bytes[lineStart - 1] != ASCII.newline
        while lineStart < offset, !bytes[lineStart].startsScalar { lineStart += 1 }
        var lineEnd = offset
        while lineEnd < bytes.count, lineEnd - offset < reach, bytes[lineEnd] != ASCII.newline { lineEnd += 1 }
        let cutAfter = lineEnd < bytes.count && bytes[lineEnd] != ASCII.newline
        while lineEnd > offset, lineEnd < bytes.count, !bytes[lineEnd].startsScalar { lineEnd -= 1 }
        var column = 1
        for index in lineStart..<offset where bytes[index].startsScalar { column += 1 }
        let excerpt = SourceExcerpt(line: Substring(text(lineStart..<lineEnd)), column: column, cutBefore: cutBefore, cutAfter: cutAfter)
        return SyntaxError(reason, at: location, excerpt: excerpt)
    }
}
