import Testing

@testable import KeysmithCore

/// Docs: The key model, Text: names and ids are printable text; what is refused is named with its code
/// point and 1-based character position, and printed back only as a visible escape.
@Suite struct PrintableTextTests {
    /// Each refused character, the name the message gives it, and its escape.
    static let refused: [(Unicode.Scalar, String, String)] = [
        ("\u{00}", "U+0000 (NUL)", "\\u{0}"), ("\u{07}", "U+0007 (BEL)", "\\u{7}"), ("\u{09}", "U+0009 (TAB)", "\\t"),
        ("\u{0A}", "U+000A (LF)", "\\n"), ("\u{0D}", "U+000D (CR)", "\\r"), ("\u{1B}", "U+001B (ESC)", "\\u{1B}"),
        ("\u{1F}", "U+001F (US)", "\\u{1F}"), ("\u{7F}", "U+007F (DEL)", "\\u{7F}"), ("\u{80}", "U+0080 (PAD)", "\\u{80}"),
        ("\u{85}", "U+0085 (NEL)", "\\u{85}"), ("\u{9B}", "U+009B (CSI)", "\\u{9B}"), ("\u{9F}", "U+009F (APC)", "\\u{9F}"),
        ("\u{2028}", "U+2028 (LINE SEPARATOR)", "\\u{2028}"), ("\u{2029}", "U+2029 (PARAGRAPH SEPARATOR)", "\\u{2029}"),
        ("\u{202A}", "U+202A (LRE)", "\\u{202A}"), ("\u{202B}", "U+202B (RLE)", "\\u{202B}"), ("\u{202C}", "U+202C (PDF)", "\\u{202C}"),
        ("\u{202D}", "U+202D (LRO)", "\\u{202D}"), ("\u{202E}", "U+202E (RLO)", "\\u{202E}"), ("\u{2066}", "U+2066 (LRI)", "\\u{2066}"),
        ("\u{2067}", "U+2067 (RLI)", "\\u{2067}"), ("\u{2068}", "U+2068 (FSI)", "\\u{2068}"), ("\u{2069}", "U+2069 (PDI)", "\\u{2069}"),
    ]

    @Test(arguments: refused)
    func refusedCharacterIsNamedWithItsPosition(_ scalar: Unicode.Scalar, _ name: String, _ escape: String) {
        let text = "ab" + String(Character(scalar)) + "c"
        #expect(PrintableText.problem(in: text, what: "a key name") == "a key name must be printable text: \(name) at character 3")
        #expect(PrintableText.escaping(text) == "ab\(escape)c")
        #expect(PrintableText.isPrintable(PrintableText.escaping(text)))
    }

    @Test(arguments: ["plain", "🔑 clé façade 日本語", "e\u{301}", "a b", "\u{A0}nbsp", "👨‍👩‍👧", "\u{2027}\u{202F}", "می\u{200C}خواهم"])
    func printableTextPasses(_ text: String) {
        #expect(PrintableText.problem(in: text, what: "a name") == nil)
        #expect(PrintableText.escaping(text) == text)
    }

    /// Invisible format characters make "ci" and "c\u{200B}i" two names that look the same (a
    /// hostile tester's find); the zero-width joiners that emoji and scripts need stay allowed.
    @Test(arguments: ["\u{200B}", "\u{AD}", "\u{FEFF}", "\u{200E}", "\u{200F}", "\u{61C}", "\u{206A}", "\u{E0041}"])
    func invisibleFormatCharactersAreRefused(_ invisible: String) throws {
        let problem = try #require(PrintableText.problem(in: "c" + invisible + "i", what: "a key name"))
        #expect(problem.hasPrefix("a key name must be printable text: U+"))
        #expect(problem.contains(" at character "))
    }

    @Test func positionCountsCharactersNotScalarsOrBytes() {
        // "é" as e + combining accent is one character; "日" is three UTF-8 bytes.
        #expect(PrintableText.problem(in: "e\u{301}日\u{1B}", what: "an id") == "an id must be printable text: U+001B (ESC) at character 3")
        #expect(PrintableText.problem(in: "\r\nx", what: "an id") == "an id must be printable text: U+000D (CR) at character 1")
    }

    @Test func lineBreaksCanBeKeptWhenTheyAreOurs() {
        #expect(PrintableText.escaping("a\nb\t\u{1B}", keepingLineBreaks: true) == "a\nb\t\\u{1B}")
    }

    @Test func shownTextEscapesAndRedacts() {
        let secret = SecretTests.generated().text
        #expect(PrintableText.shown("x \(secret)\u{7}") == "x ksk_…\\u{7}")
    }

    @Test func formatCharactersAloneAreEscapedForJSON() {
        // The bidi controls and other invisible format characters as escaping writes them;
        // controls (which a JSON writer escapes), joiners and other text as they are.
        #expect(
            PrintableText.escapingFormatCharacters("a\u{202E}b\u{2066}c\u{2069}\u{200B}\u{200F}\t\u{1B}é\u{200D}")
                == "a\\u{202E}b\\u{2066}c\\u{2069}\\u{200B}\\u{200F}\t\u{1B}é\u{200D}")
        #expect(PrintableText.escapingFormatCharacters("plain/path") == "plain/path")
    }
}
