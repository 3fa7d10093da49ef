/// The text of a script and the name it is reported under (a path, or a
/// label such as `<stdin>` or `<repl>`).
public struct SourceFile: Sendable {
    public let name: String
    public let text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }

    /// The 1-based line `number` without its line ending (`\n` or `\r\n`),
    /// or nil when the text has no such line.
    public func line(_ number: Int) -> Substring? {
        guard number >= 1 else { return nil }
        let utf8 = text.utf8
        var start = utf8.startIndex
        var current = 1
        while current < number {
            guard let newline = utf8[start...].firstIndex(of: ASCII.newline) else { return nil }
            start = utf8.index(after: newline)
            current += 1
        }
        var end = utf8[start...].firstIndex(of: ASCII.newline) ?? utf8.endIndex
        if end > start, utf8[utf8.index(before: end)] == ASCII.carriageReturn {
            end = utf8.index(before: end)
        }
        return text[start..<end]
    }
}
