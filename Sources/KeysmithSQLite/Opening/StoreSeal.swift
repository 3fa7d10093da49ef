import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What keysmith knew of a store file when it last let go of it cleanly: the file's and its
/// write-ahead log's identity, size and modification time, kept beside it in `PATH-verified`.
///
/// A store whose files still match its seal has been changed only by keysmith since it was
/// last verified, and opens at once. Any other change — an edit with `sqlite3`, a copy, a
/// restore, a keysmith process killed mid-way — leaves the seal behind, and the next open for
/// writing reads every row first (README: damaged stores), so that damage anywhere in the
/// store is found before anything is written, not only in the rows a command reads.
enum StoreSeal {
    /// The seal file of the store at `path`.
    static func file(of path: String) -> String { path + "-verified" }

    /// The store's files as they are now: device, inode, size and modification time (to the
    /// nanosecond) of the file and of its write-ahead log (`-` when there is none).
    static func fingerprint(_ path: String) -> String? {
        guard let store = describe(path) else { return nil }
        return "keysmith-seal 2 " + store + " " + (describe(path + "-wal") ?? "-")
    }

    /// Device, inode, size, and the modification and status-change times: the status-change
    /// time cannot be set back by hand (`touch -r` sets the modification time and moves it).
    private static func describe(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
        let (modified, changed) = (info.st_mtimespec, info.st_ctimespec)
        #else
        let (modified, changed) = (info.st_mtim, info.st_ctim)
        #endif
        return "\(info.st_dev):\(info.st_ino):\(info.st_size):\(modified.tv_sec).\(modified.tv_nsec):\(changed.tv_sec).\(changed.tv_nsec)"
    }

    /// The seal kept for `path`, if any.
    static func read(_ path: String) -> String? {
        let fd = open(file(of: path), O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 512)
        let n = SystemRead(fd, &buffer, buffer.count)
        guard n > 0 else { return nil }
        return String(decoding: buffer.prefix(n), as: UTF8.self)
    }

    /// Whether the store's files are as its seal says.
    static func holds(_ path: String) -> Bool {
        guard let seal = read(path), let now = fingerprint(path) else { return false }
        return seal == now
    }

    /// Seals the store's files as they are now (written to a new file and renamed over the old
    /// one, mode 0600). A store whose directory may not be written keeps no seal, and is
    /// verified at each open for writing.
    static func write(_ path: String) {
        guard let now = fingerprint(path) else { return }
        let target = file(of: path)
        let temporary = target + ".\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        let bytes = Array(now.utf8)
        let written = bytes.withUnsafeBytes { SystemWrite(fd, $0.baseAddress, $0.count) }
        close(fd)
        if written == bytes.count { rename(temporary, target) } else { unlink(temporary) }
    }

    /// Forgets the seal (the store changed in a way keysmith cannot vouch for).
    static func remove(_ path: String) { unlink(file(of: path)) }
}

#if canImport(Glibc)
private let SystemRead = Glibc.read
private let SystemWrite = Glibc.write
#elseif canImport(Darwin)
private let SystemRead = Darwin.read
private let SystemWrite = Darwin.write
#endif

/// What one store value knows of its files (``StoreSeal``): how its own last commit left them,
/// and whether their content is known sound — found sealed, read whole, or new — with no one
/// else having written since. Only a trusted store is sealed when it is let go of.
final class SealKeeper: Sendable {
    private struct State {
        var lastKnown: String?
        var trusted: Bool
    }

    let path: String
    private let state: Mutex<State>

    init(path: String, trusted: Bool) {
        self.path = path
        state = Mutex(State(lastKnown: StoreSeal.fingerprint(path), trusted: trusted))
    }

    /// Inside a write transaction, before writing: files changed since this process last left
    /// them were written by someone else (another keysmith, or a hand), so their content is no
    /// longer known sound.
    func beforeOwnWrite() {
        let now = StoreSeal.fingerprint(path)
        state.withLock { if $0.lastKnown != now { $0.trusted = false } }
    }

    /// After this process's commit.
    func afterOwnWrite() {
        let now = StoreSeal.fingerprint(path)
        state.withLock { $0.lastKnown = now }
    }

    /// Whether the files are sound and as this process left them (so they may be sealed).
    var sealable: Bool {
        let now = StoreSeal.fingerprint(path)
        return state.withLock { $0.trusted && $0.lastKnown == now }
    }

    /// The files, as they were when a whole-store read began, turned out sound.
    func verified(asOf fingerprint: String?) {
        state.withLock { state in
            if state.lastKnown == fingerprint { state.trusted = true }
        }
    }
}
