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
