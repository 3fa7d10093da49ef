/// "Did you mean …?" by edit distance, for commands, options, grants, users and the like.
package enum Suggestions {
    /// The candidate closest to `input` (case-insensitive edit distance, a swap counting as one
    /// edit), if it is close enough to be a plausible typo: about a third of the input's length.
    package static func closest(to input: String, in candidates: [String]) -> String? {
        let needle = Array(input.lowercased().unicodeScalars)
        var best: (String, Int)? = nil
        for candidate in candidates {
            let d = distance(needle, Array(candidate.lowercased().unicodeScalars))
            if d < (best?.1 ?? Int.max) { best = (candidate, d) }
        }
        guard let (word, d) = best, d <= max(1, (needle.count + 1) / 3), d < needle.count else { return nil }
        return word
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
    /// two neighbours (`kye` → `key`) each cost 1.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}
