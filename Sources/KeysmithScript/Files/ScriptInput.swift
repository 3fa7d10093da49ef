import KeysmithSyntax

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading a script with limits: `run FILE`, `source FILE` and piped
/// standard input. A file must be a regular file of at most ``maximumBytes`` (refused by its
/// type and size before a byte is read, so `/dev/zero`, a FIFO or a directory never hang or
/// fill memory); no line may be longer than ``maximumLineBytes``, which also bounds standard
/// input that never ends a line (it is read only that far).
package enum ScriptInput {
    /// The most a script may hold: 64 MB.
    package static let maximumBytes = 64 * 1024 * 1024
    /// The most one line of a script may hold, without its line break: 1 MB.
    package static let maximumLineBytes = 1024 * 1024

    /// The script file at `path`, shown in messages and locations as `name`.
    package static func file(_ path: String, name: String? = nil) throws(ScriptInputError) -> SourceFile {
        // Opened without waiting (a FIFO would otherwise block until a writer comes), then
        // judged by what was opened, so nothing can be swapped in between.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw .unreadable(path) }
            if code == EACCES || code == EPERM { throw .failed(path, reason: "permission denied") }
            throw .failed(path, reason: String(cString: strerror(code)).lowercased())
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .failed(path, reason: String(cString: strerror(errno)).lowercased()) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw .notRegularFile(path, kind: kind(of: info.st_mode)) }
        guard info.st_size <= maximumBytes else { throw .tooLarge(path, bytes: Int64(info.st_size)) }
        let shown = name ?? path
        return SourceFile(name: shown, bytes: try readBounded(fd, name: shown, path: path))
    }

    /// Everything on standard input, as a script named `<stdin>`; a regular file redirected in
    /// is judged by its size first, a pipe or a device as it is read.
    package static func standardInput() throws(ScriptInputError) -> SourceFile {
        var info = stat()
        if fstat(0, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size > maximumBytes {
            throw .tooLarge("<stdin>", bytes: Int64(info.st_size))
        }
        return SourceFile(name: "<stdin>", bytes: try readBounded(0, name: "<stdin>", path: "<stdin>"))
    }

    /// Reads `fd` to its end, stopping at the first line over ``maximumLineBytes`` or once
    /// past ``maximumBytes``.
    private static func readBounded(_ fd: Int32, name: String, path: String) throws(ScriptInputError) -> [UInt8] {
        // The descriptor may have been opened without blocking: reads wait for data again.
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 && flags & O_NONBLOCK != 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var line = 1
        var lineLength = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw .failed(path, reason: String(cString: strerror(errno)).lowercased()) }
            if n == 0 { return bytes }
            for byte in buffer[0..<n] {
                if byte == UInt8(ascii: "\n") {
                    line += 1
                    lineLength = 0
                } else {
                    lineLength += 1
                    if lineLength > maximumLineBytes { throw .lineTooLong(name, line: line) }
                }
            }
            guard bytes.count + n <= maximumBytes else { throw .tooLarge(path, bytes: nil) }
            bytes.append(contentsOf: buffer[0..<n])
        }
    }

    /// What a file that is not a regular file is, in words.
    private static func kind(of mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: return "a directory"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFIFO: return "a FIFO"
        case S_IFSOCK: return "a socket"
        default: return "not a file"
        }
    }
}

/// Why a script could not be read (``ScriptInput``): each says which file, and what is wrong.
package enum ScriptInputError: Error, Hashable, CustomStringConvertible {
    /// Missing (a permission refused is ``failed(_:reason:)``, saying so).
    case unreadable(String)
    /// A directory, a device, a FIFO or a socket.
    case notRegularFile(String, kind: String)
    /// Over ``ScriptInput/maximumBytes`` (its size, when known before reading).
    case tooLarge(String, bytes: Int64?)
    /// A line over ``ScriptInput/maximumLineBytes``, by its 1-based number.
    case lineTooLong(String, line: Int)
    /// Any other failure to open or read it.
    case failed(String, reason: String)

    package var description: String {
        switch self {
        case .unreadable(let path):
            return "cannot read \"\(path)\": no such file or not readable"
        case .notRegularFile(let path, let kind):
            return "\(path) is \(kind), not a regular file; a script must be a file"
        case .tooLarge(let path, let bytes?):
            return "\(path) has \(bytes) bytes; a script may have at most \(ScriptInput.maximumBytes) (64 MB)"
        case .tooLarge(let path, nil):
            return "\(path) has more than \(ScriptInput.maximumBytes) bytes (64 MB), the most a script may have"
        case .lineTooLong(let name, let line):
            return "\(name):\(line): the line is longer than \(ScriptInput.maximumLineBytes) bytes (1 MB), the most a script line may hold"
        case .failed(let path, let reason):
            return "cannot read \"\(path)\": \(reason)"
        }
    }
}
