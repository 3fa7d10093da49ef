/// The completer's answer for the text before the cursor.
///
/// `replacing` counts the characters just before the cursor (the partial
/// word) that each candidate replaces: for `key cre` completing to `create`,
/// `CompletionResult(candidates: ["create"], replacing: 3)`.
public struct CompletionResult: Sendable, Equatable {
    /// Full replacements for the partial word, in the order to list them.
    package var candidates: [String]
    /// How many characters before the cursor the candidates replace.
    package var replacing: Int

    /// Whether a single completed candidate is followed by a space. False for list items
    /// (`--grants A,B`), where a comma may come next.
    package var appendsSpace: Bool

    /// Creates a result; `replacing` is clamped to the text available.
    package init(candidates: [String], replacing: Int, appendsSpace: Bool = true) {
        self.candidates = candidates
        self.replacing = max(0, replacing)
        self.appendsSpace = appendsSpace
    }

    /// No candidates: Tab beeps.
    package static let none = CompletionResult(candidates: [], replacing: 0)
}
