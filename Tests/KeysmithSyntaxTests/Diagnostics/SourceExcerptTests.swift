import KeysmithSyntax
import Testing

@Suite("Source lines shown under errors")
struct SourceExcerptTests {
    @Test("a line of at most the width is shown whole, without marks")
    func shortLineWhole() {
        let line = String(repeating: "a", count: SourceExcerpt.width)
        let excerpt = SourceExcerpt(line: line, column: 50)
        #expect(excerpt.rendered.text == line)
        #expect(excerpt.rendered.caret == String(repeating: " ", count: 49) + "^")
    }

    @Test("a long line is cut around the caret with … marks, and the caret still points at its character")
    func longLineCut() throws {
        let line = String(repeating: "a", count: 500) + "X" + String(repeating: "b", count: 500)
        let excerpt = SourceExcerpt(line: line, column: 501)
        let (text, caret) = excerpt.rendered
        #expect(text.hasPrefix("…a") && text.hasSuffix("b…"))
        #expect(text.unicodeScalars.count == SourceExcerpt.width + 2)
        let caretIndex = try #require(caret.firstIndex(of: "^"))
        let caretColumn = caret.distance(from: caret.startIndex, to: caretIndex)
        #expect(Array(text.unicodeScalars)[caretColumn] == "X")
    }

    @Test(
        "near either end of a long line the excerpt keeps a full width and marks only the cut side",
        arguments: [(1, false, true), (3_000, true, false), (3_001, true, false)])
    func nearTheEnds(column: Int, cutBefore: Bool, cutAfter: Bool) {
        let line = String(repeating: "x", count: 3_000)
        let excerpt = SourceExcerpt(line: line, column: column)
        #expect(excerpt.cutBefore == cutBefore)
        #expect(excerpt.cutAfter == cutAfter)
        #expect(excerpt.text.count == SourceExcerpt.width)
        #expect(excerpt.rendered.caret.count == (cutBefore ? 1 : 0) + excerpt.column)
    }

    @Test(
        "control, bidi and separator characters are shown escaped, and the caret moves past the escape",
        arguments: [
            ("a\u{1B}[2Jb\"", "a\\u{1B}[2Jb\""),
            ("a\u{07}\u{00}\u{7F}b\"", "a\\u{7}\\u{0}\\u{7F}b\""),
            ("a\u{85}\u{9B}b\"", "a\\u{85}\\u{9B}b\""),
            ("a\u{202E}\u{2066}b\"", "a\\u{202E}\\u{2066}b\""),
            ("a\u{2028}\u{FEFF}b\"", "a\\u{2028}\\u{FEFF}b\""),
        ])
    func unsafeCharactersEscaped(line: String, shown: String) throws {
        let column = line.unicodeScalars.count  // the closing quote
        let (text, caret) = SourceExcerpt(line: line, column: column).rendered
        #expect(text == shown)
        #expect(caret.count == shown.unicodeScalars.count)
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }

    @Test("a syntax error on a line with an escape sequence never echoes the raw control bytes")
    func syntaxErrorEscapesControls() throws {
        let error = try #require(syntaxError("doc add \"a\u{1B}[2Jb\u{07}\u{0}"))
        #expect(error.reason == .unclosedDoubleQuote)
        #expect(!error.description.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(error.description.contains("\\u{1B}[2J"))
    }

    @Test("an unknown escape of a control character names it escaped, not raw")
    func unknownEscapeOfAControl() throws {
        let error = try #require(syntaxError("echo \"a\\\u{0}b\""))
        #expect(error.message.hasPrefix("unknown escape `\\\\u{0}`"), "\(error.message)")
        #expect(!error.description.unicodeScalars.contains { $0.value == 0 })
    }

    @Test("an error on a 50 MB line renders briefly and at once, the caret on its character")
    func hugeLineRendering() throws {
        let line = String(repeating: "x", count: 50_000_000) + " \"unclosed\u{1B}"
        let clock = ContinuousClock()
        let start = clock.now
        let error = SyntaxError(
            .unclosedDoubleQuote, at: ScriptLocation(file: "big.ks", line: 1, column: 50_000_002), sourceLine: line)
        let rendered = error.description
        #expect(clock.now - start < .seconds(2))
        try expectBriefCaretUnderQuote(rendered)
    }

    @Test("the parser keeps only the part of a huge line around an error")
    func hugeLineFromTheParser() throws {
        let error = try #require(syntaxError("echo " + String(repeating: "x", count: 5_000_000) + " \"unclosed\u{1B}"))
        #expect(error.location.column == 5_000_007)
        #expect(error.sourceLine.map { $0.utf8.count <= 4 * SourceExcerpt.width + 8 } == true)
        try expectBriefCaretUnderQuote(error.description)
    }

    func expectBriefCaretUnderQuote(_ rendered: String) throws {
        #expect(rendered.utf8.count < 400)
        let lines = rendered.split(separator: "\n", omittingEmptySubsequences: false)
        try #require(lines.count == 3)
        #expect(lines[1].hasPrefix("    …x"))
        #expect(lines[1].hasSuffix("\"unclosed\\u{1B}"))
        let caretColumn = lines[2].count - 1
        #expect(Array(lines[1])[caretColumn] == "\"")
    }
}
