import KeysmithPlatform

/// Writes text to standard output at once, unbuffered (a script waits for `serve`'s first
/// line). Everything the CLI prints outside a session goes through here, so a failed write
/// (a full disk, a closed descriptor) is kept and fails the process as ``Main/exit(_:)`` says.
enum StandardOutputLine {
    /// Writes `text`; returns the `errno` of a failed write, 0 when all was written.
    @discardableResult
    static func write(_ text: String) -> Int32 {
        SystemCalls.write(1, text)
    }
}
