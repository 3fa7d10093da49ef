import Foundation
import KeysmithTestSupport
import Testing

/// The real `keysmith --memory` on a pseudo-terminal, typed at like a person would.
/// Serialized: each test runs a process, and the machine is shared.
@Suite(.serialized) struct TerminalSessionTests {
    // MARK: Start and end

    @Test func bannerShowsThenThePromptNamesTheActingUser() throws {
        let session = try REPLTerminal()
        let start = try session.waitForPrompt()
        #expect(start.contains("keysmith 0.1.0"))
        #expect(start.contains("help"))
        #expect(start.hasSuffix("me> "))
        #expect(try session.quit() == 0)
    }

    @Test func controlDOnAnEmptyLineExitsWithStatusZero() throws {
        let session = try REPLTerminal()
        try session.waitForPrompt()
        #expect(try session.quit() == 0)
    }

    @Test func controlDWithTextOnTheLineDoesNotExit() throws {
        let session = try REPLTerminal()
        try session.waitForPrompt()
        // Ctrl-D on a non-empty line deletes under the cursor (nothing at the end): no exit.
        try session.terminal.send("echo still\u{4}")
        _ = try session.type("", untilScreenShows: "echo still")
        let out = try session.run("")
        #expect(out.contains("still\n"))
        #expect(try session.quit() == 0)
    }

    // MARK: Tab completion

    @Test func tabCompletesACommandName() throws {
        let session = try REPLTerminal()
        try session.waitForPrompt()
        let screen = try session.type("ke\t", untilScreenShows: "key ")
        #expect(screen.hasSuffix("key "))
        // The completed line runs as `key list`.
        let out = try session.run("list")
        #expect(!out.contains("unknown command"))
        #expect(!out.contains("error"))
        #expect(try session.quit() == 0)
    }

    @Test func tabCompletesAnOptionAndAGrantNameAndTheLineRuns() throws {
        let session = try REPLTerminal()
        try session.waitForPrompt()
        _ = try session.type("key create ci --ex\t", untilScreenShows: "key create ci --expires ")
        _ = try session.type("30d --grants DocumentR\t", untilScreenShows: "--grants DocumentReadonly")
        let out = try session.run("")
        #expect(out.contains("created key"))
        #expect(out.contains("grants:  DocumentReadonly"))
        #expect(try session.quit() == 0)
    }

    @Test func secondTabListsTheCandidatesWhenTheyShareNoLongerPrefix() throws {
        let session = try REPLTerminal()
        try session.waitForPrompt()
        // First Tab: the common prefix (`li`); second Tab: the list, then the line again.
        _ = try session.type("endpoint l\t", untilScreenShows: "endpoint li")
        let listing = try session.type("\t", untilScreenShows: "me> endpoint li")
        let candidates = try #require(listing.range(of: "limit  list\n"), "\(listing.debugDescription)")
        let redrawn = try #require(listing.range(of: "me> endpoint li"))
        #expect(candidates.upperBound <= redrawn.lowerBound)
        _ = try session.type("m\t", untilScreenShows: "mit ")  // `m`, then Tab adds `it `
        try session.terminal.send("\u{3}")
        try session.waitForPrompt()
        #expect(try session.quit() == 0)
    }

    @Test func tabCompletesAKeyIDCreatedEarlierInTheSession() throws {
        let session = try REPLTerminal()
        try session.waitForPrompt()
        let created = try session.run("key create ci --expires 30d --grants User")
        let id = try #require(created.split(separator: " ").first(where: { $0.hasPrefix("key_") }))
        _ = try session.type("key show key_\t", untilScreenShows: "key show \(id) ")
        let out = try session.run("")
        #expect(out.contains("ci"))
        #expect(try session.quit() == 0)
    }

    // MARK: History

