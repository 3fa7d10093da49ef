/// The part of a source line a diagnostic shows under its message: the whole line when it is
/// short, otherwise about ``width`` characters around the caret with `…` where it was cut.
/// Control characters (C0 but tab, DEL, C1), bidi controls and line separators are shown as
/// `\u{1B}`-style escapes, so an echoed line can neither drive the terminal nor reorder itself.
///
/// ```swift
/// let excerpt = SourceExcerpt(line: "echo \u{1B}[2J \"oops", column: 13)
/// excerpt.rendered.text   // echo \u{1B}[2J "oops
/// excerpt.rendered.caret  //                   ^
/// ```
package struct SourceExcerpt: Hashable, Sendable {
    /// The most characters shown of a line; a longer line is cut around the caret.
    package static let width = 100
    /// How many characters before the caret a cut line keeps (when there are that many).
    package static let contextBefore = 40

    /// The shown part of the line, as written (not escaped, no `…`).
    package let text: String
    /// The caret's 1-based column within `text`, counted in Unicode scalars; one past the end
    /// when the caret is at the end of the line.
    package let column: Int
    /// Whether the line goes on before `text`.
    package let cutBefore: Bool
    /// Whether the line goes on after `text`.
    package let cutAfter: Bool

    /// The excerpt of `line` around the 1-based `column` (in Unicode scalars). Costs the
    /// column plus the width, whatever the line's length. `cutBefore` and `cutAfter` say that
    /// `line` itself is already a part of a longer line.
    package init(line: Substring, column: Int, cutBefore: Bool = false, cutAfter: Bool = false) {
        let scalars = line.unicodeScalars
        let width = Self.width
        // A line of at most `width` scalars is shown whole.
        if scalars.index(scalars.startIndex, offsetBy: width, limitedBy: scalars.endIndex).map({ $0 == scalars.endIndex }) ?? true {
            self.init(text: String(line), column: column, cutBefore: cutBefore, cutAfter: cutAfter)
            return
        }
        // `before` counts the scalars of the line before `start`.
        var before = max(0, column - 1 - Self.contextBefore)
        var start: String.UnicodeScalarView.Index
        if let index = scalars.index(scalars.startIndex, offsetBy: before, limitedBy: scalars.endIndex) {
            start = index
        } else {
            start = scalars.endIndex
            before = scalars.count
        }
        let end = scalars.index(start, offsetBy: width, limitedBy: scalars.endIndex) ?? scalars.endIndex
        // Near the end of the line, show a full width anyway by starting earlier.
        var shown = scalars.distance(from: start, to: end)
        while shown < width, start > scalars.startIndex {
            start = scalars.index(before: start)
            shown += 1
            before -= 1
        }
        self.init(
            text: String(Substring(scalars[start..<end])),
            column: column - before,
            cutBefore: cutBefore || start > scalars.startIndex,
            cutAfter: cutAfter || end < scalars.endIndex)
    }

    /// The excerpt of `line` around the 1-based `column`.
    package init(line: String, column: Int) {
        self.init(line: Substring(line), column: column)
    }

    private init(text: String, column: Int, cutBefore: Bool, cutAfter: Bool) {
        self.text = text
        self.column = max(1, column)
        self.cutBefore = cutBefore
        self.cutAfter = cutAfter
    }

    /// The line as shown (escaped, with `…` marks) and the caret line under it. The caret
    /// line copies the tabs before the column, so the caret stays aligned in a terminal.
    package var rendered: (text: String, caret: String) {
        var shown = cutBefore ? "…" : ""
        var caret = cutBefore ? " " : ""
        var column = 1
        for scalar in text.unicodeScalars {
            let display = Self.display(scalar)
            shown += display
            if column < self.column {
                caret += scalar == "\t" ? "\t" : String(repeating: " ", count: display.unicodeScalars.count)
                column += 1
            }
        }
        while column < self.column {
            caret += " "
            column += 1
        }
        if cutAfter { shown += "…" }
        return (shown, caret + "^")
    }

    /// How one character of a source line is shown: itself, or an escape for a character
    /// that is not safe to send to a terminal.
    static func display(_ scalar: Unicode.Scalar) -> String {
        isUnsafe(scalar) ? "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}" : String(scalar)
    }

    /// Controls (C0 but tab, DEL, C1), bidi embeddings, overrides and isolates, the line and
    /// paragraph separators, and a byte-order mark.
    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF: return true
        default: return false
        }
    }
}
