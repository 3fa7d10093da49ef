/// One command: the words between two separators (a newline or `;`).
///
/// `key create ci --expires 30d` is a command of four bare words.
package struct Command: Hashable, Sendable {
    /// The command's words; never empty.
    package let words: [Word]
    /// Where the first word starts.
    package let location: SourceLocation
    /// The command as written, for echoing `> command` in transcripts: from
    /// the start of the first word to the end of the last, with each
    /// backslash-newline continuation (and the blanks around it) joined into
    /// a single space. Words, blocks included, are kept verbatim, so newlines
    /// inside a block or quotes stay (a `\r\n` reads as `\n`).
    package let sourceText: String

    package init(words: [Word], location: SourceLocation, sourceText: String) {
        precondition(!words.isEmpty, "a command has at least one word")
        self.words = words
        self.location = location
        self.sourceText = sourceText
    }

    /// A command made of a run of another command's words, as `expect ok
    /// key list` runs `key list`: located at its first word, its source text
    /// the words' source texts joined by single spaces.
    package init(words: some Collection<Word>) {
        precondition(!words.isEmpty, "a command has at least one word")
        self.init(
            words: Array(words),
            location: words.first!.location,
            sourceText: words.map(\.sourceText).joined(separator: " "))
    }
}
