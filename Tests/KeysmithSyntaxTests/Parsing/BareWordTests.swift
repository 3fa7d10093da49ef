import KeysmithSyntax
import Testing

@Suite("Bare words and variables")
struct BareWordTests {
    @Test(
        "bare words keep everything but blanks and separators, braces and quotes inside included",
        arguments: [
            ShapeCase("clock advance 30d", ["clock|advance|30d"]),
            ShapeCase("clock set 2026-01-01T00:00:00Z", ["clock|set|2026-01-01T00:00:00Z"]),
            ShapeCase(
                "endpoint add GET /documents/{id} --grants DocumentReadonly,FolderReadonly",
                ["endpoint|add|GET|/documents/{id}|--grants|DocumentReadonly,FolderReadonly"]),
            ShapeCase("let k = key", ["let|k|=|key"]),
            ShapeCase("echo a{b}c x{ y}", ["echo|a{b}c|x{|y}"]),
            ShapeCase("echo it's a\"b\"", ["echo|it's|a\"b\""]),
            ShapeCase("echo café ✓", ["echo|café|✓"]),
        ])
    func bareWords(_ row: ShapeCase) throws {
        #expect(shape(try parse(row.text)) == row.expected)
    }

    @Test("a bare word built from one run of text reports it as its literal and source text")
    func bareWordLiteral() throws {
        let word = try parse("x /documents/{id}").commands[0].words[1]
        #expect(word.kind == .bare)
        #expect(word.parts == [.text("/documents/{id}")])
        #expect(word.literal == "/documents/{id}")
        #expect(word.sourceText == "/documents/{id}")
    }

    @Test(
        "variable references: $name, $name.field, one field level only",
        arguments: [
            ShapeCase("check $k", ["check|⟨k⟩"]),
            ShapeCase("check $k.secret", ["check|⟨k.secret⟩"]),
            ShapeCase("echo $a.b.c", ["echo|⟨a.b⟩.c"]),
            ShapeCase("echo $_x9.y_2", ["echo|⟨_x9.y_2⟩"]),
            ShapeCase("echo $file.", ["echo|⟨file⟩."]),
            ShapeCase("echo $file.9", ["echo|⟨file⟩.9"]),
            ShapeCase("echo $a$b", ["echo|⟨a⟩⟨b⟩"]),
            ShapeCase("echo $a-$b.id!", ["echo|⟨a⟩-⟨b.id⟩!"]),
        ])
    func variables(_ row: ShapeCase) throws {
        #expect(shape(try parse(row.text)) == row.expected)
    }

    @Test("variables interpolate anywhere in a bare word, between merged text parts")
    func interpolationInBareWord() throws {
        let word = try parse("check $k GET /documents/$doc.id/contents").commands[0].words[3]
        #expect(word.parts == [.text("/documents/"), .variable(name: "doc", field: "id"), .text("/contents")])
        #expect(word.sourceText == "/documents/$doc.id/contents")
        #expect(word.literal == nil)
    }

    @Test(
        "a $ not followed by a letter or underscore is a literal $",
        arguments: [
            ShapeCase("echo $", ["echo|$"]),
            ShapeCase("echo $5 $$x $-a", ["echo|$5|$⟨x⟩|$-a"]),
            ShapeCase("echo ${x} $.a", ["echo|${x}|$.a"]),
            ShapeCase("echo a$", ["echo|a$"]),
        ])
    func literalDollar(_ row: ShapeCase) throws {
        #expect(shape(try parse(row.text)) == row.expected)
    }

    @Test("a { or quote inside a word does not open anything")
    func bracesAndQuotesOnlyOpenAtWordStart() throws {
        let words = try parse("x a{ b\" c'").commands[0].words
        #expect(words.map(\.kind) == [.bare, .bare, .bare, .bare])
        #expect(words.map(\.literal) == ["x", "a{", "b\"", "c'"])
    }
}
