import KeysmithSyntax
import Testing

@Suite("Commands: separators, comments, continuations")
struct CommandSeparationTests {
    @Test(
        "newlines and semicolons separate commands; blank lines and empty commands vanish",
        arguments: [
            ShapeCase("clock", ["clock"]),
            ShapeCase("user add alice\nuser list", ["user|add|alice", "user|list"]),
            ShapeCase("user add alice; user list", ["user|add|alice", "user|list"]),
            ShapeCase("a;b;c", ["a", "b", "c"]),
            ShapeCase("a;;  ; b", ["a", "b"]),
            ShapeCase("\n\n  a  \n\n\tb\t\n\n", ["a", "b"]),
            ShapeCase("echo   a\t\tb", ["echo|a|b"]),
        ])
    func separation(_ row: ShapeCase) throws {
        #expect(shape(try parse(row.text)) == row.expected)
    }

    @Test(
        "an empty script, blank lines or only comments parse to no commands",
        arguments: ["", "\n\n", "   \t ", ";;;", "# just a comment", "# one\n  # two\n\n#three\n", "\r\n\r\n"])
    func noCommands(_ text: String) throws {
        #expect(try parse(text).commands.isEmpty)
    }

    @Test(
        "a # where a word would begin starts a comment to the end of the line",
        arguments: [
            ShapeCase("# comment\necho a", ["echo|a"]),
            ShapeCase("   # indented comment\necho a", ["echo|a"]),
            ShapeCase("echo a; # comment after a semicolon", ["echo|a"]),
            ShapeCase("echo a # a trailing comment", ["echo|a"]),
            ShapeCase("user add alice   # a note\nuser list", ["user|add|alice", "user|list"]),
            ShapeCase("echo a\t# after a tab", ["echo|a"]),
            ShapeCase("echo a #", ["echo|a"]),
            ShapeCase("echo a #; echo b", ["echo|a"]),
            ShapeCase("echo \"a\" # after a quoted word", ["echo|\"a\""]),
            ShapeCase("echo 'a' #x", ["echo|'a'"]),
            ShapeCase("echo #tag", ["echo"]),
            ShapeCase("#c1;still comment\necho b", ["echo|b"]),
            ShapeCase("echo a # c\r\necho b", ["echo|a", "echo|b"]),
        ])
    func comments(_ row: ShapeCase) throws {
        #expect(shape(try parse(row.text)) == row.expected)
    }

    @Test(
        "a # inside a word or inside quotes is an ordinary character",
        arguments: [
            ShapeCase("echo a#b", ["echo|a#b"]),
            ShapeCase("echo a# b", ["echo|a#|b"]),
            ShapeCase("echo \"#\" '#'", ["echo|\"#\"|'#'"]),
            ShapeCase("echo \"a # b\" 'c # d'", ["echo|\"a # b\"|'c # d'"]),
            ShapeCase("check $k GET /docs/#frag", ["check|⟨k⟩|GET|/docs/#frag"]),
            ShapeCase("echo $a#b", ["echo|⟨a⟩#b"]),
        ])
    func hashInWordsIsLiteral(_ row: ShapeCase) throws {
        #expect(shape(try parse(row.text)) == row.expected)
    }

    @Test("a comment is not part of the command's source text")
    func commentLeftOutOfSourceText() throws {
        let script = try parse("user add alice   # a note\necho b")
        #expect(script.commands.map(\.sourceText) == ["user add alice", "echo b"])
    }

    @Test(
        "a # right after a closing quote or brace is still an error, not a comment",
        arguments: ["echo \"a\"#b", "echo 'a'#", "repeat 1 {echo a}#"])
    func hashGluedToQuoteIsAnError(_ text: String) throws {
        let error = try #require(syntaxError(text))
        #expect(error.reason == .extraCharactersAfterCloseQuote || error.reason == .extraCharactersAfterCloseBrace)
    }

    @Test(
        "a continued command can end in a comment; a comment's trailing backslash continues nothing",
        arguments: [
            ShapeCase("echo a \\\n  # why b\necho c", ["echo|a", "echo|c"]),
            ShapeCase("echo a \\\n  b # note\necho c", ["echo|a|b", "echo|c"]),
            ShapeCase("echo a # note \\\necho b", ["echo|a", "echo|b"]),
            ShapeCase("echo a \\\n# note\n", ["echo|a"]),
        ])
    func commentsAndContinuations(_ row: ShapeCase) throws {
        #expect(shape(try parse(row.text)) == row.expected)
    }

