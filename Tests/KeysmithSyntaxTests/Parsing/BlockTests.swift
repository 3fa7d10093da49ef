import KeysmithSyntax
import Testing

@Suite("Blocks")
struct BlockTests {
    @Test(
        "a { at a word start opens a block holding a parsed script",
        arguments: [
            ShapeCase("repeat 3 { echo hi }", ["repeat|3|{echo|hi}"]),
            ShapeCase("repeat 3 {echo hi; echo there }", ["repeat|3|{echo|hi; echo|there}"]),
            ShapeCase("repeat 2 {\n  echo a\n\n  echo b\n}", ["repeat|2|{echo|a; echo|b}"]),
            ShapeCase("repeat 2 { repeat 3 { echo $i } }", ["repeat|2|{repeat|3|{echo|⟨i⟩}}"]),
            ShapeCase("repeat 2 {{ a } }", ["repeat|2|{{a}}"]),
            ShapeCase("x { # comment\n echo a }", ["x|{echo|a}"]),
            ShapeCase("x { a } {b }; y", ["x|{a}|{b}", "y"]),
            ShapeCase("x { check /documents/{id} }", ["x|{check|/documents/{id}}"]),
        ])
    func blocks(_ row: ShapeCase) throws {
        #expect(shape(try parse(row.text)) == row.expected)
    }

    @Test(
        "an empty block is a block word with no commands",
        arguments: ["repeat 1 {}", "repeat 1 {  }", "repeat 1 {\n\n}", "repeat 1 { # nothing\n}"])
    func emptyBlock(_ text: String) throws {
        let word = try parse(text).commands[0].words[2]
        #expect(word.block == Script(commands: []))
        #expect(word.parts.isEmpty)
        #expect(word.literal == nil)
    }

    @Test("a block's source text is the block exactly as written")
    func blockSourceText() throws {
        let word = try parse("repeat 2 {\n\techo \"a\"  ;  x\n}  ").commands[0].words[2]
        #expect(word.sourceText == "{\n\techo \"a\"  ;  x\n}")
    }

    @Test("inside a block, a } the word did not open ends the word and closes the block, as in Tcl")
    func closeBraceMidWordClosesTheBlock() throws {
        #expect(shape(try parse("repeat 3 {echo hi}")) == shape(try parse("repeat 3 { echo hi }")))
        #expect(throws: SyntaxError.self) { try parse("x { echo a} }") }
    }

    @Test("inside a block, braces a word opens itself stay part of it")
    func balancedBracesInAWordStayInsideABlock() throws {
        let block = try #require(try parse("repeat 2 {check $s GET /documents/{id}}").commands[0].words[2].block)
        #expect(block.commands[0].words[3].literal == "/documents/{id}")
    }

    @Test("outside a block, a } in a word is an ordinary character")
    func closeBraceMidWordIsTextAtTopLevel() throws {
        #expect(try parse("echo a}").commands[0].words[1].literal == "a}")
    }

    @Test("commands inside a block are commands of the block, not of the script")
    func blockCommandsAreNested() throws {
        let script = try parse("repeat 2 {\n  key create ci\n  key list\n}\nkey list")
        #expect(script.commands.count == 2)
        #expect(script.commands[0].words[2].block?.commands.map(\.sourceText) == ["key create ci", "key list"])
    }

    @Test("blocks nested deeper than the limit are a syntax error, not a crash")
    func deepNestingIsAnError() throws {
        let depth = Parser.maximumBlockDepth + 1
        let text = "x " + String(repeating: "{ ", count: depth) + String(repeating: "} ", count: depth)
        let error = try #require(syntaxError(text))
        #expect(error.reason == .blocksNestedTooDeeply(limit: Parser.maximumBlockDepth))
        let fine = Parser.maximumBlockDepth
        #expect(throws: Never.self) {
            try parse("x " + String(repeating: "{ ", count: fine) + String(repeating: "} ", count: fine))
        }
    }
}
