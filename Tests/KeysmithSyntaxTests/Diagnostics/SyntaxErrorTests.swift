import KeysmithSyntax
import Testing

@Suite("Syntax errors")
struct SyntaxErrorTests {
    struct ErrorCase: Sendable, CustomTestStringConvertible {
        let text: String
        let reason: SyntaxError.Reason
        let line: Int
        let column: Int
        var testDescription: String { String(reflecting: text) }
    }

    @Test(
        "each syntax error is reported with its reason at the right place",
        arguments: [
            // Unclosed quotes and braces point at the opening character.
            ErrorCase(text: "echo a\nkey create \"oops --expires 30d", reason: .unclosedDoubleQuote, line: 2, column: 12),
            ErrorCase(text: "echo \"a\nb\nc", reason: .unclosedDoubleQuote, line: 1, column: 6),
            ErrorCase(text: "echo \"ends in a backslash\\", reason: .unclosedDoubleQuote, line: 1, column: 6),
            ErrorCase(text: "echo \"a\\\"", reason: .unclosedDoubleQuote, line: 1, column: 6),
            ErrorCase(text: "echo 'it s", reason: .unclosedSingleQuote, line: 1, column: 6),
            ErrorCase(text: "x\n  repeat 2 {\n  echo a\n", reason: .unclosedBrace, line: 2, column: 12),
            ErrorCase(text: "repeat 2 { repeat 3 { echo } ", reason: .unclosedBrace, line: 1, column: 10),
            ErrorCase(text: "echo \"{\" {", reason: .unclosedBrace, line: 1, column: 10),
            ErrorCase(text: "echo 'it''s'", reason: .extraCharactersAfterCloseQuote, line: 1, column: 10),
            // A } that starts a word with nothing open.
            ErrorCase(text: "echo a }", reason: .unexpectedCloseBrace, line: 1, column: 8),
            ErrorCase(text: "}", reason: .unexpectedCloseBrace, line: 1, column: 1),
            ErrorCase(text: "x { a }\n}", reason: .unexpectedCloseBrace, line: 2, column: 1),
            ErrorCase(text: "echo \"a\"}", reason: .unexpectedCloseBrace, line: 1, column: 9),
            // Something glued to a closing quote or brace.
            ErrorCase(text: "echo \"a\"b", reason: .extraCharactersAfterCloseQuote, line: 1, column: 9),
            ErrorCase(text: "echo 'a'\"b\"", reason: .extraCharactersAfterCloseQuote, line: 1, column: 9),
            ErrorCase(text: "echo \"a\"\\x", reason: .extraCharactersAfterCloseQuote, line: 1, column: 9),
            ErrorCase(text: "repeat 2 { echo }x", reason: .extraCharactersAfterCloseBrace, line: 1, column: 18),
            // Escapes double quotes do not know, located at the backslash.
            ErrorCase(text: "echo \"a\\qb\"", reason: .unknownEscape("q"), line: 1, column: 8),
            ErrorCase(text: "echo \"C:\\Users\"", reason: .unknownEscape("U"), line: 1, column: 9),
            ErrorCase(text: "echo \"\\é\"", reason: .unknownEscape("é"), line: 1, column: 7),
            // A continuation with nothing to continue.
            ErrorCase(text: "echo a \\", reason: .continuationAtEndOfScript, line: 1, column: 8),
            ErrorCase(text: "echo a\\", reason: .continuationAtEndOfScript, line: 1, column: 7),
            ErrorCase(text: "echo a \\\n  ", reason: .continuationAtEndOfScript, line: 1, column: 8),
            ErrorCase(text: "echo a;\\\n", reason: .continuationAtEndOfScript, line: 1, column: 8),
        ])
    func errors(_ row: ErrorCase) throws {
        let error = try #require(syntaxError(row.text))
        #expect(error.reason == row.reason)
        #expect(error.location == ScriptLocation(file: "test.ks", line: row.line, column: row.column))
        #expect(error.message == row.reason.message)
    }

    @Test("the first error in the script is the one reported")
    func firstErrorWins() throws {
        let error = try #require(syntaxError("echo \"a\\q\"\necho }\necho 'x"))
        #expect(error.reason == .unknownEscape("q"))
    }

    @Test("an error anywhere means nothing parses, even when earlier commands were fine")
    func wholeScriptIsParsedFirst() {
        #expect(throws: SyntaxError.self) { try parse("user add alice\nkey create \"oops") }
    }

    @Test("a balanced } inside a word such as /documents/{id} is not blamed for an unclosed brace")
    func balancedBracesAreNotBlamed() throws {
        let error = try #require(syntaxError("x { check /documents/{id}"))
        #expect(error.reason == .unclosedBrace)
        #expect(error.message == "unclosed brace")
    }

    @Test(
        "messages are lower-case plain words with no trailing period",
        arguments: [
            SyntaxError.Reason.unclosedDoubleQuote, .unclosedSingleQuote, .unclosedBrace,
            .unexpectedCloseBrace, .extraCharactersAfterCloseQuote, .extraCharactersAfterCloseBrace,
            .unknownEscape("q"), .continuationAtEndOfScript, .blocksNestedTooDeeply(limit: 3),
        ])
    func messageStyle(_ reason: SyntaxError.Reason) {
        let message = reason.message
        #expect(message.first?.isLowercase == true)
        #expect(!message.hasSuffix("."))
        #expect(!message.contains("\n"))
    }

    @Test("the unknown escape message names the escape and suggests a fix")
    func unknownEscapeMessage() {
        #expect(
            SyntaxError.Reason.unknownEscape("q").message
                == "unknown escape `\\q` in double quotes; write `\\\\` for a backslash, or use single quotes for literal text")
    }

    @Test(
        "unclosed quotes and braces and a trailing backslash are incomplete input; other errors are not",
        arguments: [
            ("echo \"a", true), ("echo 'a", true), ("repeat 2 {", true), ("echo a \\", true), ("echo a \\\n", true),
            ("echo }", false), ("echo \"a\"b", false), ("echo \"\\q\"", false),
        ])
    func incompleteInput(_ text: String, incomplete: Bool) throws {
        #expect(try #require(syntaxError(text)).isIncomplete == incomplete)
    }
}