    @Test func historyFileIsPrivateKeepsCommandsAndNeverASecret() throws {
        let session = try REPLTerminal()
        try session.waitForPrompt()
        #expect(try session.run("clock").contains("Z"))
        let created = try session.run("key create ci --expires 30d --grants User")
        let secret = try #require(secretsIn(created).first, "no secret in \(created)")
        let checked = try session.run("check \(secret) GET /users/me/profile")
        #expect(checked.contains("allow"))
        try session.run("echo done")
        #expect(try session.quit() == 0)

        let history = try #require(
            FileManager.default.contents(atPath: session.historyPath).map { String(decoding: $0, as: UTF8.self) },
            "no history file at \(session.historyPath)")
        #expect(Files.mode(session.historyPath) == 0o600)
        #expect(Files.mode(session.home.path + "/state/keysmith") == 0o700)
        #expect(history.contains("clock"))
        #expect(history.contains("done"))
        #expect(!history.contains(secret))
        #expect(!history.contains(String(secret.dropFirst(4).prefix(30))))
        #expect(secretsIn(history).isEmpty)
        #expect(!history.contains("ksk_"))
    }

    @Test func historyIsRecalledWithUpInTheNextSession() throws {
        let first = try REPLTerminal()
        try first.waitForPrompt()
        try first.run("echo remembered")
        #expect(try first.quit() == 0)

        // A second session in the same home: Up brings the line back.
        let binary = try KeysmithBinary.require()
        let second = try PseudoTerminal([binary, "--memory"], environment: first.environment)
        _ = try second.readUntil("me> ")
        try second.waitUntilReadingKeys()
        try second.send("\u{1B}[A\r")
        let out = PseudoTerminal.strippingEscapes(try second.readUntil("remembered\r\n"))
        #expect(out.contains("echo remembered"))
        _ = try second.readUntil("me> ")
        try second.waitUntilReadingKeys()
        try second.send("\u{4}")
        #expect(try second.waitForExit() == 0)
    }

    // MARK: Ctrl-C

    @Test func controlCDropsTheHalfTypedLine() throws {
        let session = try REPLTerminal()
        try session.waitForPrompt()
        _ = try session.type("echo dropped-line", untilScreenShows: "dropped-line")
        try session.terminal.send("\u{3}")
        let fresh = try session.waitForPrompt()
        #expect(fresh.contains("^C"))
        // Enter on the fresh line runs nothing of what was dropped.
        let empty = try session.run("")
        #expect(!empty.contains("dropped-line"))
        let after = try session.run("echo after")
        #expect(after.contains("after\n"))
        #expect(!after.contains("dropped-line"))
        #expect(try session.quit() == 0)
    }

    /// While a command runs, Ctrl-C must not have the terminal throw away output it queued
    /// but has not shown (a created key's secret is shown once): the REPL sets NOFLSH on it.
    @Test func controlCStopsALongCommandAndTheSessionGoesOn() throws {
        let session = try REPLTerminal()
        try session.waitForPrompt()
        #expect(try session.terminal.localModes() & tcflag_t(NOFLSH) != 0)
        try session.terminal.send("repeat 100000000 { clock advance 1s }\r")
        _ = try session.terminal.readUntil("clock advanced 1s")
        #expect(try session.terminal.localModes() & tcflag_t(NOFLSH) != 0)
        try session.terminal.send("\u{3}")
        _ = try session.terminal.readUntil("interrupted", timeout: .seconds(10))
        try session.waitForPrompt()
        let clock = try session.run("clock")
        #expect(clock.contains("Z"))
        #expect(!clock.contains("error"))
        #expect(try session.quit() == 0)
    }

    // MARK: Errors and continuation

    @Test func errorIsPrintedAndTheSessionGoesOn() throws {
        let session = try REPLTerminal()
        try session.waitForPrompt()
        let out = try session.run("frobnicate now")
        #expect(out.contains("unknown command `frobnicate`"))
        let unclosed = try session.run("echo }")
        #expect(unclosed.contains("<input>:1:"))
        #expect(try session.run("echo fine").contains("fine\n"))
        #expect(try session.quit() == 0)
    }

    @Test func openBraceShowsTheContinuationPromptAndRunsWhenClosed() throws {
        let session = try REPLTerminal()
        try session.waitForPrompt()
        try session.run("repeat 2 {", nextPrompt: "...> ")
        let inner = try session.run("echo inside", nextPrompt: "...> ")
        #expect(inner.components(separatedBy: "inside").count - 1 == 1)  // only the echo of what was typed
        let out = try session.run("}")
        #expect(out.components(separatedBy: "inside\n").count - 1 == 2)
        #expect(try session.quit() == 0)
    }

    // MARK: Colour

    @Test func noColourVariableTurnsColourOff() throws {
        let session = try REPLTerminal(environment: ["NO_COLOR": "1"])
        try session.waitForPrompt()
        let created = try session.runRaw("let k = key create ci --expires 30d --grants User")
        let allowed = try session.runRaw("check $k.secret GET /users/me/profile")
        let denied = try session.runRaw("check $k.secret GET /documents/d1")
        let failed = try session.runRaw("frobnicate")
        #expect(PseudoTerminal.strippingEscapes(allowed).contains("allow"))
        #expect(PseudoTerminal.strippingEscapes(denied).contains("deny"))
        for raw in [created, allowed, denied, failed] {
            #expect(!containsColour(raw), "colour in \(raw.debugDescription)")
        }
        #expect(try session.quit() == 0)
    }

    @Test func allowAndDenyAreColouredOnATerminal() throws {
        let session = try REPLTerminal()
        try session.waitForPrompt()
        try session.run("let k = key create ci --expires 30d --grants User")
        let allowed = try session.runRaw("check $k.secret GET /users/me/profile")
        let denied = try session.runRaw("check $k.secret GET /documents/d1")
        #expect(allowed.contains("\u{1B}[32mallow"), "\(allowed.debugDescription)")
        #expect(denied.contains("\u{1B}[1;31mdeny"), "\(denied.debugDescription)")
        #expect(containsColour(allowed) && containsColour(denied))
        #expect(try session.quit() == 0)
    }

    // MARK: Recording

    @Test func recordWritesAScenarioAndGoldenThatReplay() throws {
        let session = try REPLTerminal()
        try session.waitForPrompt()
        #expect(try session.run("record t.ks").contains("recording to t.ks"))
        try session.run("let k = key create ci --expires 30d --grants User")
        #expect(try session.run("check $k.secret GET /users/me/profile").contains("allow"))
        #expect(try session.run("key show key_nothere").contains("key_nothere"))
        try session.run("clock advance 31d")
        #expect(try session.run("check $k.secret GET /users/me/profile").contains("expired"))
        let saved = try session.run("record stop")
        #expect(saved.contains("saved 4 commands"))
        #expect(try session.quit() == 0)

        let directory = session.workingDirectory
        let script = try #require(directory.read("t.ks"))
        #expect(directory.read("t.golden") != nil)
        let commands = script.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(
            commands == [
                "let k = key create ci --expires 30d --grants User",
                "check $k.secret GET /users/me/profile",
                "clock advance 31d",
                "check $k.secret GET /users/me/profile",
            ])
        #expect(!script.contains("key_nothere"))

        let replay = try PlainRun.run(["test", "t.ks"], in: directory.path, environment: session.environment)
        #expect(replay.status == 0, "\(replay.stdout)\(replay.stderr)")
        #expect(replay.stdout.contains("1 passed, 0 failed"))
    }

    // MARK: Not a terminal

    @Test func pipedStandardInputRunsAsAScriptWithoutPromptOrBanner() throws {
        let home = try TemporaryDirectory()
        let environment = [
            "HOME": home.path, "XDG_STATE_HOME": home.path + "/state", "XDG_DATA_HOME": home.path + "/data",
            "TERM": "xterm", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin",
        ]
        let result = try PlainRun.run(["--memory"], stdin: "clock\n", environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasSuffix("Z\n"))
        #expect(result.stdout.split(separator: "\n").count == 1)
        #expect(!result.stdout.contains("me> "))
        #expect(!result.stdout.contains("keysmith 0.1.0"))
        #expect(!containsColour(result.stdout))
        #expect(result.stderr.isEmpty)
        // No history is kept for piped input.
        #expect(!FileManager.default.fileExists(atPath: home.path + "/state/keysmith/history"))
    }

    @Test func pipedStandardInputWithAFailingCommandExitsOne() throws {
        let home = try TemporaryDirectory()
        let environment = ["HOME": home.path, "XDG_STATE_HOME": home.path + "/state", "XDG_DATA_HOME": home.path + "/data"]
        let result = try PlainRun.run(["--memory"], stdin: "clock\nfrobnicate\necho not reached\n", environment: environment)
        #expect(result.status == 1)
        #expect(!result.stdout.contains("not reached"))
    }
}
