import KeysmithCore
import KeysmithLineEditor
import KeysmithREPL
import KeysmithScript
import KeysmithStore
import KeysmithTestSupport
import Testing

/// The REPL loop driven by a ``ScriptedLineEditor``: prompts, continuation lines, history,
/// errors and recording, with no terminal.
@Suite struct REPLTests {
    /// Something shaped like a secret (the scanner does not need a valid checksum).
    static let literalSecret = "ksk_" + "Q7rT0pLm2ZxVb9NcYw4KjHs6DfGa1E" + "x8Yk2P"

    struct Session {
        let output = BufferedOutput()
        let interpreter: Interpreter
        let editor: ScriptedLineEditor
        let repl: REPL

        init(_ inputs: [LineInput]) {
            interpreter = Interpreter(service: TestWorld(seed: 1).service, output: output)
            editor = ScriptedLineEditor(inputs)
            repl = REPL(interpreter: interpreter, editor: editor)
        }

        func run() async { await repl.run() }
    }

    @Test func promptNamesTheActingUserAndFollowsAs() async {
        let session = Session(["user add alice", "as alice", "clock"])
        await session.run()
        #expect(session.editor.prompts == ["me> ", "me> ", "alice> ", "alice> "])
    }

    @Test func openBraceContinuesOnTheNextLinesUntilClosed() async {
        let session = Session(["repeat 2 {", "echo inside", "}", "echo after"])
        await session.run()
        #expect(session.editor.prompts == ["me> ", "...> ", "...> ", "me> ", "me> "])
        #expect(session.output.text == "inside\ninside\nafter\n")
        #expect(session.editor.history == ["repeat 2 {\necho inside\n}", "echo after"])
    }

    @Test func continuationPromptIsIndentedUnderALongerUserName() async {
        let session = Session(["user add alice", "as alice", "repeat 1 {", "}"])
        await session.run()
        let continuation = session.editor.prompts[3]
        #expect(continuation.hasSuffix("...> "))
        #expect(continuation.hasPrefix("  "))
        #expect(session.editor.prompts[4] == "alice> ")
    }

    @Test func openQuoteContinuesOnTheNextLine() async {
        let session = Session(["echo \"two", "lines\""])
        await session.run()
        #expect(session.editor.prompts == ["me> ", "...> ", "me> "])
        #expect(session.output.text == "two\nlines\n")
    }

    @Test func interruptDropsTheLinesTypedSoFar() async {
        let session = Session(["repeat 2 {", "echo dropped", .interrupted, "echo after"])
        await session.run()
        #expect(session.editor.prompts == ["me> ", "...> ", "...> ", "me> ", "me> "])
        #expect(session.output.text == "after\n")
        #expect(session.editor.history == ["echo after"])
    }

    @Test func errorIsPrintedAndTheSessionGoesOn() async {
        let session = Session(["frobnicate", "key show key_nothere", "echo still here"])
        await session.run()
        #expect(session.output.text.contains("unknown command `frobnicate`"))
        #expect(session.output.text.hasSuffix("still here\n"))
        #expect(session.editor.prompts.count == 4)
    }

    @Test func syntaxErrorIsPrintedAndTheSessionGoesOn() async {
        let session = Session(["echo }", "echo fine"])
        await session.run()
        #expect(session.output.text.hasSuffix("fine\n"))
        #expect(session.editor.prompts == ["me> ", "me> ", "me> "])
    }

    @Test func failingCommandStopsTheRestOfItsLine() async {
        let session = Session(["echo one; frobnicate; echo skipped"])
        await session.run()
        #expect(session.output.text.hasPrefix("one\n"))
        #expect(!session.output.text.contains("skipped"))
    }

