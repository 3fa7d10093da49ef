import KeysmithSyntax
import Testing

@Suite("Source files")
struct SourceFileTests {
    @Test(
        "line(_:) returns a 1-based line without its line ending, or nil past the end",
        arguments: [
            (1, "first" as Substring?), (2, ""), (3, "third ✓"), (4, "last"), (5, nil), (0, nil), (-1, nil),
        ])
    func lines(_ number: Int, expected: Substring?) {
        let source = SourceFile(name: "s.ks", text: "first\n\r\nthird ✓\r\nlast")
        #expect(source.line(number) == expected)
    }

    @Test("a text ending in a newline has an empty line after it")
    func trailingNewline() {
        let source = SourceFile(name: "s.ks", text: "a\n")
        #expect(source.line(2) == "")
        #expect(source.line(3) == nil)
    }
}

/// A script saved with a UTF-8 byte-order mark runs as written (it used to be read as part of
/// the first command's name: "unknown command `\u{FEFF}echo`").
@Suite struct ByteOrderMarkTests {
    @Test func aLeadingByteOrderMarkIsNotPartOfTheScript() throws {
        let source = SourceFile(name: "bom.ks", bytes: [0xEF, 0xBB, 0xBF] + Array("echo bom\n".utf8))
        #expect(source.text == "echo bom\n")
        let script = try Parser.parse(source)
        #expect(script.commands.first?.words.first?.literal == "echo")
    }
}
