import CLibEdit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension LibEditLineEditor {
    /// The Tab command: asks ``completer`` about the text before the cursor
    /// and applies the ``CompletionAction``; returns libedit's `CC_*` code.
    func complete() -> UInt8 {
        guard let completer, let info = el_line(editLine)?.pointee else { return UInt8(CC_ERROR) }
        let before = String(decoding: UnsafeRawBufferPointer(start: info.buffer, count: info.cursor - info.buffer), as: UTF8.self)
        switch CompletionAction(lineBeforeCursor: before, result: completer(before)) {
        case .beep:
            return UInt8(CC_ERROR)
        case .edit(let deleting, let inserting):
            if deleting > 0 { el_deletestr(editLine, Int32(deleting)) }
            if !inserting.isEmpty, el_insertstr(editLine, inserting) != 0 { return UInt8(CC_ERROR) }
            return UInt8(CC_REFRESH)
        case .list(let candidates):
            let lines = CandidateColumns.lines(candidates, width: terminalWidth())
            write(text: "\n" + lines.joined(separator: "\n") + "\n")
            return UInt8(CC_REDISPLAY)
        }
    }

    private func terminalWidth() -> Int {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }
}
