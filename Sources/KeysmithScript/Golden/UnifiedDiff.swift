/// A unified diff of two texts, line by line, with three lines of context — what
/// `keysmith test` prints when a transcript does not match its golden.
public enum UnifiedDiff {
    public static func diff(_ old: String, _ new: String, oldName: String, newName: String) -> String {
        let a = lines(old), b = lines(new)
        let ops = editScript(a, b)
        var out = "--- \(oldName)\n+++ \(newName)\n"
        let context = 3
        var i = 0
        while i < ops.count {
            guard ops[i].kind != .same else { i += 1; continue }
            var start = i
            while start > 0 && ops[start - 1].kind == .same && i - start < context { start -= 1 }
            var end = i
            var sameRun = 0
            while end < ops.count {
                if ops[end].kind == .same { sameRun += 1; if sameRun > context * 2 { break } } else { sameRun = 0 }
                end += 1
            }
            end -= max(0, min(sameRun, sameRun - context))
            let hunk = ops[start..<end]
            let oldStart = hunk.first.map { $0.oldIndex } ?? 0
            let newStart = hunk.first.map { $0.newIndex } ?? 0
            let oldCount = hunk.filter { $0.kind != .insert }.count
            let newCount = hunk.filter { $0.kind != .delete }.count
            out += "@@ -\(oldStart + (oldCount > 0 ? 1 : 0)),\(oldCount) +\(newStart + (newCount > 0 ? 1 : 0)),\(newCount) @@\n"
            for op in hunk {
                switch op.kind {
                case .same: out += " " + a[op.oldIndex] + "\n"
                case .delete: out += "-" + a[op.oldIndex] + "\n"
                case .insert: out += "+" + b[op.newIndex] + "\n"
                }
            }
            i = end
        }
        return out
    }

    static func lines(_ text: String) -> [String] {
        var result = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if result.last == "" { result.removeLast() }
        return result
    }

    struct Op { enum Kind { case same, delete, insert }; let kind: Kind; let oldIndex: Int; let newIndex: Int }

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
            if i < n && j < m && a[i] == b[j] { ops.append(Op(kind: .same, oldIndex: i, newIndex: j)); i += 1; j += 1 }
            else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) { ops.append(Op(kind: .insert, oldIndex: i, newIndex: j)); j += 1 }
            else { ops.append(Op(kind: .delete, oldIndex: i, newIndex: j)); i += 1 }
        }
        return ops
    }
}
