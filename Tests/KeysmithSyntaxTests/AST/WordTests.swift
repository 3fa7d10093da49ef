import KeysmithSyntax
import Testing

@Suite("Word and Command conveniences")
struct WordTests {
    struct VariableCase: Sendable, CustomTestStringConvertible {
        let written: String
        let name: String?
        let field: String?
        var testDescription: String { written }
    }

    @Test(
        "singleVariable is set only for a word that is exactly one variable reference",
        arguments: [
            VariableCase(written: "$k", name: "k", field: nil),
            VariableCase(written: "$k.secret", name: "k", field: "secret"),
            VariableCase(written: "\"$k\"", name: "k", field: nil),
            VariableCase(written: "\"$k.id\"", name: "k", field: "id"),
            VariableCase(written: "'$k'", name: nil, field: nil),
            VariableCase(written: "x$k", name: nil, field: nil),
            VariableCase(written: "$k.", name: nil, field: nil),
            VariableCase(written: "\"$k \"", name: nil, field: nil),
            VariableCase(written: "$a$b", name: nil, field: nil),
            VariableCase(written: "{ $k }", name: nil, field: nil),
            VariableCase(written: "k", name: nil, field: nil),
        ])
    func singleVariable(_ row: VariableCase) throws {
        let word = try parse("echo \(row.written)").commands[0].words[1]
        #expect(word.singleVariable?.name == row.name)
        #expect(word.singleVariable?.field == row.field)
    }

    @Test("literal is the text of a word without variables, and nil for variables and blocks")
    func literal() throws {
        let words = try parse(#"echo plain "quoted \$x" 'single $x' $x "a $x" { b }"#).commands[0].words
        #expect(words.map(\.literal) == ["echo", "plain", "quoted $x", "single $x", nil, nil, nil])
    }

    @Test("a command made of another command's words starts at the first and joins their source text")
    func commandFromWords() throws {
        let outer = try parse("expect ok   key  create \"ci bot\"").commands[0]
        let inner = Command(words: outer.words.dropFirst(2))
        #expect(inner.words.map(\.literal) == ["key", "create", "ci bot"])
        #expect(inner.location == outer.words[2].location)
        #expect(inner.sourceText == "key create \"ci bot\"")
    }

    @Test("the same text parses to equal scripts, so parsed trees can be compared and cached")
    func parsingIsDeterministic() throws {
        let text = "repeat 2 { echo \"$k.id\" }\nclock advance 1d"
        #expect(try parse(text) == parse(text))
        #expect(try parse(text) != parse("repeat 2 { echo \"$k.name\" }\nclock advance 1d"))
    }
}
