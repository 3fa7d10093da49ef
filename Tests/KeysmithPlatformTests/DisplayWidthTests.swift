import KeysmithPlatform
import Testing

/// Listings align by display width: wide characters and emoji take two columns, combining
/// marks none (Docs: The key model, Text).
@Suite struct DisplayWidthTests {
    @Test(arguments: [
        ("", 0), ("abc", 3), ("日本語", 6), ("한국", 4), ("ｶﾀｶﾅ", 4), ("ＡＢ", 4), ("🔑", 2), ("🔑 ok", 5),
        ("e\u{301}", 1), ("cafe\u{301}", 4), ("👨‍👩‍👧", 2), ("🇫🇷", 2), ("❤\u{FE0F}", 2), ("❤", 1), ("1\u{FE0F}\u{20E3}", 2),
        ("a\u{200B}b", 2), ("\u{3000}", 2), ("㐀", 2), ("𠀀", 2), ("Ω", 1), ("\u{1160}", 0),
    ])
    func textTakesItsColumns(_ text: String, _ columns: Int) {
        #expect(DisplayWidth.of(text) == columns)
    }

    @Test(arguments: [("abcdef", 4, "abc…"), ("日本語テキスト", 5, "日本…"), ("日本語", 6, "日本語"), ("🔑🔑🔑", 4, "🔑…")])
    func truncationKeepsWithinTheColumns(_ text: String, _ columns: Int, _ expected: String) {
        let cut = DisplayWidth.truncating(text, toColumns: columns)
        #expect(cut == expected)
        #expect(DisplayWidth.of(cut) <= columns)
    }
}
