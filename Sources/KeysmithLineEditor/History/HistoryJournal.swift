#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps a ``HistoryFile`` in step with an ``EditHistory`` at a cost per entry that does not
/// grow with the file: a new entry is appended to the file (one `write` of its line), and the
/// file is rewritten whole (atomically, through ``EditHistory/save(to:)``) only when it would
/// hold more than twice the history's cap, which brings it back to the newest entries.
///
/// A file that does not exist yet, or whose length is unknown, is written whole the first time.
final class HistoryJournal {
    let history: EditHistory
    let file: HistoryFile
    /// Entries in the file, as far as this process knows; nil until it has read or written it.
    private(set) var entriesInFile: Int?
    /// How many times the file was rewritten whole (a test counts them).
    private(set) var rewrites = 0

    init(history: EditHistory, file: HistoryFile) {
        self.history = history
        self.file = file
    }

    /// Loads the file into the history and counts its entries.
    func load() throws(LineEditorError) {
        try history.load(from: file)
        entriesInFile = Self.countEntries(at: file.path)
    }

    /// Adds `line` to the history and to the file, unless it repeats the newest entry.
    func record(_ line: String) throws(LineEditorError) {
        guard history.add(line) else { return }
        if let count = entriesInFile, count < 2 * file.maxEntries, append(line) {
            entriesInFile = count + 1
            return
        }
        try history.save(to: file)
        rewrites += 1
        entriesInFile = history.count
    }

    /// Appends `line` to the existing file (mode set to 0600 again); false when the file is
    /// missing or the write fails, and the caller rewrites it whole.
    private func append(_ line: String) -> Bool {
        let descriptor = open(file.path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        guard fchmod(descriptor, 0o600) == 0 else { return false }
        let bytes = HistoryLineEncoding.encoded(line)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        return written == bytes.count
    }

    /// Lines after the `_HiStOrY_V2_` header in the file at `path`; 0 when it does not exist,
    /// nil when it cannot be read.
    static func countEntries(at path: String) -> Int? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return errno == ENOENT ? 0 : nil }
        defer { close(descriptor) }
        var lines = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 { return nil }
            if count == 0 { break }
            for index in 0..<count where buffer[index] == UInt8(ascii: "\n") { lines += 1 }
        }
        return max(0, lines - 1)
    }
}
