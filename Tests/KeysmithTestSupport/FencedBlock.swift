import Testing

/// A fenced code block of a Markdown file: its info string, first line and text.
public struct FencedBlock: Sendable, CustomTestStringConvertible {
    /// The Markdown file's name, for test descriptions.
    public let file: String
    public let info: String
    /// The line of the opening fence, 1-based.
    public let line: Int
    public let text: String

    public var testDescription: String { "\(file):\(line) (\(info))" }

    /// Every block of `markdown` fenced by lines starting with three backticks.
    public static func all(in markdown: String, file: String = "README.md") -> [FencedBlock] {
        var blocks: [FencedBlock] = []
        var open: (info: String, line: Int)?
        var body: [Substring] = []
        for (index, line) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let current = open {
                if line.hasPrefix("```") {
                    blocks.append(
                        FencedBlock(file: file, info: current.info, line: current.line, text: body.joined(separator: "\n") + "\n"))
                    open = nil
                    body = []
                } else {
                    body.append(line)
                }
            } else if line.hasPrefix("```") {
                open = (String(line.dropFirst(3).filter { $0 != " " }), index + 1)
            }
        }
        return blocks
    }

    /// The input and the expected output of a transcript block: a line starting with a
    /// prompt (`me> `, or another user's `alice> `) is input, the lines after it its output.
    /// The expected text is the transcript the scenario runner echoes: `> command`, output.
    public var transcript: (input: String, expected: String) {
        var input = "", expected = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            if let prompt = line.firstRange(of: "> "), !line[..<prompt.lowerBound].contains(" "),
                !line[..<prompt.lowerBound].isEmpty
            {
                let command = line[prompt.upperBound...]
                input += command + "\n"
                expected += "> " + command + "\n"
            } else {
                expected += line + "\n"
            }
        }
        return (input, expected)
    }
}
