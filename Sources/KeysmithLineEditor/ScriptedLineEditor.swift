/// A ``LineEditor`` for tests of the layer above: it answers `readLine`
/// from a queue of inputs and records the prompts shown and the history
/// kept, with the same duplicate rule as the real editor.
///
/// ```swift
/// let editor = ScriptedLineEditor(["key list", .interrupted])
/// repl.run(editor)
/// #expect(editor.prompts == ["keysmith> ", "keysmith> ", "keysmith> "])
/// ```
package final class ScriptedLineEditor: LineEditor {
    /// Inputs not yet read; once empty, `readLine` returns ``LineInput/endOfInput``.
    package private(set) var pendingInputs: [LineInput]
    /// Every prompt passed to `readLine`, in order.
    package private(set) var prompts: [String] = []
    /// The history as the real editor would keep it (without a cap).
    package private(set) var history: [String] = []
    package var completer: ((_ lineBeforeCursor: String) -> CompletionResult)?

    /// An editor that will return `inputs` in order, then end of input.
    package init(_ inputs: [LineInput]) {
        self.pendingInputs = inputs
    }

    /// An editor that will return each of `lines` as typed, then end of input.
    package convenience init(lines: [String]) {
        self.init(lines.map(LineInput.line))
    }

    package func readLine(prompt: String) -> LineInput {
        prompts.append(prompt)
        return pendingInputs.isEmpty ? .endOfInput : pendingInputs.removeFirst()
    }

    package func addToHistory(_ line: String) {
        if history.last != line { history.append(line) }
    }

    /// What the completer offers for `lineBeforeCursor`, as Tab would ask it;
    /// `nil` when no completer is set.
    package func complete(_ lineBeforeCursor: String) -> CompletionResult? {
        completer?(lineBeforeCursor)
    }
}

extension LineInput: ExpressibleByStringLiteral {
    /// A typed line: lets scripted inputs read `["key list", .interrupted]`.
    public init(stringLiteral line: String) {
        self = .line(line)
    }
}
