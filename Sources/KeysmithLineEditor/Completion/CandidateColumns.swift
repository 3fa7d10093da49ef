/// Lays candidates out in columns, filled top to bottom like `ls`, to fit a
/// terminal `width` characters wide.
///
/// ```
/// create   delete   list
/// ```
enum CandidateColumns {
    static let gap = 2

    static func lines(_ candidates: [String], width: Int) -> [String] {
        guard !candidates.isEmpty else { return [] }
        let cell = (candidates.map(\.count).max() ?? 0) + gap
        let columns = max(1, (width + gap) / cell)
        let rows = (candidates.count + columns - 1) / columns
        return (0..<rows).map { row in
            var line = ""
            for column in 0..<columns {
                let index = column * rows + row
                guard index < candidates.count else { break }
                let candidate = candidates[index]
                let isLast = index + rows >= candidates.count || column == columns - 1
                line += isLast ? candidate : candidate + String(repeating: " ", count: cell - candidate.count)
            }
            return line
        }
    }
}
