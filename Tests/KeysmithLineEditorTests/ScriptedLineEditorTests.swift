import KeysmithLineEditor
import Testing

@Suite struct ScriptedLineEditorTests {
    @Test func returnsQueuedInputsThenEndOfInput() {
        let editor = ScriptedLineEditor(["key list", .interrupted])
        #expect(editor.readLine(prompt: "a> ") == .line("key list"))
        #expect(editor.readLine(prompt: "b> ") == .interrupted)
        #expect(editor.readLine(prompt: "c> ") == .endOfInput)
        #expect(editor.readLine(prompt: "d> ") == .endOfInput)
        #expect(editor.prompts == ["a> ", "b> ", "c> ", "d> "])
        #expect(editor.pendingInputs.isEmpty)
    }

    @Test func historySkipsADuplicateOfThePreviousEntry() {
        let editor = ScriptedLineEditor(lines: [])
        for line in ["a", "a", "b", "a"] { editor.addToHistory(line) }
        #expect(editor.history == ["a", "b", "a"])
    }

    @Test func completeAsksTheCompleterAsTabWould() {
        let editor = ScriptedLineEditor(lines: [])
        #expect(editor.complete("k") == nil)
        editor.completer = { before in CompletionResult(candidates: ["key"], replacing: before.count) }
        #expect(editor.complete("k") == CompletionResult(candidates: ["key"], replacing: 1))
    }
}
