import Foundation
import KeysmithTestSupport
import Testing

/// `keysmith --help`: the overview reads as whole sentences, wrapped by the
/// argument parser, never cut by a line break written into the text.
@Suite struct HelpTextTests {
    @Test("no line of the overview ends mid-sentence short of the wrap width")
    func overviewIsNotBrokenMidSentence() throws {
        let result = try keysmith(["--help"])
        #expect(result.status == 0)
        let overview = result.out.components(separatedBy: "\nUSAGE:").first ?? ""
        let lines = overview.split(separator: "\n", omittingEmptySubsequences: false)
        for (line, next) in zip(lines, lines.dropFirst()) where !next.isEmpty {
            let ended = line.hasSuffix(".") || line.hasSuffix(":") || line.isEmpty
            // A wrapped line is full: the next line's first word would not have fitted on it
            // (the parser wraps at 79 columns when there is no terminal to ask).
            let nextWord = next.split(separator: " ").first?.count ?? 0
            #expect(ended || line.count + 1 + nextWord > 79, "cut mid-sentence: \"\(line)\" / \"\(next)\"")
        }
    }
}
