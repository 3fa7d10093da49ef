// A program running on a pseudo-terminal, driven from a test as a person
// would drive it from a terminal: send keys, wait for text, wait for exit.
//
// Shared by every test target that drives a program on a terminal.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child process whose standard input, output and error are the slave
/// side of a fresh pseudo-terminal, which is also its controlling terminal
/// (so Ctrl-C sent as `"\u{3}"` becomes SIGINT, as on a real terminal).
///
/// ```swift
/// let terminal = try PseudoTerminal(["/bin/sh", "-c", "read x; echo got:$x"])
/// try terminal.send("hello\r")
/// _ = try terminal.readUntil("got:hello", timeout: .seconds(5))
/// #expect(try terminal.waitForExit(timeout: .seconds(5)) == 0)
/// ```
public final class PseudoTerminal {
    /// Why a pseudo-terminal interaction failed; carries what was seen.
    public enum Failure: Error, CustomStringConvertible {
        case system(call: String, errno: Int32)
        case timedOut(waitingFor: String, received: String)
        case exitedBeforeOutput(waitingFor: String, received: String)

        public var description: String {
            switch self {
            case .system(let call, let code):
                "\(call) failed: \(String(cString: strerror(code)))"
            case .timedOut(let expected, let received):
                "timed out waiting for \(expected.debugDescription); received \(received.debugDescription)"
            case .exitedBeforeOutput(let expected, let received):
                "program exited before printing \(expected.debugDescription); received \(received.debugDescription)"
            }
        }
    }

    /// The child's process id.
    public let processID: pid_t
    private let master: Int32
    /// Output read but not yet returned by `readUntil`.
    private var unread: [UInt8] = []
    private var exitStatus: Int32?

