import KeysmithSyntax
import Testing

/// Parses `text` as a file named `test.ks`.
func parse(_ text: String) throws -> Script {
    try Parser.parse(SourceFile(name: "test.ks", text: text))
}

/// The error parsing `text` (as `test.ks`) throws, or nil when it parses.
func syntaxError(_ text: String) -> SyntaxError? {
    syntaxError(in: SourceFile(name: "test.ks", text: text))
}

/// The error parsing `source` throws, or nil when it parses.
func syntaxError(in source: SourceFile) -> SyntaxError? {
    do {
        _ = try Parser.parse(source)
        return nil
    } catch {
        return error
    }
}

/// A compact picture of a script for tables: one string per command, its
/// words joined by `|`. Bare text is shown as is, variables as `⟨name⟩` or
/// `⟨name.field⟩`, quoted words inside their quotes and blocks as
/// `{command; command}`.
func shape(_ script: Script) -> [String] {
    script.commands.map(shape)
}

func shape(_ command: Command) -> String {
    command.words.map(shape).joined(separator: "|")
}

func shape(_ word: Word) -> String {
    let parts = word.parts.map { part in
        switch part {
        case .text(let text): text
        case .variable(let name, nil): "⟨\(name)⟩"
        case .variable(let name, let field?): "⟨\(name).\(field)⟩"
        }
    }.joined()
    switch word.kind {
    case .bare: return parts
    case .doubleQuoted: return "\"\(parts)\""
    case .singleQuoted: return "'\(parts)'"
    case .block(let body): return "{" + shape(body).joined(separator: "; ") + "}"
    }
}

/// A table row: KeyScript text and the shape it should parse to.
struct ShapeCase: Sendable, CustomTestStringConvertible {
    let text: String
    let expected: [String]

    init(_ text: String, _ expected: [String]) {
        self.text = text
        self.expected = expected
    }

    var testDescription: String { String(reflecting: text) }
}

/// `KeysmithSyntax.SourceLocation`; Swift Testing has a `SourceLocation` of
/// its own, so test files name ours through this alias.
typealias ScriptLocation = KeysmithSyntax.SourceLocation
