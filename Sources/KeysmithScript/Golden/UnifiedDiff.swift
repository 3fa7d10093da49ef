/// A unified diff of two texts, line by line, with three lines of context — what
/// `keysmith test` prints when a transcript does not match its golden.
package enum UnifiedDiff {
    package static func diff(_ old: String, _ new: String, oldName: String, newName: String) -> String {
        let a = lines(old), b = lines(new)
        let ops = editScript(a, b)
        var out = "--- \(oldName)\n+++ \(newName)\n"
        let context = 3
        let changes = ops.indices.filter { ops[$0].kind != .same }
        var group = 0
        while group < changes.count {
            // Changes closer than twice the context share a hunk.
            var last = group
            while last + 1 < changes.count && changes[last + 1] - changes[last] <= 2 * context { last += 1 }
            let hunk = ops[max(0, changes[group] - context)..<min(ops.count, changes[last] + context + 1)]
            let oldCount = hunk.filter { $0.kind != .insert }.count
            let newCount = hunk.filter { $0.kind != .delete }.count
            let oldStart = hunk.first!.oldIndex + (oldCount > 0 ? 1 : 0)
            let newStart = hunk.first!.newIndex + (newCount > 0 ? 1 : 0)
            out += "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@\n"
            for op in hunk {
                switch op.kind {
                case .same: out += " " + a[op.oldIndex] + "\n"
                case .delete: out += "-" + a[op.oldIndex] + "\n"
                case .insert: out += "+" + b[op.newIndex] + "\n"
                }
            }
            group = last + 1
        }
        return out
    }

    /// The lines of `text` without their `\n` or `\r\n`; a missing final newline is no line.
    static func lines(_ text: String) -> [String] {
        GoldenLines(text).lines.map(String.init)
    }

    struct Op {
        enum Kind { case same, delete, insert }
        let kind: Kind
        let oldIndex: Int
        let newIndex: Int
    }

    /// A shortest edit script by longest common subsequence (transcripts are small).
    static func editScript(_ a: [String], _ b: [String]) -> [Op] {
        let n = a.count, m = b.count
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var ops: [Op] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n && j < m && a[i] == b[j] {
                ops.append(Op(kind: .same, oldIndex: i, newIndex: j))
                i += 1
                j += 1
            } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
                ops.append(Op(kind: .delete, oldIndex: i, newIndex: j))
                i += 1
            } else {
                ops.append(Op(kind: .insert, oldIndex: i, newIndex: j))
                j += 1
            }
        }
        return ops
    }
}
