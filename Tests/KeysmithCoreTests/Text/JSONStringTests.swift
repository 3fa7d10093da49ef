import Foundation
import Testing

@testable import KeysmithCore

/// Every JSON keysmith writes by hand escapes strings one way, and what it writes reads back
/// as the same text through a standard JSON parser.
@Suite struct JSONStringTests {
    @Test(
        "escapes quotes, backslashes, control characters, DEL and the line separators, and round-trips",
        arguments: ["plain", "quote \" and \\ backslash", "line\nbreak\r\ttab", "\u{0}\u{1}\u{1F}\u{7F}", "\u{2028}\u{2029}", "café ☕ 𝄞"])
    func escapesAndRoundTrips(text: String) throws {
        var out = ""
        JSONString.append(text, to: &out)
        #expect(!out.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0 == "\u{2028}" || $0 == "\u{2029}" })
        let read = try JSONSerialization.jsonObject(with: Data("[\(out)]".utf8)) as? [String]
        #expect(read == [text])
    }
}
