import KeysmithSyntax
import Testing

@Suite("Source locations")
struct LocationTests {
    func at(_ line: Int, _ column: Int) -> ScriptLocation {
        ScriptLocation(file: "test.ks", line: line, column: column)
    }

    @Test("commands and words carry the 1-based line and column where they start")
    func commandAndWordLocations() throws {
        let script = try parse("user add alice\n\n  key create \"ci bot\" 'x'; key list\n")
        #expect(script.commands.map(\.location) == [at(1, 1), at(3, 3), at(3, 28)])
        #expect(script.commands[0].words.map(\.location) == [at(1, 1), at(1, 6), at(1, 10)])
        #expect(script.commands[1].words.map(\.location) == [at(3, 3), at(3, 7), at(3, 14), at(3, 23)])
    }

    @Test("words inside blocks are located in the file, not relative to the block")
    func locationsInsideBlocks() throws {
        let script = try parse("repeat 2 {\n  echo a\n  repeat 3 { echo b }\n}")
        let block = try #require(script.commands[0].words[2].block)
        #expect(script.commands[0].words[2].location == at(1, 10))
        #expect(block.commands.map(\.location) == [at(2, 3), at(3, 3)])
        let inner = try #require(block.commands[1].words[2].block)
        #expect(inner.commands[0].words.map(\.location) == [at(3, 14), at(3, 19)])
    }

    @Test("a continued command is located at its first word, its later words on their own lines")
    func locationsAcrossContinuations() throws {
        let command = try parse("key create ci \\\n    --expires 30d").commands[0]
        #expect(command.location == at(1, 1))
        #expect(command.words[3].location == at(2, 5))
        #expect(command.words[4].location == at(2, 15))
    }

    @Test("a line break inside quotes moves later words to the next line")
    func locationsAfterMultiLineQuote() throws {
        let words = try parse("echo \"a\nbc\" d").commands[0].words
        #expect(words[2].location == at(2, 5))
    }

    @Test("columns count Unicode scalars, so text after non-ASCII characters is placed consistently")
    func columnsAfterUnicode() throws {
        let words = try parse("echo \"café ✓\" x é\tz").commands[0].words
        #expect(words.map(\.location.column) == [1, 6, 15, 17, 19])
    }

    @Test("a tab counts as one column")
    func tabIsOneColumn() throws {
        #expect(try parse("\techo\tx").commands[0].words.map(\.location.column) == [2, 7])
    }

    @Test("locations carry the source file's name and print as file:line:column")
    func locationNamesTheFile() throws {
        let script = try Parser.parse(SourceFile(name: "scenarios/keys.ks", text: "\n  clock"))
        #expect(script.commands[0].location.file == "scenarios/keys.ks")
        #expect(script.commands[0].location.description == "scenarios/keys.ks:2:3")
    }
}
