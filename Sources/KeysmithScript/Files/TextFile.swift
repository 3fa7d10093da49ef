import KeysmithCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import KeysmithSyntax

/// Whole-file reads and writes for scripts, goldens and the command line, without Foundation.
package enum TextFile {
    /// The file's text, or nil when it is missing, unreadable or a directory. Bytes that are
    /// not UTF-8 read as U+FFFD: scripts go through ``source(_:name:)`` instead, which refuses them.
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

    /// Whether `path` names a directory.
    package static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// The script at `path` (shown as `name`), or nil when it cannot be read; bytes that are
    /// not UTF-8 make it a syntax error at their position when it is parsed.
    package static func source(_ path: String, name: String? = nil) -> SourceFile? {
        readBytes(path).map { SourceFile(name: name ?? path, bytes: $0) }
    }

    /// Everything left on standard input, as a script named `<stdin>`.
    package static func standardInputSource() -> SourceFile {
        SourceFile(name: "<stdin>", bytes: readAll(0) ?? [])
    }

    /// Replaces the file's contents with `text`; false on failure.
    package static func write(_ path: String, _ text: String) -> Bool {
        guard let file = fopen(path, "wb") else { return false }
        let bytes = Array(text.utf8)
        let written = bytes.isEmpty ? 0 : fwrite(bytes, 1, bytes.count, file)
        return fclose(file) == 0 && written == bytes.count
    }

    /// The directory part of a path (`.` when there is none).
    package static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func readAll(_ fd: Int32) -> [UInt8]? { SystemCalls.readAll(fd) }
}
