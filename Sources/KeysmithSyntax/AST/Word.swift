/// One word of a command, already split into literal text and variable
/// references so the interpreter only has to substitute values.
///
/// | written             | kind            | parts                                   |
/// | ------------------- | --------------- | --------------------------------------- |
/// | `30d`               | `.bare`         | `[.text("30d")]`                        |
/// | `/documents/$d/raw` | `.bare`         | `[.text("/documents/"), .variable(name: "d", field: nil), .text("/raw")]` |
/// | `"id: $k.id"`       | `.doubleQuoted` | `[.text("id: "), .variable(name: "k", field: "id")]` |
/// | `'$k \n'`           | `.singleQuoted` | `[.text("$k \\n")]`                     |
/// | `{ echo hi }`       | `.block(...)`   | `[]`                                    |
package struct Word: Hashable, Sendable {
    /// A piece of a word: literal text, or a variable to substitute.
    package enum Part: Hashable, Sendable {
        case text(String)
        /// `$name`, or `$name.field` when `field` is not nil.
        case variable(name: String, field: String?)
    }

    /// How the word was written.
    package enum Kind: Hashable, Sendable {
        case bare
        case doubleQuoted
        case singleQuoted
        /// `{ ... }`, with its body parsed as a script.
        case block(Script)
    }

    package let kind: Kind
    /// The word's pieces, adjacent text merged. Empty for a block and for
    /// `""` or `''`; a single-quoted word has at most one `.text`.
    package let parts: [Part]
    /// Where the word starts (its opening quote or brace, if any).
    package let location: SourceLocation
    /// The word exactly as written, quotes and braces included.
    package let sourceText: String

    package init(kind: Kind, parts: [Part], location: SourceLocation, sourceText: String) {
        self.kind = kind
        self.parts = parts
        self.location = location
        self.sourceText = sourceText
    }

    /// The word's text when it has no variable parts (bare or quoted); nil
    /// when it has a variable, or is a block.
    package var literal: String? {
        if case .block = kind { return nil }
        switch parts.count {
        case 0:
            return ""
        case 1:
            guard case .text(let text) = parts[0] else { return nil }
            return text
        default:
            // Adjacent text is merged, so several parts means a variable.
            return nil
        }
    }

    /// The variable when the word is exactly one reference with nothing
    /// around it: `$k`, `$k.secret` or `"$k"`, but not `'$k'` or `x$k`.
    package var singleVariable: (name: String, field: String?)? {
        switch kind {
        case .bare, .doubleQuoted:
            guard parts.count == 1, case .variable(let name, let field) = parts[0] else { return nil }
            return (name, field)
        case .singleQuoted, .block:
            return nil
        }
    }

    /// The block's body when the word is `{ ... }`.
    package var block: Script? {
        guard case .block(let script) = kind else { return nil }
        return script
    }
}
