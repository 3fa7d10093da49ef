import KeysmithSyntax
import Testing

@Suite("Rendering syntax errors")
struct SyntaxErrorRenderingTests {
    @Test("an error renders as file:line:column, the source line, and a caret under the column")
    func rendersWithCaret() throws {
        let source = SourceFile(name: "demo.ks", text: "user add alice\nas alice\nkey create \"oops --expires 30d\n")
        let error = try #require(syntaxError(in: source))
        let expected = """
            demo.ks:3:12: error: unclosed double quote
                key create "oops --expires 30d
                           ^
            """
        #expect(error.description == expected)
        #expect(error.rendered(in: source) == expected)
    }

    @Test("tabs before the column are copied into the caret line so the caret lines up")
    func caretKeepsTabs() throws {
        let error = try #require(syntaxError("repeat 2 {\n\t\techo a\n\t}  }"))
        #expect(error.description == "test.ks:3:5: error: unexpected `}`\n    \t}  }\n    \t   ^")
    }

    @Test("the caret counts Unicode scalars, like the column")
    func caretAfterUnicode() throws {
        let error = try #require(syntaxError("echo \"café ✓\" \"a\\q\""))
        #expect(error.location.column == 17)
        #expect(error.description.hasSuffix("\n    echo \"café ✓\" \"a\\q\"\n                    ^"))
    }

    @Test("the source line is shown without its carriage return on CRLF scripts")
    func renderedLineHasNoCarriageReturn() throws {
        let source = SourceFile(name: "w.ks", text: "echo a\r\necho \"x\"y\r\n")
        let error = try #require(syntaxError(in: source))
        #expect(error.sourceLine == "echo \"x\"y")
        #expect(error.rendered(in: source) == "w.ks:2:9: error: extra characters after close-quote\n    echo \"x\"y\n            ^")
    }

    @Test("an error with no source line renders as its first line only")
    func rendersWithoutSourceLine() {
        let error = SyntaxError(
            .unexpectedCloseBrace, at: ScriptLocation(file: "f.ks", line: 4, column: 2), sourceLine: nil)
        #expect(error.description == "f.ks:4:2: error: unexpected `}`")
        #expect(error.rendered(in: SourceFile(name: "f.ks", text: "")) == "f.ks:4:2: error: unexpected `}`")
    }
}
