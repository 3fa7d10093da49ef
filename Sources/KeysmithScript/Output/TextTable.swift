import KeysmithCore
import KeysmithPlatform

/// A plain text table with left-aligned columns separated by two spaces; stable output for
/// listings in transcripts. Columns line up by display width (``DisplayWidth``: wide CJK
/// characters and emoji take two columns), and every cell is shown safely
/// (``PrintableText/shown(_:keepingLineBreaks:)``): a name from an older store that holds a
/// control character or a secret cannot forge a row, move the terminal or leak.
struct TextTable {
    private let header: [String]
    private var rows: [[String]] = []

    init(_ header: [String]) { self.header = header }

    mutating func add(_ row: [String]) { rows.append(row.map { PrintableText.shown($0) }) }

    var rendered: String {
        let all = [header] + rows
        let cellWidths = all.map { $0.map(DisplayWidth.of) }
        var widths = [Int](repeating: 0, count: header.count)
        for row in cellWidths { for (i, width) in row.enumerated() { widths[i] = max(widths[i], width) } }
        var out = ""
        for (r, row) in all.enumerated() {
            var line = ""
            for (i, cell) in row.enumerated() {
                line += cell
                if i < row.count - 1 { line += String(repeating: " ", count: widths[i] - cellWidths[r][i] + 2) }
            }
            while line.last == " " { line.removeLast() }
            out += line + "\n"
        }
        return out
    }
}
