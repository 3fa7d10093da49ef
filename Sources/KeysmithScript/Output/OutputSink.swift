import KeysmithCore
import KeysmithPlatform
import Synchronization

/// Where a session's output goes. The REPL colours it on a terminal; scripts and golden
/// tests write plain text. `style` says what a piece of text is, not how it looks.
public protocol OutputSink: AnyObject {
    /// Writes `text` as it is (no newline added); `style` says what the text is.
    func write(_ text: String, style: OutputStyle)
    /// Called after every command (at any depth). A buffering sink flushes here when the
    /// command printed a secret: a created key's secret must reach the output before the next
    /// command runs, or a process killed later would leave a committed key nobody can use.
    /// A sink that could not write throws: the script stops there, before it makes another
    /// key whose secret would be lost too.
    func commandFinished() throws
}

/// What a piece of output is, so a terminal can colour it.
/// Not frozen: new cases may come in a later version, so a switch outside keysmith needs an
/// `@unknown default` (`@nonexhaustive`; inside the package switches stay exhaustive).
@nonexhaustive
public enum OutputStyle: Sendable, Hashable {
    case plain, error, warning, allow, deny, secret, success, dim
}

extension OutputSink {
    /// Does nothing: a sink that does not buffer has nothing to flush.
    public func commandFinished() {}

    /// Writes `text` and a newline.
    public func line(_ text: String, style: OutputStyle = .plain) { write(text + "\n", style: style) }
}

/// Collects output in memory (tests, golden transcripts, embedding).
public final class BufferedOutput: OutputSink {
    /// Everything written since the sink was made or last reset, styles dropped.
    public private(set) var text = ""
    /// An empty sink.
    public init() {}
    /// Appends `text` to ``text``; the style is dropped.
    public func write(_ text: String, style: OutputStyle) { self.text += text }
    /// Empties ``text``.
    public func reset() { text = "" }
}

/// Writes to standard output, buffered; plain text only. A write that fails (a full disk, a
/// closed descriptor) stops the script at the end of its command; the process reports it.
public final class StandardOutput: OutputSink {
    private var buffer: [UInt8] = []
    /// Whether the buffer holds a secret, flushed when its command finishes.
    private var holdsSecret = false
    /// Whether anything has been written out yet.
    private var wroteOnce = false
    /// A sink with an empty buffer; whatever is still buffered is written when it is freed.
    public init() { buffer.reserveCapacity(1 << 16) }
    deinit { flush() }

    /// Buffers `text` (styles are dropped), writing the buffer out once it holds 32 KiB.
    public func write(_ text: String, style: OutputStyle) {
        buffer.append(contentsOf: text.utf8)
        if style == .secret { holdsSecret = true }
        if buffer.count >= 1 << 15 { flush() }
    }

    /// Writes the buffer out if it holds a secret, so a created key's secret is never lost,
    /// or if it holds the first output of all (one write, so that an output that cannot be
    /// written at all — a full device, a closed descriptor or pipe — stops the script at its
    /// first command that prints); throws once a write to standard output has failed.
    public func commandFinished() throws {
        if holdsSecret || (!wroteOnce && !buffer.isEmpty) {
            wroteOnce = true
            flush()
        }
        let error = SystemCalls.standardOutputError
        if error != 0 { throw StandardOutputFailure(errno: error) }
    }

    package func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { _ = SystemCalls.write(1, $0) }
        buffer.removeAll(keepingCapacity: true)
        holdsSecret = false
    }
}

/// Standard output could not be written: what was printed is lost, so the run must fail. The
/// description is the one line the process prints on standard error.
package struct StandardOutputFailure: Error, CustomStringConvertible {
    /// The `errno` of the first failed write.
    package let errno: Int32
    package var description: String { "cannot write standard output: \(SystemCalls.describe(errno))" }

    /// The failure so far, if a write to standard output has failed.
    package static var current: Self? {
        let error = SystemCalls.standardOutputError
        return error == 0 ? nil : Self(errno: error)
    }
}
