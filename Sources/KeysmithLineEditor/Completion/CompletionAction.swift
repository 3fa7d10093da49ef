/// What Tab does to the line, decided from a ``CompletionResult`` without
/// touching the terminal (so the rules are unit-tested).
///
/// - no candidate: beep;
/// - one candidate: replace the partial word by it, then a space unless the
///   candidate ends in `/`, `,` or `=` (more is expected right after) or the
///   result says not to (`appendsSpace`, for list items);
/// - several: replace the partial word by their longest common prefix when
///   that is longer than what was typed, otherwise list them.
enum CompletionAction: Equatable {
    case beep
    /// Delete `deletingScalars` Unicode scalars before the cursor, then insert `inserting`.
    case edit(deletingScalars: Int, inserting: String)
    case list([String])

    static let openEndings: Set<Character> = ["/", ",", "="]

    init(lineBeforeCursor: String, result: CompletionResult) {
        var seen = Set<String>()
        let candidates = result.candidates.filter { seen.insert($0).inserted }
        let partial = String(lineBeforeCursor.suffix(result.replacing))
        switch candidates.count {
        case 0:
            self = .beep
        case 1:
            let only = candidates[0]
            let closing = !result.appendsSpace || only.last.map(Self.openEndings.contains) == true ? "" : " "
            self = Self.edit(from: partial, to: only + closing)
        default:
            let prefix = Self.longestCommonPrefix(candidates)
            if prefix.count > partial.count {
                self = Self.edit(from: partial, to: prefix)
            } else {
                self = .list(candidates)
            }
        }
    }

    /// The smallest edit turning `old` (just before the cursor) into `new`:
    /// keep the shared leading scalars, delete the rest, insert the difference.
    static func edit(from old: String, to new: String) -> CompletionAction {
        let oldScalars = Array(old.unicodeScalars)
        let newScalars = Array(new.unicodeScalars)
        var shared = 0
        while shared < oldScalars.count, shared < newScalars.count, oldScalars[shared] == newScalars[shared] {
            shared += 1
        }
        var inserting = String.UnicodeScalarView()
        inserting.append(contentsOf: newScalars[shared...])
        return .edit(deletingScalars: oldScalars.count - shared, inserting: String(inserting))
    }

    static func longestCommonPrefix(_ strings: [String]) -> String {
        guard var prefix = strings.first?[...] else { return "" }
        for string in strings.dropFirst() {
            prefix = prefix.prefix(zip(prefix, string).prefix { $0 == $1 }.count)
        }
        return String(prefix)
    }
}