    @Test func historyKeepsLinesButNotALineHoldingASecret() async {
        let session = Session([
            "clock",
            .line("check \(Self.literalSecret) GET /users/me/profile"),
            "let k = key create ci --expires 30d --grants User",
            "check $k.secret GET /users/me/profile",
            "   ",
            "",
        ])
        await session.run()
        #expect(
            session.editor.history == [
                "clock",
                "let k = key create ci --expires 30d --grants User",
                "check $k.secret GET /users/me/profile",
            ])
        // The secret was printed, as `key create` does, but never reached the history.
        let printed = secretsIn(session.output.text)
        #expect(printed.count == 1)
        #expect(!session.editor.history.joined().contains("ksk_"))
    }

    @Test func blockHoldingASecretStaysOutOfHistory() async {
        let session = Session(["repeat 1 {", .line("check \(Self.literalSecret) GET /users/me/profile"), "}"])
        await session.run()
        #expect(session.editor.history.isEmpty)
    }

    @Test func completionSeesStateCreatedEarlierInTheSession() async throws {
        let session = Session([
            "let k = key create ci --expires 30d --grants User",
            "user add alice",
            "doc add plan --owner alice",
        ])
        await session.run()
        let complete = try #require(session.editor.completer)
        let keyID = try #require(complete("key show key_").candidates.first)
        #expect(session.output.text.contains(keyID))
        #expect(complete("as al").candidates == ["alice"])
        #expect(complete("share doc p").candidates == ["plan"])
        #expect(complete("check ").candidates == ["$k.secret"])
        #expect(complete("check $").candidates == ["$k"])
        #expect(complete("echo $k.s").candidates.contains("$k.secret"))
        #expect(complete("rec").candidates == ["record"])
    }

    @Test func recordSavesOnlyCommandsThatSucceededAndNoLiteralSecret() async throws {
        let directory = try TemporaryDirectory()
        let scenario = directory.file("walk.ks")
        let session = Session([
            .line("record \(scenario)"),
            "let k = key create ci --expires 30d --grants User",
            "key show key_nothere",
            .line("check \(Self.literalSecret) GET /users/me/profile"),
            "check $k.secret GET /users/me/profile; frobnicate; echo skipped",
            "clock advance 1d",
            "repeat 2 {", "clock advance 1h", "}",
            "record stop",
        ])
        await session.run()
        let text = try #require(directory.read("walk.ks"))
        let commands = text.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(
            commands == [
                "let k = key create ci --expires 30d --grants User",
                "check $k.secret GET /users/me/profile",
                "clock advance 1d",
                "repeat 2 {",
                "clock advance 1h",
                "}",
            ])
        #expect(!commands.contains { $0.hasPrefix("record") })
        #expect(!text.contains("key_nothere"))
        #expect(!text.contains("frobnicate"))
        #expect(!text.contains("skipped"))
        #expect(!text.contains("ksk_"))
        #expect(session.output.text.contains("not recorded"))
        let golden = try #require(directory.read("walk.golden"))
        #expect(golden.contains("> clock advance 1d"))
        #expect(session.output.text.contains("saved 4 commands"))
        let verdict = await ScenarioRunner().verdict(for: scenario, update: false)
        #expect(verdict.passed, "\(verdict.report)")
    }

    @Test func recordRefusesToOverwriteAnExistingFile() async throws {
        let directory = try TemporaryDirectory()
        try directory.write("taken.ks", "clock\n")
        let session = Session([.line("record \(directory.file("taken.ks"))"), "clock"])
        await session.run()
        #expect(session.output.text.contains("already exists"))
        #expect(directory.read("taken.ks") == "clock\n")
        #expect(!session.repl.recorder.isRecording)
    }

    /// An unwritable path used to be accepted, and `record stop` then printed
    /// `Problem(message: …, usage: nil)` and dropped the recording.
    @Test func recordRefusesAnUnwritablePathAtOnceWithAPlainMessage() async throws {
        let session = Session(["record /no/such/dir/x.ks", "clock"])
        await session.run()
        #expect(session.output.text.contains("cannot record to /no/such/dir/x.ks: No such file or directory"))
        #expect(!session.output.text.contains("Problem("))
        #expect(!session.repl.recorder.isRecording)
    }

    /// A recording that relies on setup made before `record` replays to a
    /// different decision; `record stop` says so and keeps the file with a note.
    @Test func recordStopReplaysAndNotesTheFirstCommandThatDiffers() async throws {
        let directory = try TemporaryDirectory()
        let scenario = directory.file("depends.ks")
        let session = Session([
            "doc add d1 --owner me",
            .line("record \(scenario)"),
            "let k = key create ci --expires 30d --grants DocumentReadonly",
            "check $k.secret GET /documents/d1",
            "record stop",
        ])
        await session.run()
        #expect(session.output.text.contains("allow (200)"))
        #expect(session.output.text.contains("warning: the replay on a fresh store differs from this session"))
        let text = try #require(directory.read("depends.ks"))
        #expect(text.contains("# Note: line 4 (`check $k.secret GET /documents/d1`) was allow in the session, deny:no_access on replay"))
        #expect(directory.read("depends.golden") != nil)
        #expect(!session.output.text.contains("Problem("))
    }

    @Test func aRecordingThatReplaysAsInTheSessionSaysSo() async throws {
        let directory = try TemporaryDirectory()
        let scenario = directory.file("whole.ks")
        let session = Session([
            .line("record \(scenario)"),
            "doc add d1 --owner me",
            "let k = key create ci --expires 30d --grants DocumentReadonly",
            "expect allow check $k.secret GET /documents/d1",
            "record stop",
        ])
        await session.run()
        let text = try #require(directory.read("whole.ks"))
        #expect(text.contains("# It replays as recorded."))
        #expect(session.output.text.contains("check it any time with: keysmith test"))
        let verdict = await ScenarioRunner().verdict(for: scenario, update: false)
        #expect(verdict.passed, "\(verdict.report)")
    }

    /// The REPL's banner says when a persistent store's clock runs ahead of real time.
    @Test func aStoreClockAheadOfRealTimeIsNoted() async throws {
        let service = KeyService(store: MemoryStore(), clock: SystemClock())
        #expect(await REPL.clockNote(for: service) == nil)
        try await service.advanceClock(by: KeyDuration(seconds: 30 * 86_400))
        let later = KeyService(store: service.store, clock: SystemClock())
        let note = try #require(await REPL.clockNote(for: later))
        #expect(note.contains("store's clock is 30d ahead of real time"), "\(note)")
    }

    /// The REPL starts with one line naming the acting user's keys that expire within 7 days:
    /// at 7 days exactly a key is named, a second more and it is not; expired, deleted and other
    /// users' keys never are.
    @Test func keysExpiringWithinSevenDaysAreNotedAtStartUp() async throws {
        let service = TestWorld(random: SystemRandomSource()).service
        #expect(await REPL.expiryNote(for: service, user: "me") == nil)
        let week = KeyDuration(seconds: 7 * 86_400)
        let edge = try await service.createKey(name: "edge", expires: .after(week), grants: ["User"], actor: "me")
        _ = try await service.createKey(
            name: "later", expires: .after(KeyDuration(seconds: week.seconds + 1)),
            grants: ["User"], actor: "me")
        let gone = try await service.createKey(
            name: "gone", expires: .after(KeyDuration(seconds: 3_600)), grants: ["User"],
            actor: "me")
        _ = try await service.deleteKey(gone.info.id, actor: "me")
        _ = try await service.addUser("bob", role: .member, actor: "me")
        _ = try await service.createKey(name: "bobs", expires: .after(KeyDuration(seconds: 60)), grants: ["User"], actor: "bob")
        let note = try #require(await REPL.expiryNote(for: service, user: "me"))
        #expect(
            note
                == "note: me has 1 key expiring within 7d: \(edge.info.id) in 7d (see key list --expiring 7d; expiry cannot be extended: create new keys before then)"
        )
        try await service.advanceClock(by: week)
        #expect(await REPL.expiryNote(for: service, user: "me")?.contains("1 key expiring within 7d") == true)
    }

    @Test func endOfInputEndsTheSessionAtOnce() async {
        let session = Session([.endOfInput, "echo never"])
        await session.run()
        #expect(session.output.text.isEmpty)
        #expect(session.editor.prompts == ["me> "])
    }
}
