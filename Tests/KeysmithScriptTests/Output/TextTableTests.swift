import KeysmithCore
import KeysmithPlatform
import Testing

@testable import KeysmithScript

/// Listings align by display width (wide characters and emoji take two columns), and a cell
/// holding a control character or a secret (a name from a store written before names were
/// checked) is shown safely instead of moving the terminal or leaking.
@Suite struct TextTableTests {
    @Test func columnsLineUpByDisplayWidth() {
        var table = TextTable(["NAME", "STATUS"])
        for name in ["ok", "日本語", "🔑🔑", "cafe\u{301}", "ｶﾀｶﾅ"] { table.add([name, "active"]) }
        let lines = table.rendered.split(separator: "\n").map(String.init)
        for line in lines {
            let status = line.range(of: "STATUS") ?? line.range(of: "active")!
            #expect(DisplayWidth.of(String(line[..<status.lowerBound])) == 8, "\(line)")
        }
    }

    @Test func cellsAreShownSafely() {
        let secret = Secret(generatingWith: SeededRandomSource(seed: 1)).text
        var table = TextTable(["NAME", "STATUS"])
        table.add(["x\nkey_fake0000  admin", "active"])
        table.add(["\u{1B}[2J" + secret, "active"])
        #expect(
            table.rendered == """
                NAME                    STATUS
                x\\nkey_fake0000  admin  active
                \\u{1B}[2Jksk_…          active

                """)
    }
}
