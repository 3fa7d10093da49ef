import CLibEdit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A libedit `History`: the in-memory list the editor's Up and Down walk,
/// capped, with no entry equal to the one before it, loaded from and saved
/// to a ``HistoryFile``.
final class EditHistory {
    let handle: OpaquePointer
    let maxEntries: Int

    init(maxEntries: Int) {
        guard let handle = history_init() else { preconditionFailure("history_init failed: out of memory") }
        self.handle = handle
        self.maxEntries = maxEntries
        var event = HistEvent()
        ks_history_setsize(handle, &event, Int32(clamping: maxEntries))
        ks_history_setunique(handle, &event, 1)
    }

    deinit {
        history_end(handle)
    }

    /// Appends `line` unless it equals the newest entry; drops the oldest
    /// entry beyond the cap. True when the line was added.
    @discardableResult
    func add(_ line: String) -> Bool {
        var event = HistEvent()
        if ks_history_first(handle, &event) == 0, let newest = event.str, String(cString: newest) == line {
            return false
        }
        ks_history_enter(handle, &event, line)
        return true
    }

    /// How many entries the history holds.
    var count: Int {
        var event = HistEvent()
        return ks_history_getsize(handle, &event) == 0 ? Int(event.num) : entries.count
    }

    /// The entries, oldest first.
    var entries: [String] {
        var event = HistEvent()
        var result: [String] = []
        // libedit's "first" is the newest entry; "next" walks towards older ones.
        var status = ks_history_first(handle, &event)
        while status == 0 {
            if let text = event.str { result.append(String(cString: text)) }
            status = ks_history_next(handle, &event)
        }
        return result.reversed()
    }

    /// Replaces the entries by those in `file`; a missing file is an empty history.
    func load(from file: HistoryFile) throws(LineEditorError) {
        var event = HistEvent()
        ks_history_clear(handle, &event)
        guard access(file.path, F_OK) == 0 else { return }
        if ks_history_load(handle, &event, file.path) < 0 {
            throw .cannotLoadHistory(path: file.path)
        }
    }

    /// Writes the entries to `file` with mode 0600, atomically: a reader sees
    /// the old file or the new one, never half of one.
    func save(to file: HistoryFile) throws(LineEditorError) {
        try file.createDirectory()
        let temporary = file.path + ".tmp-\(getpid())"
        unlink(temporary)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .cannotSaveHistory(path: file.path, errno: errno) }
        // The umask may have taken bits away; set exactly 0600.
        guard fchmod(descriptor, 0o600) == 0, let stream = fdopen(descriptor, "w") else {
            let code = errno
            close(descriptor)
            unlink(temporary)
            throw .cannotSaveHistory(path: file.path, errno: code)
        }
        var event = HistEvent()
        let saved = ks_history_save_fp(handle, &event, stream)
        let code = errno
        guard fclose(stream) == 0, saved >= 0 else {
            unlink(temporary)
            throw .cannotSaveHistory(path: file.path, errno: code == 0 ? EIO : code)
        }
        guard rename(temporary, file.path) == 0 else {
            let code = errno
            unlink(temporary)
            throw .cannotSaveHistory(path: file.path, errno: code)
        }
    }
}
