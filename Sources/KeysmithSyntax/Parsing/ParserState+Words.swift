extension ParserState {
    /// Parses the word starting at `position`, which is not a blank, a
    /// separator or a `}`.
    mutating func parseWord(depth: Int) throws(SyntaxError) -> Word {
        let start = position
        let location = location(at: start)
        switch bytes[start] {
        case ASCII.openBrace:
            return try parseBlock(at: location, depth: depth)
        case ASCII.doubleQuote:
            return try parseDoubleQuoted(at: location)
        case ASCII.singleQuote:
            return try parseSingleQuoted(at: location)
        default:
            return parseBare(at: location, insideBlock: depth > 0)
        }
    }

    // MARK: - Bare words

    /// A bare word runs to a blank, a separator, a continuation or the end;
    /// quotes and braces inside it are ordinary characters. Inside a block, as
    /// in Tcl, a `}` the word itself did not open ends the word and closes the
    /// block, so `repeat 2 {echo hi}` and `{check $s GET /documents/{id}}` work.
    mutating func parseBare(at location: SourceLocation, insideBlock: Bool) -> Word {
        let start = position
        var parts: [Word.Part] = []
        var textStart = start
        var braceBalance = 0
        scan: while position < bytes.count {
            switch bytes[position] {
            case ASCII.space, ASCII.tab, ASCII.carriageReturn, ASCII.newline, ASCII.semicolon:
                break scan
            case ASCII.backslash:
                // A continuation ends the word; the command loop skips it.
                if position + 1 == bytes.count || bytes[position + 1] == ASCII.newline { break scan }
            case ASCII.dollar:
                if position + 1 < bytes.count, bytes[position + 1].isIdentifierStart {
                    if textStart < position { parts.append(.text(text(textStart..<position))) }
                    parts.append(parseVariable())
                    textStart = position
                    continue scan
                }
            case ASCII.openBrace:
                braceBalance += 1
            case ASCII.closeBrace:
                if braceBalance == 0 && insideBlock && position > start { break scan }
                braceBalance -= 1
            default:
                break
            }
            position += 1
        }
        let sourceText: String
        if textStart == start {
            // No variables: the text is the word as written; build it once.
            sourceText = text(start..<position)
            parts.append(.text(sourceText))
        } else {
            if textStart < position { parts.append(.text(text(textStart..<position))) }
            sourceText = text(start..<position)
        }
        return Word(kind: .bare, parts: parts, location: location, sourceText: sourceText)
    }

    /// At a `$` followed by an identifier start: `$name` or `$name.field`.
    mutating func parseVariable() -> Word.Part {
        position += 1
        let nameStart = position
        while position < bytes.count, bytes[position].isIdentifierContinuation { position += 1 }
        let name = text(nameStart..<position)
        guard position + 1 < bytes.count, bytes[position] == ASCII.dot, bytes[position + 1].isIdentifierStart
        else { return .variable(name: name, field: nil) }
        position += 1
        let fieldStart = position
        while position < bytes.count, bytes[position].isIdentifierContinuation { position += 1 }
        return .variable(name: name, field: text(fieldStart..<position))
    }

    // MARK: - Quoted words

    /// `"..."`: escapes `\"` `\\` `\n` `\t` `\$`, backslash-newline (read as
    /// one space, eating the next line's indentation), raw newlines kept,
    /// `$name` and `$name.field` substituted.
    mutating func parseDoubleQuoted(at location: SourceLocation) throws(SyntaxError) -> Word {
        let start = position
        position += 1
        var parts: [Word.Part] = []
        scratch.removeAll(keepingCapacity: true)
        var textStart = position
        scan: while true {
            guard position < bytes.count else { throw error(.unclosedDoubleQuote, at: start) }
            switch bytes[position] {
            case ASCII.doubleQuote:
                scratch += bytes[textStart..<position]
                position += 1
                break scan
            case ASCII.backslash:
                scratch += bytes[textStart..<position]
                guard position + 1 < bytes.count else { throw error(.unclosedDoubleQuote, at: start) }
                switch bytes[position + 1] {
                case ASCII.doubleQuote, ASCII.backslash, ASCII.dollar:
                    scratch.append(bytes[position + 1])
                case UInt8(ascii: "n"):
                    scratch.append(ASCII.newline)
                case UInt8(ascii: "t"):
                    scratch.append(ASCII.tab)
                case ASCII.newline:
                    scratch.append(ASCII.space)
                    position += 2
                    while position < bytes.count, bytes[position] == ASCII.space || bytes[position] == ASCII.tab {
                        position += 1
                    }
                    textStart = position
                    continue scan
                default:
                    throw error(.unknownEscape(scalar(at: position + 1)), at: position)
                }
                position += 2
                textStart = position
            case ASCII.dollar:
                guard position + 1 < bytes.count, bytes[position + 1].isIdentifierStart else {
                    position += 1
                    continue scan
                }
                scratch += bytes[textStart..<position]
                flushScratch(into: &parts)
                parts.append(parseVariable())
                textStart = position
            default:
                position += 1
            }
        }
        flushScratch(into: &parts)
        try expectWordEnd(else: .extraCharactersAfterCloseQuote)
        return Word(kind: .doubleQuoted, parts: parts, location: location, sourceText: text(start..<position))
    }

    /// `'...'`: everything up to the next `'`, taken literally.
    mutating func parseSingleQuoted(at location: SourceLocation) throws(SyntaxError) -> Word {
        let start = position
        guard let close = bytes[(start + 1)...].firstIndex(of: ASCII.singleQuote) else {
            throw error(.unclosedSingleQuote, at: start)
        }
        let parts: [Word.Part] = close == start + 1 ? [] : [.text(text((start + 1)..<close))]
        position = close + 1
        try expectWordEnd(else: .extraCharactersAfterCloseQuote)
        return Word(kind: .singleQuoted, parts: parts, location: location, sourceText: text(start..<position))
    }

    mutating func flushScratch(into parts: inout [Word.Part]) {
        guard !scratch.isEmpty else { return }
        parts.append(.text(String(decoding: scratch, as: UTF8.self)))
        scratch.removeAll(keepingCapacity: true)
    }

    /// The Unicode scalar whose UTF-8 starts at `offset`.
    func scalar(at offset: Int) -> Unicode.Scalar {
        var end = offset + 1
        while end < bytes.count, !bytes[end].startsScalar { end += 1 }
        return text(offset..<end).unicodeScalars.first!
    }

    // MARK: - Blocks

    /// `{ ... }`: a nested script, parsed now so it can run many times.
    mutating func parseBlock(at location: SourceLocation, depth: Int) throws(SyntaxError) -> Word {
        let start = position
        guard depth < Parser.maximumBlockDepth else {
            throw error(.blocksNestedTooDeeply(limit: Parser.maximumBlockDepth), at: start)
        }
        position += 1
        let body = try parseScript(openBrace: start, depth: depth + 1)
        try expectWordEnd(else: .extraCharactersAfterCloseBrace)
        return Word(kind: .block(body), parts: [], location: location, sourceText: text(start..<position))
    }

    /// After a closing quote or brace the word must end: a blank, a
    /// separator, a `}`, a continuation or the end must follow.
    mutating func expectWordEnd(else reason: SyntaxError.Reason) throws(SyntaxError) {
        guard position < bytes.count else { return }
        let byte = bytes[position]
        if byte.isBlank || byte.isCommandSeparator || byte == ASCII.closeBrace { return }
        if byte == ASCII.backslash, position + 1 == bytes.count || bytes[position + 1] == ASCII.newline { return }
        throw error(reason, at: position)
    }
}
