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

    /// Says what is at `path`, refusing what can never be a store.
    static func inspect(_ path: String) throws(SQLiteStoreError) -> State {
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
        // Read-write: a store someone may only read cannot record its audit log.
        let fd = open(path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadable(path, reason: describe(errno)) }
        defer { close(fd) }
        var header = [UInt8](repeating: 0, count: sqliteHeader.count)
        let n = read(fd, &header, header.count)
        if n < 0 { throw .unreadable(path, reason: describe(errno)) }
        if n == 0 { return .empty }
        guard n == header.count, header == sqliteHeader else { throw .notSQLite(path) }
        return .sqlite
    }

    /// Creates the directories leading to `path` (mode 0700, only those that are missing) and
    /// the file itself (mode 0600). Someone else creating it at the same moment is fine.
    static func create(_ path: String) throws(SQLiteStoreError) {
        try makeDirectories(leadingTo: path)
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
