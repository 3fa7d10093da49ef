import KeysmithCore
import KeysmithLineEditor
import KeysmithScript
import KeysmithStore
import KeysmithTestSupport
import Testing

@testable import KeysmithREPL

/// The REPL's cost per line does not grow with the store: after a line it reads the store only
/// for what the line may have changed in a way it cannot see (another acting user's keys, the
/// catalog after `endpoint add`), counted exactly, while Tab still offers what the line added.
@Suite struct CompletionUpdateTests {
    /// A ``ScriptedLineEditor`` that notes the store's read count each time a prompt is shown,
    /// that is once the line before it has run and the REPL has finished with it.
    final class CountingEditor: LineEditor {
        let scripted: ScriptedLineEditor
        let store: CountingStore
        var readsAtPrompt: [Int] = []
        var completer: ((String) -> CompletionResult)? {
            get { scripted.completer }
            set { scripted.completer = newValue }
        }
        init(_ lines: [String], store: CountingStore) {
            scripted = ScriptedLineEditor(lines: lines)
            self.store = store
        }
        func readLine(prompt: String) -> LineInput {
            readsAtPrompt.append(store.reads)
            return scripted.readLine(prompt: prompt)
        }
        func addToHistory(_ line: String) { scripted.addToHistory(line) }
    }

    static func interpreter(on store: CountingStore) -> Interpreter {
        Interpreter(service: TestWorld(store: store, seed: 1).service, output: BufferedOutput())
    }

    /// Store reads each line makes when run alone, by the interpreter without a REPL.
    static func readsPerLine(_ lines: [String]) async -> [Int] {
        let store = CountingStore()
        let interpreter = interpreter(on: store)
        var reads: [Int] = []
        for line in lines {
            let before = store.reads
            await interpreter.run(SourceFile(name: "<input>", text: line))
            reads.append(store.reads - before)
        }
        return reads
    }

    /// Store reads each line makes in the REPL (the first entry: reads before the first prompt).
    /// The REPL is returned so that its completer (which holds it unowned) can still be asked.
    static func replReadsPerLine(_ lines: [String]) async -> (start: Int, perLine: [Int], editor: CountingEditor, repl: REPL) {
        let store = CountingStore()
        let editor = CountingEditor(lines, store: store)
        let repl = REPL(interpreter: interpreter(on: store), editor: editor)
        await repl.run()
        let counts = editor.readsAtPrompt
        return (counts[0], zip(counts.dropFirst(), counts).map { $0 - $1 }, editor, repl)
    }

    @Test func linesThatChangeWhatTabOffersAddNoReadOfTheirOwn() async throws {
        let lines = [
            "echo hello", "clock advance 1d", "key list", "user add alice", "doc add plan --owner alice",
            "folder add shared --owner alice", "let k = key create ci --expires 30d --grants User",
            "key create deploy --expires 7d --grants DocumentReadonly", "check $k.secret GET /users/me/profile",
            "repeat 3 { key create batch --expires 1d --grants User }", "expect ok user add bob", "key rename $k.id renamed",
        ]
        let alone = await Self.readsPerLine(lines)
        let repl = await Self.replReadsPerLine(lines)
        #expect(repl.start == 1)  // the one snapshot taken when the session starts
        #expect(repl.perLine == alone)
        let complete = try #require(repl.editor.scripted.completer)
        defer { withExtendedLifetime(repl.repl) {} }
        #expect(complete("key show key_").candidates.count == 5)
        #expect(complete("as ").candidates == ["me", "alice", "bob"])  // creation order, as a read gives them
        #expect(complete("share doc ").candidates == ["plan"])
        #expect(complete("share folder ").candidates == ["shared"])
        #expect(complete("check ").candidates == ["$k.secret"])
    }

    @Test func asReadsTheNewUsersKeysOnceAndEndpointAddTheCatalogOnce() async throws {
        let lines = [
            "user add alice", "as alice", "key create mine --expires 1d --grants User",
            "endpoint add GET /reports/{id} --grants ReportsRead",
        ]
        let alone = await Self.readsPerLine(lines)
        let repl = await Self.replReadsPerLine(lines)
        #expect(repl.perLine == zip(alone, [0, 1, 0, 1]).map { $0 + $1 })
        let complete = try #require(repl.editor.scripted.completer)
        defer { withExtendedLifetime(repl.repl) {} }
        #expect(complete("key show key_").candidates.count == 1)
        #expect(complete("key create x --expires 1d --grants Reports").candidates == ["ReportsRead"])
        #expect(complete("check x GET /rep").candidates.contains("/reports/{id}"))
    }

    @Test func everyStandardCommandIsClassified() {
        let unknown = CommandRegistry.standard.names.filter { !CompletionChanges.known.contains($0) }
        #expect(unknown.isEmpty, "CompletionChanges must say what these change: \(unknown)")
    }

    @Test func anUnknownCommandRereadsEverything() {
        var changes = CompletionChanges()
        changes.note("deploy token", value: .none)
        #expect(changes.rereadsEverything)
    }
}
