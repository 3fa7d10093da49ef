/// Reads lines from a person, with history and tab completion.
///
/// The editor knows nothing of keysmith's commands: the layer above decides
/// what may enter the history (never a line that carries a secret) and
/// supplies the completions. ``LibEditLineEditor`` drives a real terminal;
/// ``ScriptedLineEditor`` stands in for it in tests.
///
/// ```swift
/// let editor = LibEditLineEditor(programName: "keysmith", historyFile: .standard())
/// editor.completer = { before in CompletionResult(candidates: ["grant"], replacing: 2) }
/// while case .line(let text) = editor.readLine(prompt: "keysmith> ") {
///     editor.addToHistory(text)
/// }
/// ```
public protocol LineEditor: AnyObject {
    /// Shows `prompt`, lets the person edit a line and returns it.
    ///
    /// Non-printing parts of the prompt (colour escapes) must be wrapped in
    /// ``promptEscape`` characters so the editor can measure the prompt's width.
    func readLine(prompt: String) -> LineInput

    /// Appends `line` to the history (and its file, if any); a line equal to
    /// the previous entry is skipped.
    func addToHistory(_ line: String)

    /// Called on Tab with the text before the cursor; `nil` makes Tab beep.
    var completer: ((_ lineBeforeCursor: String) -> CompletionResult)? { get set }
}

/// Brackets the non-printing parts of a prompt, such as colour escapes:
/// `"\u{1}\u{1B}[1m\u{1}keysmith>\u{1}\u{1B}[0m\u{1} "`.
package let promptEscape: Character = "\u{1}"
