#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file system side of opening a store: what is at the path before SQLite sees it, and
/// creating a new store's directory (mode 0700) and file (mode 0600).
///
/// Looking at the bytes first means a directory, an unreadable file or a file that is not
/// SQLite at all is refused without ever being handed to SQLite, so it cannot be modified.
enum StoreFile {
    enum State: Equatable {
        /// Nothing at the path yet.
        case missing
        /// A zero-byte file: SQLite treats it as an empty database.
        case empty
        /// A file with the SQLite header (whose contents are checked next).
        case sqlite
    }

    /// The 16 bytes every SQLite 3 database file starts with.
    static let sqliteHeader: [UInt8] = Array("SQLite format 3".utf8) + [0]

    /// Says what is at `path`, refusing what can never be a store (or, `forWriting`, a file
    /// this process may not write).
    static func inspect(_ path: String, forWriting: Bool = true) throws(SQLiteStoreError) -> State {
        var info = stat()
        if stat(path, &info) != 0 {
            let code = errno
            if code == ENOENT { return .missing }
            throw .unreadable(path, reason: describe(code))
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: throw .isDirectory(path)
        case S_IFREG: break
        default: throw .unreadable(path, reason: "it is not a regular file")
        }
        let fd = open(path, (forWriting ? O_RDWR : O_RDONLY) | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadable(path, reason: describe(errno)) }
        defer { close(fd) }
        var header = [UInt8](repeating: 0, count: sqliteHeader.count)
        let n = read(fd, &header, header.count)
        if n < 0 { throw .unreadable(path, reason: describe(errno)) }
        if n == 0 { return .empty }
        guard n == header.count, header == sqliteHeader else { throw .notSQLite(path) }
        return .sqlite
    }

    /// Why this process may not write the store at `path`, or nil when it may: it needs the
    /// file (when it exists) and, unless SQLite's `-wal` and `-shm` files are already there to
    /// be written, the directory, where SQLite creates them. A missing file counts as
    /// writable: creating it says why not. (`access` answers for the real user; as root it
    /// answers yes, and SQLite writes whatever the mode, so a file without any write
    /// permission bit, such as mode 0400, is read-only for root too: its mode is read first.)
    static func writeBlocker(_ path: String) throws(SQLiteStoreError) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        if info.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH) == 0 { return "the file is not writable" }
        if access(path, W_OK) != 0 {
            let code = errno
            if code == EACCES || code == EPERM { return "the file is not writable" }
            if code == EROFS { return "it is on a read-only file system" }
            throw .unreadable(path, reason: describe(code))
        }
        // A shared-memory file left by a reader with another mode blocks every write.
        if exists(path + "-shm") && access(path + "-shm", W_OK) != 0 { return "its shared-memory file \(path)-shm is not writable" }
        if access(path + "-wal", W_OK) == 0 && access(path + "-shm", W_OK) == 0 { return nil }
        return access(directory(of: path), W_OK) == 0 ? nil : "its directory is not writable"
    }

    /// Whether anything is at `path`.
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// Whether SQLite has a write-ahead log beside `path` that is not empty.
    static func hasWriteAheadLog(_ path: String) -> Bool {
        var info = stat()
        return stat(path + "-wal", &info) == 0 && info.st_size > 0
    }

    /// `path` as a SQLite URI that opens the file as immutable: read without locks or a
    /// shared-memory file, for a store in a directory where SQLite cannot create one.
    static func immutableURI(_ path: String) -> String {
        var escaped = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: "%"), 0..<0x21, 0x7F...:
                escaped += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            default:
                escaped.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return "file:" + escaped + "?immutable=1"
    }

    /// Makes an existing empty file, about to become a store, private (mode 0600) like a new one.
    static func takeOver(_ path: String) throws(SQLiteStoreError) {
        if chmod(path, 0o600) != 0 { throw .cannotCreate(path, reason: describe(errno)) }
    }

    /// The directory holding `path` (`.` for a bare file name).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Creates the file at `path` (mode 0600) and, with `creatingDirectories`, the directories
    /// leading to it (mode 0700, only those that are missing); without, a missing directory is
    /// refused, so a mistyped path never becomes an empty store in new directories. Someone
    /// else creating the file at the same moment is fine.
    static func create(_ path: String, creatingDirectories: Bool) throws(SQLiteStoreError) {
        if creatingDirectories {
            try makeDirectories(leadingTo: path)
        } else {
            try requireDirectory(of: path)
        }
        let fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd < 0 {
            let code = errno
            if code == EEXIST { return }
            throw .cannotCreate(path, reason: describe(code))
        }
        defer { close(fd) }
        // The umask may have taken bits away, never added; make the mode exact anyway.
        if fchmod(fd, 0o600) != 0 { throw .cannotCreate(path, reason: describe(errno)) }
    }

    /// Refuses `path` when the directory that would hold it is missing or not a directory.
    private static func requireDirectory(of path: String) throws(SQLiteStoreError) {
        let directory = directory(of: path)
        var info = stat()
        guard stat(directory, &info) == 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR {
                throw .cannotCreate(
                    path,
                    reason:
                        "its directory \(directory) does not exist (keysmith creates the directories of the default store only; create it first, or check the path)"
                )
            }
            throw .cannotCreate(path, reason: "cannot look at its directory \(directory): \(describe(code))")
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw .cannotCreate(path, reason: "\(directory) is not a directory")
        }
    }

    private static func makeDirectories(leadingTo path: String) throws(SQLiteStoreError) {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return }
        let directory = String(path[..<slash])
        var info = stat()
        if stat(directory, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw .cannotCreate(path, reason: "\(directory) is not a directory")
            }
            return
        }
        try makeDirectories(leadingTo: directory)
        if mkdir(directory, 0o700) != 0 {
            let code = errno
            if code == EEXIST { return }
            throw .cannotCreate(path, reason: "cannot create directory \(directory): \(describe(code))")
        }
        _ = chmod(directory, 0o700)
    }

    static func describe(_ code: Int32) -> String {
        switch code {
        case EACCES, EPERM: return "permission denied"
        case ENOENT: return "no such file or directory"
        case ENOTDIR: return "a part of the path is not a directory"
        case EROFS: return "read-only file system"
        default: return String(cString: strerror(code))
        }
    }
}
