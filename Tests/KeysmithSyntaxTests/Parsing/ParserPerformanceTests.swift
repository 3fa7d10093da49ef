import KeysmithSyntax
import Testing

@Suite("Parser at scale")
struct ParserPerformanceTests {
    @Test("a 10,000-line script parses whole, every command located on its own line")
    func tenThousandLines() throws {
        var text = ""
        for index in 0..<2_500 {
            text += "key create ci-\(index) --expires 30d --grants DocumentReadonly,FolderReadonly\n"
            text += "check $k.secret GET /documents/{id}/contents/$doc # tail\n"
            text += "# a comment line\n"
            text += "repeat 2 { echo \"key $k.name\\t✓\"; clock advance 1d }\n"
        }
        let script = try parse(text)
        #expect(script.commands.count == 7_500)
        #expect(script.commands.last?.location.line == 10_000)
        #expect(script.commands.last?.words[2].block?.commands[1].location.column == 35)
    }
}
