/// How a transcript compares with its golden file, line by line: a line ends with `\n` or
/// `\r\n`, and the last line may lack its ending. A golden that differs only in those
/// endings matches, and the comparison says how it differs so the report can mention it.
/// Frozen: these are all the cases there will be, so a switch may list them without a default.
public enum GoldenComparison: Equatable, Sendable {
    /// The same lines with the same endings.
    case identical
    /// The same lines; only the endings differ (`note` says how, e.g. "the golden has CRLF
    /// line endings").
    case sameLines(note: String)
    /// Different lines: a unified diff of them (endings left out).
    case different(diff: String)

    /// Whether the scenario's transcript counts as matching its golden.
    public var matches: Bool {
        if case .different = self { return false }
        return true
    }

    /// Compares `golden` (read from `goldenName`) with `transcript`.
    package static func compare(golden: String, transcript: String, goldenName: String) -> GoldenComparison {
        if golden == transcript { return .identical }
        let goldenLines = GoldenLines(golden), transcriptLines = GoldenLines(transcript)
        guard goldenLines.lines == transcriptLines.lines else {
            return .different(diff: UnifiedDiff.diff(golden, transcript, oldName: goldenName, newName: "transcript"))
        }
        var notes: [String] = []
        if goldenLines.crlfCount != transcriptLines.crlfCount {
            notes.append(transcriptLines.crlfCount == 0 ? "the golden has CRLF line endings" : "the line endings differ (CRLF and LF)")
        }
        if !goldenLines.lastLineEnded && transcriptLines.lastLineEnded {
            notes.append("the golden has no final newline")
        } else if goldenLines.lastLineEnded && !transcriptLines.lastLineEnded {
            notes.append("the transcript has no final newline")
        }
        if notes.isEmpty { notes.append("the line endings differ") }
        return .sameLines(note: notes.joined(separator: " and "))
    }
}

/// A text split into lines for comparison: each line without its `\n` or `\r\n`.
struct GoldenLines {
    var lines: [Substring] = []
    var crlfCount = 0
    var lastLineEnded = true

    /// Splits on the `\n` byte (a `\r\n` pair is one Character, so characters will not do).
    init(_ text: String) {
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = utf8.startIndex
        while index < utf8.endIndex {
            if utf8[index] == 0x0A {
                var end = index
                if end > start, utf8[utf8.index(before: end)] == 0x0D {
                    end = utf8.index(before: end)
                    crlfCount += 1
                }
                lines.append(Substring(utf8[start..<end]))
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        if start < utf8.endIndex {
            lines.append(Substring(utf8[start...]))
            lastLineEnded = false
        }
    }
}