    /// Starts `arguments[0]` (an absolute path) with `arguments` on a new
    /// pseudo-terminal of `columns` x `rows`. The environment is exactly
    /// `environment` (TERM defaults to xterm).
    public init(
        _ arguments: [String],
        environment: [String: String] = [:],
        columns: UInt16 = 80,
        rows: UInt16 = 24
    ) throws {
        precondition(!arguments.isEmpty && arguments[0].hasPrefix("/"), "give the program's absolute path")
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        var master: Int32 = -1
        var slave: Int32 = -1
        guard openpty(&master, &slave, nil, nil, &size) == 0 else { throw Failure.system(call: "openpty", errno: errno) }
        var closeMaster = true
        defer {
            if closeMaster { close(master) }
            // The child opens the slave itself; once it exits, reading the
            // master reports the end instead of waiting for our copy.
            close(slave)
        }
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        _ = fcntl(slave, F_SETFD, FD_CLOEXEC)
        var nameBuffer = [CChar](repeating: 0, count: 128)
        guard ttyname_r(slave, &nameBuffer, nameBuffer.count) == 0 else {
            throw Failure.system(call: "ttyname_r", errno: errno)
        }
        let slavePath = String(decoding: nameBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)

        // The child becomes a session leader (POSIX_SPAWN_SETSID) and then
        // opens the slave by name: the first terminal a session leader opens
        // becomes its controlling terminal. No fork in Swift.
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        let setSessionID: Int32 = 0x80  // POSIX_SPAWN_SETSID (glibc ≥ 2.26); Swift's Glibc hides the macro
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | setSessionID))
        // Start the child with default signal dispositions and nothing
        // blocked, whatever the test runner did to its own signals.
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var usualSignals = sigset_t()
        sigemptyset(&usualSignals)
        for signal in [SIGINT, SIGQUIT, SIGTERM, SIGPIPE, SIGTSTP, SIGCHLD, SIGWINCH] { sigaddset(&usualSignals, signal) }
        posix_spawnattr_setsigdefault(&attributes, &usualSignals)

        var fullEnvironment = environment
        if fullEnvironment["TERM"] == nil { fullEnvironment["TERM"] = "xterm" }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = fullEnvironment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard status == 0 else { throw Failure.system(call: "posix_spawn \(arguments[0])", errno: status) }
        self.processID = pid
        self.master = master
        closeMaster = false
    }

    deinit {
        if exitStatus == nil {
            _ = signalProcess(processID, SIGKILL)
            var status: Int32 = 0
            waitpid(processID, &status, 0)
        }
        close(master)
    }

    /// Types `text` at the terminal. Use `"\r"` for Return, `"\u{3}"` for
    /// Ctrl-C, `"\u{4}"` for Ctrl-D, `"\t"` for Tab, `"\u{1B}[A"` for Up.
    public func send(_ text: String) throws {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw Failure.system(call: "write", errno: errno)
            }
            bytes = bytes.dropFirst(written)
        }
    }

    /// Reads until the output contains `expected`, and returns everything
    /// read up to and including it (escape sequences and all; see
    /// ``strippingEscapes(_:)``). Output after it is kept for the next call.
    public func readUntil(_ expected: String, timeout: Duration = .seconds(10)) throws -> String {
        let needle = Array(expected.utf8)
        let deadline = ContinuousClock.now + timeout
        var searchFrom = 0
        while true {
            if let end = Self.end(of: needle, in: unread, from: searchFrom) {
                let text = String(decoding: unread[..<end], as: UTF8.self)
                unread.removeFirst(end)
                return text
            }
            searchFrom = max(0, unread.count - needle.count + 1)
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else {
                throw Failure.timedOut(waitingFor: expected, received: String(decoding: unread, as: UTF8.self))
            }
            if try !readAvailable(waitingAtMost: remaining) {
                throw Failure.exitedBeforeOutput(waitingFor: expected, received: String(decoding: unread, as: UTF8.self))
            }
        }
    }

    /// Waits until the program has switched the terminal out of canonical
    /// (line-by-line) mode, as a line editor does once it waits for a key.
    ///
    /// A line editor prints its prompt a moment *before* it switches modes;
    /// keys sent in between are echoed and edited by the terminal driver
    /// instead (a person never types that fast). Call this after the prompt
    /// and before sending keys to the editor.
    public func waitUntilReadingKeys(timeout: Duration = .seconds(10)) throws {
        let deadline = ContinuousClock.now + timeout
        while true {
            var modes = termios()
            guard tcgetattr(master, &modes) == 0 else { throw Failure.system(call: "tcgetattr", errno: errno) }
            if modes.c_lflag & tcflag_t(ICANON) == 0 { return }
            guard ContinuousClock.now < deadline else {
                throw Failure.timedOut(waitingFor: "raw terminal mode", received: String(decoding: unread, as: UTF8.self))
            }
            // Keep draining output meanwhile.
            _ = try readAvailable(waitingAtMost: .milliseconds(5), stopOnTimeout: true)
        }
    }

    /// The terminal's local modes (`c_lflag`: ICANON, ECHO, NOFLSH, …) as the child set them.
    public func localModes() throws -> tcflag_t {
        var modes = termios()
        guard tcgetattr(master, &modes) == 0 else { throw Failure.system(call: "tcgetattr", errno: errno) }
        return modes.c_lflag
    }

    /// Everything read so far and not yet returned, after waiting `quiet`
    /// for more; for looking at a screen that is expected to settle.
    public func readAvailable(settlingFor quiet: Duration = .milliseconds(200)) throws -> String {
        while try readAvailable(waitingAtMost: quiet, stopOnTimeout: true) {}
        let text = String(decoding: unread, as: UTF8.self)
        unread.removeAll()
        return text
    }

    /// Waits for the child to exit and returns its exit status (128 + the
    /// signal number if a signal ended it). Output meanwhile is kept.
    public func waitForExit(timeout: Duration = .seconds(10)) throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let exitStatus { return exitStatus }
            var status: Int32 = 0
            let result = waitpid(processID, &status, WNOHANG)
            if result == processID {
                let signal = status & 0x7F
                exitStatus = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
                continue
            }
            if result < 0 && errno != EINTR { throw Failure.system(call: "waitpid", errno: errno) }
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else {
                throw Failure.timedOut(waitingFor: "exit", received: String(decoding: unread, as: UTF8.self))
            }
            // Drain output so a child blocked on a full terminal can finish.
            if try !readAvailable(waitingAtMost: min(remaining, .milliseconds(50)), stopOnTimeout: true) {
                usleep(10_000)
            }
        }
    }

    /// Sends `signal` to the child.
    public func kill(_ signal: Int32 = SIGTERM) {
        _ = signalProcess(processID, signal)
    }

    /// `text` without ANSI escape sequences (CSI `ESC [ ... final`, OSC,
    /// two-character escapes) and without carriage returns and bells.
    public static func strippingEscapes(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            switch scalar {
            case "\u{1B}":
                guard let kind = scalars.next() else { break }
                if kind == "[" {
                    while let next = scalars.next(), !(0x40...0x7E).contains(next.value) {}
                } else if kind == "]" {
                    while let next = scalars.next(), next != "\u{7}", next != "\u{1B}" {}
                }
            case "\r", "\u{7}":
                continue
            default:
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// Waits up to `timeout` for output and appends it to `unread`. Returns
    /// false at end of output (the child closed the terminal), or on timeout
    /// when `stopOnTimeout`.
    private func readAvailable(waitingAtMost timeout: Duration, stopOnTimeout: Bool = false) throws -> Bool {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(
            clamping: max(1, timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000))
        let ready = poll(&descriptor, 1, milliseconds)
        if ready < 0 {
            if errno == EINTR { return true }
            throw Failure.system(call: "poll", errno: errno)
        }
        if ready == 0 { return !stopOnTimeout }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
        if count > 0 {
            unread.append(contentsOf: buffer[..<count])
            return true
        }
        // EIO: every slave descriptor is closed, the child has gone.
        if count < 0 && errno == EINTR { return true }
        return false
    }

    private static func end(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty else { return 0 }
        guard haystack.count >= needle.count else { return nil }
        var index = start
        while index + needle.count <= haystack.count {
            if haystack[index..<(index + needle.count)].elementsEqual(needle) { return index + needle.count }
            index += 1
        }
        return nil
    }
}

/// `kill(2)`, reachable from inside `PseudoTerminal`, whose `kill` method hides it.
private func signalProcess(_ processID: pid_t, _ signal: Int32) -> Int32 {
    kill(processID, signal)
}