    @Test(
        "comments work inside blocks, to the end of their line",
        arguments: [
            ShapeCase("repeat 2 {\n  echo a # note\n  echo b\n}", ["repeat|2|{echo|a; echo|b}"]),
            ShapeCase("repeat 2 { echo a # note\n}", ["repeat|2|{echo|a}"]),
            ShapeCase("repeat 2 { # {not a block}\n echo a }", ["repeat|2|{echo|a}"]),
            ShapeCase("repeat 2 { echo a } # after the block", ["repeat|2|{echo|a}"]),
            ShapeCase("repeat 1 { repeat 1 { echo a # x\n } # y\n}", ["repeat|1|{repeat|1|{echo|a}}"]),
        ])
    func commentsInBlocks(_ row: ShapeCase) throws {
        #expect(shape(try parse(row.text)) == row.expected)
    }

    @Test("a block whose } sits in a comment is an error at that }, not a request for more lines")
    func closeBraceSwallowedByComment() throws {
        let error = try #require(syntaxError("repeat 2 { echo a # note }"))
        #expect(error.reason == .closeBraceInComment)
        #expect(error.location == ScriptLocation(file: "test.ks", line: 1, column: 26))
        #expect(!error.isIncomplete)
        #expect(error.message.contains("inside a comment"))
    }

    @Test("a block left open with no } in a comment is still an unclosed brace")
    func unclosedBraceWithoutComment() throws {
        let error = try #require(syntaxError("repeat 2 { echo a # note"))
        #expect(error.reason == .unclosedBrace)
        #expect(error.isIncomplete)
    }

    @Test("a comment ends at its line, even after a trailing backslash")
    func commentIsNotContinued() throws {
        #expect(shape(try parse("# comment \\\necho a")) == ["echo|a"])
    }

    @Test(
        "a backslash at the end of a line continues the command",
        arguments: [
            ShapeCase("key create ci \\\n    --expires 30d", ["key|create|ci|--expires|30d"]),
            ShapeCase("echo a\\\nb", ["echo|a|b"]),
            ShapeCase("echo a \\\n\\\n b", ["echo|a|b"]),
            ShapeCase("\\\necho a", ["echo|a"]),
            ShapeCase("echo a \\\n\necho b", ["echo|a", "echo|b"]),
        ])
    func continuation(_ row: ShapeCase) throws {
        #expect(shape(try parse(row.text)) == row.expected)
    }

    @Test("a backslash not at the end of a line is an ordinary character in a bare word")
    func backslashMidLineIsLiteral() throws {
        let words = try parse("echo a\\nb \\x").commands[0].words
        #expect(words.map(\.literal) == ["echo", "a\\nb", "\\x"])
    }

    @Test("a command's source text joins continuations with one space and is trimmed")
    func continuationSourceText() throws {
        let script = try parse("  key create ci   \\\n      --expires 30d \\\n\t--grants A,B  ; echo done  \n")
        #expect(script.commands.map(\.sourceText) == ["key create ci --expires 30d --grants A,B", "echo done"])
    }

    @Test("a command's source text keeps the blanks between words as written")
    func sourceTextKeepsInnerBlanks() throws {
        #expect(try parse("echo   a\tb").commands[0].sourceText == "echo   a\tb")
    }

    @Test("a command's source text keeps a block verbatim, newlines and continuations included")
    func sourceTextKeepsBlocks() throws {
        let text = "repeat 2 {\n    echo a \\\n  b\n    clock advance 1d\n}"
        let command = try parse(text).commands[0]
        #expect(command.sourceText == text)
        #expect(command.words[2].block.map(shape) == ["echo|a|b", "clock|advance|1d"])
        #expect(command.words[2].block?.commands[0].sourceText == "echo a b")
    }

    @Test("CRLF line endings separate commands like LF and leave no carriage return behind")
    func crlfLineEndings() throws {
        let script = try parse("user add alice\r\nrepeat 2 {\r\n  echo 'a\r\nb' \\\r\n  c\r\n}\r\n")
        #expect(shape(script) == ["user|add|alice", "repeat|2|{echo|'a\nb'|c}"])
        #expect(script.commands[1].sourceText == "repeat 2 {\n  echo 'a\nb' \\\n  c\n}")
        #expect(script.commands[1].location.line == 2)
        #expect(
            script.commands[1].words[2].block?.commands[0].words[2].location
                == ScriptLocation(file: "test.ks", line: 5, column: 3))
    }

    @Test("a stray carriage return separates words like a blank")
    func loneCarriageReturnIsBlank() throws {
        #expect(shape(try parse("echo a\rb\r")) == ["echo|a|b"])
    }
}
