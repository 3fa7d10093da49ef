import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few C library calls keysmith makes without Foundation, named once for Linux (Glibc) and
/// macOS (Darwin), so that no other file spells a platform module. For keysmith's own modules
/// (`package`), not for embedders.
package enum SystemCalls {
    /// Ends the process with `status`.
    package static func exit(_ status: Int32) -> Never {
        #if canImport(Glibc)
        Glibc.exit(status)
        #else
        Darwin.exit(status)
        #endif
    }

    /// Writes all of `text` to the file descriptor `fd` (1 standard output, 2 standard error),
    /// retrying after signals; stops at the first error (a full disk, a closed descriptor) and
    /// returns its `errno`, 0 when all was written. A failed write to standard output is also
    /// kept in ``standardOutputError``, so the run can fail instead of passing as silence.
    @discardableResult
    package static func write(_ fd: Int32, _ text: String) -> Int32 {
        var text = text
        return text.withUTF8 { write(fd, UnsafeRawBufferPointer($0)) }
    }

    /// Writes all of `bytes` to `fd`, as ``write(_:_:)-(_,String)``.
    @discardableResult
    package static func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        guard let base = bytes.baseAddress else { return 0 }
        if fd == 1, StandardDescriptors.outputWasClosed { return failed(fd, EBADF) }
        var offset = 0
        while offset < bytes.count {
            #if canImport(Glibc)
            let n = Glibc.write(fd, base + offset, bytes.count - offset)
            #else
            let n = Darwin.write(fd, base + offset, bytes.count - offset)
            #endif
            if n < 0 && errno == EINTR { continue }
            if n < 0 { return failed(fd, errno) }
            if n == 0 { return failed(fd, EIO) }
            offset += n
        }
        return 0
    }

    /// Records the first failed write to standard output and returns `error`.
    private static func failed(_ fd: Int32, _ error: Int32) -> Int32 {
        if fd == 1 { _ = StandardDescriptors.outputError.compareExchange(expected: 0, desired: error, ordering: .relaxed) }
        return error
    }

    /// The `errno` of the first write to standard output that failed, 0 while none has.
    package static var standardOutputError: Int32 { StandardDescriptors.outputError.load(ordering: .relaxed) }

    /// What `errno` `error` means, in the C library's words (`No space left on device`).
    package static func describe(_ error: Int32) -> String { String(cString: strerror(error)) }

    /// Has a write to a pipe whose reader is gone fail with `EPIPE` instead of killing the
    /// process (SIGPIPE), so the run stops like any failed write: the script ends after that
    /// command, the store is closed as usual, and standard error says why.
    package static func ignoreBrokenPipes() {
        _ = signal(SIGPIPE, SIG_IGN)
    }

    /// Opens `/dev/null` on each of standard input, output and error that the process started
    /// without (a shell's `>&-`), so that no file opened later (a store) takes that
    /// number and receives what was meant for the terminal. Output written to a standard
    /// output that was closed still fails, with `EBADF`. Call first thing in `main`.
    package static func reserveStandardDescriptors() {
        for fd: Int32 in 0...2 where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            let opened = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY)
            if opened >= 0 && opened != fd {
                _ = dup2(opened, fd)
                _ = close(opened)
            }
            if fd == 1 { StandardDescriptors.outputWasClosed = true }
        }
    }

    /// Reads `fd` to its end; nil on a read error.
    package static func readAll(_ fd: Int32) -> [UInt8]? {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            #if canImport(Glibc)
            let n = Glibc.read(fd, &buffer, buffer.count)
            #else
            let n = Darwin.read(fd, &buffer, buffer.count)
            #endif
            if n < 0 && errno == EINTR { continue }
            if n < 0 { return nil }
            if n == 0 { return bytes }
            bytes.append(contentsOf: buffer[0..<n])
        }
    }
}

/// What ``SystemCalls`` knows of standard output: whether it was closed at start and the first
/// write to it that failed.
private enum StandardDescriptors {
    static let outputError = Atomic<Int32>(0)
    /// Set once, at start, before any thread but the main one runs.
    nonisolated(unsafe) static var outputWasClosed = false
}
