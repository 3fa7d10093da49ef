import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process-wide record of Ctrl-C (SIGINT).
///
/// Design: one SIGINT handler for the whole process, installed without
/// `SA_RESTART`, that only sets an atomic flag (the one thing a signal
/// handler may safely do). What Ctrl-C means then depends on where the
/// process is:
/// - while ``LibEditLineEditor/readLine(prompt:)`` waits for a key, the
///   signal interrupts its `read(2)`; the editor sees the flag, drops the
///   half-typed line, clears the flag and returns ``LineInput/interrupted``;
/// - while a command runs, nothing is interrupted: the flag stays set until
///   the REPL polls it (``pending`` / ``consume()``) between steps of a long
///   command and stops that command cleanly.
///
/// Because the handler has no `SA_RESTART`, a blocking system call made
/// while it is installed can fail with `EINTR`; install it only for an
/// interactive session.
package enum Interrupts {
    private static let flag = Atomic<Bool>(false)
    private static let installed = Atomic<Bool>(false)
    /// The thread blocked reading a line (0 when none). A process-directed SIGINT may land on
    /// any thread that does not block it — in an async program usually not the one inside
    /// `el_gets` — so the handler forwards it there to interrupt that `read(2)`.
    private static let reader = Atomic<UInt>(0)

    /// Marks the calling thread as the one reading a line (`true`) or no longer (`false`).
    static func setReading(_ reading: Bool) {
        reader.store(reading ? UInt(bitPattern: Int(bitPattern: UInt(pthread_self()))) : 0, ordering: .sequentiallyConsistent)
    }

    /// The signal handler: record, and hand the signal to the reading thread if it is elsewhere.
    private static func handle() {
        flag.store(true, ordering: .sequentiallyConsistent)
        let target = reader.load(ordering: .sequentiallyConsistent)
        if target != 0 && target != UInt(pthread_self()) {
            pthread_kill(pthread_t(target), SIGINT)
        }
    }

    /// Installs the SIGINT handler (once per process) and unblocks SIGINT on
    /// the calling thread, which should be the one that reads lines: a
    /// parent process may have started us with SIGINT blocked.
    package static func install() {
        // Touch the flag so its lazy initialisation never runs inside the handler.
        flag.store(false, ordering: .sequentiallyConsistent)
        var interrupt = sigset_t()
        sigemptyset(&interrupt)
        sigaddset(&interrupt, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &interrupt, nil)
        guard installed.compareExchange(expected: false, desired: true, ordering: .sequentiallyConsistent).exchanged
        else { return }
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = { _ in Interrupts.handle() }
        #else
        action.__sigaction_u.__sa_handler = { _ in Interrupts.handle() }
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0  // no SA_RESTART: a blocked read(2) returns EINTR
        sigaction(SIGINT, &action, nil)
    }

    /// Whether Ctrl-C was pressed since the last ``clear()`` or ``consume()``.
    package static var pending: Bool {
        flag.load(ordering: .sequentiallyConsistent)
    }

    /// Forgets an earlier Ctrl-C.
    package static func clear() {
        flag.store(false, ordering: .sequentiallyConsistent)
    }

    /// Returns whether Ctrl-C was pressed and clears the flag, in one step.
    package static func consume() -> Bool {
        flag.exchange(false, ordering: .sequentiallyConsistent)
    }

    /// Records an interrupt as the handler would (for tests and for code
    /// that turns another event into a cancellation).
    package static func record() {
        flag.store(true, ordering: .sequentiallyConsistent)
    }
}
