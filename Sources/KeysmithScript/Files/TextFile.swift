import KeysmithCore
import KeysmithPlatform
import KeysmithSyntax

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads and writes for goldens and the command line, without Foundation. Scripts
/// to run are read through ``ScriptInput``, which bounds them.
package enum TextFile {
    /// The file's text, or nil when it is missing, unreadable or a directory. Bytes that are
    /// not UTF-8 read as U+FFFD: scripts go through ``ScriptInput`` instead, which refuses them.
    package static func read(_ path: String) -> String? {
        readBytes(path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The file's bytes, or nil when it is missing, unreadable or a directory.
    package static func readBytes(_ path: String) -> [UInt8]? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR else { return nil }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        return readAll(fd)
    }

    /// At most the first `count` bytes of the regular file at `path`; nil when there is no
    /// regular file there or it cannot be read. Reads no further, however large the file.
    package static func readPrefix(_ path: String, count: Int) -> [UInt8]? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: count)
        #if canImport(Glibc)
        let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, count) }
        #else
        let n = bytes.withUnsafeMutableBytes { Darwin.read(fd, $0.baseAddress, count) }
        #endif
        return n < 0 ? nil : Array(bytes[0..<n])
    }

    /// Whether something (a file, a directory, anything) is at `path`.
    package static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// Whether `path` names a directory.
    package static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Replaces the file's contents with `text`; false on failure.
    package static func write(_ path: String, _ text: String) -> Bool {
        replaceContents(of: path, with: text) == nil
    }

    /// Replaces the file's contents with `text`; on failure, why, in plain words
    /// (`permission denied`, `no such directory "out"`), naming directories as `name` (the
    /// path as the person wrote it; by default `path`) does.
    /// Opened without waiting, so a FIFO nobody reads is refused (`ENXIO`) instead of hanging.
    package static func replaceContents(of path: String, named name: String? = nil, with text: String) -> String? {
        let shown = name ?? path
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NONBLOCK | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return whyNotWritable(shown, errno: errno) }
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }  // writes wait again
        var text = text
        let failure = text.withUTF8 { SystemCalls.write(fd, UnsafeRawBufferPointer($0)) }
        guard close(fd) == 0 else { return whyNotWritable(shown, errno: errno) }
        return failure == 0 ? nil : whyNotWritable(shown, errno: failure)
    }

    /// Why `path` could not be written, from the `errno` opening or writing it set.
    package static func whyNotWritable(_ path: String, errno code: Int32) -> String {
        switch code {
        case ENOENT: return "no such directory \"\(directory(of: path))\""
        case EACCES, EPERM: return "permission denied"
        case EISDIR: return "it is a directory"
        case ENOTDIR: return "a part of the path before the file name is not a directory"
        case EROFS: return "the file system is read-only"
        case ENOSPC: return "no space left on the device"
        case ENXIO: return "it is a FIFO nobody is reading"
        default: return String(cString: strerror(code)).lowercased()
        }
    }

    /// The directory part of a path (`.` when there is none).
    package static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func readAll(_ fd: Int32) -> [UInt8]? { SystemCalls.readAll(fd) }
}
