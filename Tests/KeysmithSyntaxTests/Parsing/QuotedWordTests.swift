import KeysmithSyntax
import Testing

@Suite("Quoted words")
struct QuotedWordTests {
    struct EscapeCase: Sendable, CustomTestStringConvertible {
        let written: String
        let value: String
        var testDescription: String { written }
    }

    @Test(
        "double quotes understand \\\" \\\\ \\n \\t \\$",
        arguments: [
            EscapeCase(written: #""say \"hi\"""#, value: #"say "hi""#),
            EscapeCase(written: #""a\\b""#, value: #"a\b"#),
            EscapeCase(written: #""a\nb""#, value: "a\nb"),
            EscapeCase(written: #""a\tb""#, value: "a\tb"),
            EscapeCase(written: #""cost \$5 \$x""#, value: "cost $5 $x"),
            EscapeCase(written: #""\\\"""#, value: #"\""#),
        ])
    func doubleQuoteEscapes(_ row: EscapeCase) throws {
        let word = try parse("echo \(row.written)").commands[0].words[1]
        #expect(word.kind == .doubleQuoted)
        #expect(word.literal == row.value)
        #expect(word.sourceText == row.written)
    }

    @Test("escapes and text around them merge into one text part")
    func escapedTextIsMerged() throws {
        let word = try parse(#"echo "a\tb\"c""#).commands[0].words[1]
        #expect(word.parts == [.text("a\tb\"c")])
    }

    @Test("an empty pair of quotes is a word with no parts and an empty literal")
    func emptyQuotes() throws {
        let words = try parse(#"echo "" ''"#).commands[0].words
        #expect(words[1].parts.isEmpty && words[2].parts.isEmpty)
        #expect(words[1].literal == "" && words[2].literal == "")
        #expect(words.map(\.sourceText) == ["echo", "\"\"", "''"])
    }

    @Test("double quotes interpolate $name and $name.field between text parts")
    func interpolationInDoubleQuotes() throws {
        let word = try parse(#"echo "key $k.name expires $when.""#).commands[0].words[1]
        #expect(
            word.parts == [
                .text("key "), .variable(name: "k", field: "name"),
                .text(" expires "), .variable(name: "when", field: nil), .text("."),
            ])
        #expect(word.sourceText == #""key $k.name expires $when.""#)
    }

    @Test("double quotes keep blanks, semicolons, # and braces as text")
    func doubleQuotesHoldSeparators() throws {
        #expect(shape(try parse(#"echo "a ; b # {c} }" x"#)) == [#"echo|"a ; b # {c} }"|x"#])
    }

    @Test("a raw newline inside double quotes is kept; a backslash-newline reads as one space")
    func newlinesInDoubleQuotes() throws {
        let script = try parse("echo \"a\nb\" \"c \\\n     d\"\necho next")
        #expect(shape(script) == ["echo|\"a\nb\"|\"c  d\"", "echo|next"])
        #expect(script.commands[1].location.line == 4)
    }

    @Test("single quotes take everything literally: no escapes, no variables")
    func singleQuotesAreLiteral() throws {
        let word = try parse(#"echo '$x \n "q" \' "#).commands[0].words[1]
        #expect(word.kind == .singleQuoted)
        #expect(word.parts == [.text(#"$x \n "q" \"#)])
        #expect(word.literal == #"$x \n "q" \"#)
        #expect(word.singleVariable == nil)
    }

    @Test("single quotes may span lines")
    func singleQuotesSpanLines() throws {
        #expect(shape(try parse("echo 'a\nb'; echo c")) == ["echo|'a\nb'", "echo|c"])
    }

    @Test("unicode text in quotes is kept intact")
    func unicodeInQuotes() throws {
        let words = try parse("echo \"café ✓ $x 🇫🇷\" 'naïve ✓'").commands[0].words
        #expect(words[1].parts == [.text("café ✓ "), .variable(name: "x", field: nil), .text(" 🇫🇷")])
        #expect(words[2].literal == "naïve ✓")
    }

    @Test(
        "a closing quote may be followed by a blank, ;, newline, } or the end",
        arguments: [
            ShapeCase(#"echo "a" b"#, [#"echo|"a"|b"#]),
            ShapeCase(#"echo "a";echo 'b'"#, [#"echo|"a""#, "echo|'b'"]),
            ShapeCase("echo 'a'\necho b", ["echo|'a'", "echo|b"]),
            ShapeCase(#"repeat 1 {echo "a"}"#, [#"repeat|1|{echo|"a"}"#]),
            ShapeCase("echo 'a'\\\n b", ["echo|'a'|b"]),
        ])
    func afterCloseQuote(_ row: ShapeCase) throws {
        #expect(shape(try parse(row.text)) == row.expected)
    }
}
