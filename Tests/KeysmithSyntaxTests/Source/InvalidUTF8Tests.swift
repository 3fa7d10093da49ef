import KeysmithSyntax
import Testing

@Suite("Scripts that are not UTF-8")
struct InvalidUTF8Tests {
    /// One table row: the bytes of a script and where its first bad byte is.
    struct Case: Sendable, CustomTestStringConvertible {
        let bytes: [UInt8]
        let byte: UInt8
        let offset: Int
        let line: Int
        let column: Int
        var testDescription: String { bytes.map { String($0, radix: 16) }.joined(separator: " ") }
    }

    @Test(
        "a byte that is not UTF-8 is a syntax error naming the byte, its offset, line and column",
        arguments: [
            Case(bytes: Array("echo a".utf8) + [0xFF], byte: 0xFF, offset: 6, line: 1, column: 7),
            Case(bytes: Array("echo é\n".utf8) + [0x80] + Array(" x".utf8), byte: 0x80, offset: 8, line: 2, column: 1),
            Case(bytes: Array("a\r\nb ✓ ".utf8) + [0xC3, 0x28], byte: 0xC3, offset: 9, line: 2, column: 5),
            // An overlong `/`, a surrogate, a value past U+10FFFF, a sequence cut by the end.
            Case(bytes: [0x61, 0x20, 0xC0, 0xAF], byte: 0xC0, offset: 2, line: 1, column: 3),
            Case(bytes: [0x61, 0x0A, 0xED, 0xA0, 0x80], byte: 0xED, offset: 2, line: 2, column: 1),
            Case(bytes: [0xF4, 0x90, 0x80, 0x80], byte: 0xF4, offset: 0, line: 1, column: 1),
            Case(bytes: Array("echo '".utf8) + [0xE2, 0x9C], byte: 0xE2, offset: 6, line: 1, column: 7),
        ])
    func invalidBytes(_ row: Case) throws {
        let source = SourceFile(name: "bad.ks", bytes: row.bytes)
        let invalid = try #require(source.invalidUTF8)
        #expect(invalid.byte == row.byte)
        #expect(invalid.offset == row.offset)
        let error = try #require(syntaxError(in: source))
        #expect(error.reason == .invalidUTF8(byte: row.byte, offset: row.offset))
        #expect(error.location == ScriptLocation(file: "bad.ks", line: row.line, column: row.column))
        #expect(error.message.contains("byte offset \(row.offset)"))
    }

    @Test("the error shows the line with the bad byte as U+FFFD and a caret under it")
    func rendering() throws {
        let source = SourceFile(name: "bad.ks", bytes: Array("user add alice\nuser add b".utf8) + [0xFF] + Array("b\n".utf8))
        let error = try #require(syntaxError(in: source))
        #expect(
            error.rendered(in: source) == """
                bad.ks:2:11: error: invalid UTF-8: byte 0xFF at byte offset 25 is not part of a UTF-8 character; \
                save the script as UTF-8 text
                    user add b\u{FFFD}b
                              ^
                """)
    }

    @Test("UTF-8 bytes, multi-byte characters and a byte-order-free CRLF text decode as they are")
    func validBytes() throws {
        let text = "echo \"café ✓ 🔑\"\r\nclock\n"
        let source = SourceFile(name: "ok.ks", bytes: Array(text.utf8))
        #expect(source.invalidUTF8 == nil)
        #expect(source.text == text)
        #expect(try Parser.parse(source).commands.count == 2)
    }
}
