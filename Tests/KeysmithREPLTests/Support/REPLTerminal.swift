import KeysmithTestSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `keysmith --memory` on a pseudo-terminal, in a fresh home (HOME, XDG_STATE_HOME and
/// XDG_DATA_HOME in a temporary directory) and a fresh working directory, typed at as a
/// person would: wait for the prompt, wait for libedit to read keys, then type.
final class REPLTerminal {
    let terminal: PseudoTerminal
    let home: TemporaryDirectory
    let workingDirectory: TemporaryDirectory
    let environment: [String: String]

    /// The history file the session keeps.
    var historyPath: String { home.path + "/state/keysmith/history" }

    init(environment extra: [String: String] = [:], arguments: [String] = ["--memory"]) throws {
        let binary = try KeysmithBinary.require()
        home = try TemporaryDirectory()
        workingDirectory = try TemporaryDirectory()
        var environment = [
            "HOME": home.path,
            "XDG_STATE_HOME": home.path + "/state",
            "XDG_DATA_HOME": home.path + "/data",
            "TERM": "xterm",
            "LANG": "C.UTF-8",
            "PATH": "/usr/local/bin:/usr/bin:/bin",
        ]
        environment.merge(extra) { $1 }
        self.environment = environment
        // The harness has no working-directory setting: the shell changes to it, then becomes keysmith.
        terminal = try PseudoTerminal(
            ["/bin/sh", "-c", "cd \"$1\" && shift && exec \"$0\" \"$@\"", binary, workingDirectory.path] + arguments,
            environment: environment)
    }

    /// Waits for `prompt` (the acting user's, by default), then until libedit reads keys.
    /// Returns what was printed up to it, escapes stripped.
    @discardableResult
    func waitForPrompt(_ prompt: String = "me> ") throws -> String {
        let text = try terminal.readUntil(prompt, timeout: .seconds(10))
        try terminal.waitUntilReadingKeys(timeout: .seconds(10))
        return PseudoTerminal.strippingEscapes(text)
    }

    /// Types `line` and Return, waits for the next prompt and returns what was printed in
    /// between (the echoed line, the output, the prompt), escapes stripped.
    @discardableResult
    func run(_ line: String, nextPrompt: String = "me> ") throws -> String {
        try terminal.send(line + "\r")
        return try waitForPrompt(nextPrompt)
    }

    /// Like ``run(_:nextPrompt:)`` but returns the raw output, escapes and all.
    func runRaw(_ line: String) throws -> String {
        try terminal.send(line + "\r")
        let text = try terminal.readUntil("me> ", timeout: .seconds(10))
        try terminal.waitUntilReadingKeys(timeout: .seconds(10))
        return text
    }

    /// Types `keys` (no Return) and collects the screen until, escapes stripped, it contains
    /// `expected`; then drains what follows. For Tab, whose effect is drawn in place.
    func type(_ keys: String, untilScreenShows expected: String) throws -> String {
        try terminal.send(keys)
        var screen = ""
        let deadline = ContinuousClock.now + .seconds(10)
        while true {
            screen += PseudoTerminal.strippingEscapes(try terminal.readAvailable(settlingFor: .milliseconds(100)))
            if screen.contains(expected) { return screen }
            guard ContinuousClock.now < deadline else {
                throw PseudoTerminal.Failure.timedOut(waitingFor: expected, received: screen)
            }
        }
    }

    /// Ctrl-D on an empty line; returns the exit status.
    func quit() throws -> Int32 {
        try terminal.send("\u{4}")
        return try terminal.waitForExit(timeout: .seconds(10))
    }
}

/// Whether `text` holds an ANSI colour sequence (`ESC [ ... m`).
func containsColour(_ text: String) -> Bool {
    var rest = Substring(text)
    while let escape = rest.range(of: "\u{1B}[") {
        let tail = rest[escape.upperBound...]
        let parameters = tail.prefix(while: { $0.isNumber || $0 == ";" })
        if tail.dropFirst(parameters.count).first == "m" { return true }
        rest = tail
    }
    return false
}
