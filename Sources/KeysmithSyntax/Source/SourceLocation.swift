/// A position in a script: a file name and a 1-based line and column.
///
/// Lines are separated by `\n` (a `\r\n` pair counts as one newline). The
/// column is 1 plus the number of Unicode scalars before the position on its
/// line, so `"café ✓" x` puts `x` at column 10 whatever the encoding width of
/// `é` and `✓`. Prints as `file:line:column`, like compiler diagnostics.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The source's name, as ``SourceFile/name``.
    public let file: String
    /// The line, from 1; a `\r\n` pair ends one line.
    public let line: Int
    /// The column, from 1: one plus the Unicode scalars before the position on its line.
    public let column: Int

    package init(file: String, line: Int, column: Int) {
        precondition(line >= 1 && column >= 1, "source locations are 1-based")
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, as compilers print positions.
    public var description: String { "\(file):\(line):\(column)" }
}
