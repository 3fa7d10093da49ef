import CLibEdit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A ``LineEditor`` on the terminal, built on libedit: emacs key bindings,
/// UTF-8 editing, Up/Down through a persistent history, Tab completion,
/// Ctrl-C drops the line, Ctrl-D on an empty line ends the input.
///
/// Use it only when standard input is a terminal; for piped input read
/// lines directly (libedit would read them one byte per system call).
/// Creating the editor installs the process-wide SIGINT handler of
/// ``Interrupts``.
public final class LibEditLineEditor: LineEditor {
    /// Called on Tab; see ``CompletionResult`` for what Tab then does.
    public var completer: ((_ lineBeforeCursor: String) -> CompletionResult)?

    /// The last problem loading or saving the history file, for the caller
    /// to report once; editing goes on without it.
    package private(set) var historyProblem: LineEditorError?

    let editLine: OpaquePointer
    private let history: EditHistory
    /// The history file kept in step with `history`, one appended line per entry.
    private let journal: HistoryJournal?
    /// The C string libedit's prompt callback returns; owned here.
    private var promptText: UnsafeMutablePointer<CChar>

    /// Sets up libedit on the process's standard input and output, and
    /// loads `historyFile` if it exists (`nil`: history for this session only).
    public init(programName: String, historyFile: HistoryFile?) {
        // libedit never sets the locale; without it, it edits UTF-8 byte by byte.
        ks_setlocale_ctype()
        Interrupts.install()
        guard let editLine = el_init(programName, ks_stdin(), ks_stdout(), ks_stderr()) else {
            preconditionFailure("el_init failed: out of memory")
        }
        self.editLine = editLine
        let history = EditHistory(maxEntries: historyFile?.maxEntries ?? 1000)
        self.history = history
        self.journal = historyFile.map { HistoryJournal(history: history, file: $0) }
        self.promptText = strdup("")

        ks_el_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
        ks_el_set_editor(editLine, "emacs")
        // libedit's own handlers keep the terminal sane on SIGTSTP/SIGCONT and
        // follow window resizes; on SIGINT it restores the terminal and then
        // runs the Interrupts handler.
        ks_el_set_signal(editLine, 1)
        // Ctrl-C while a command runs must not have the terminal throw away output it has
        // queued but not shown (a created key's secret, shown once): NOFLSH in the modes
        // commands run in and lines are edited in (libedit clears it by default); el_end
        // gives the terminal back as it was.
        ks_el_setty(editLine, "-x", "+noflsh")
        ks_el_setty(editLine, "-d", "+noflsh")
        ks_el_set_prompt_esc(
            editLine,
            { editLine in
                guard let editLine, let editor = LibEditLineEditor.instance(of: editLine) else { return nil }
                return editor.promptText
            }, CChar(promptEscape.asciiValue!))
        ks_el_set_hist(editLine, history.handle)
        ks_el_addfn(
            editLine, "keysmith-complete", "complete the word before the cursor",
            { editLine, _ in
                guard let editLine, let editor = LibEditLineEditor.instance(of: editLine) else { return UInt8(CC_ERROR) }
                return editor.complete()
            })
        ks_el_bind(editLine, "^I", "keysmith-complete")

        if let journal {
            do throws(LineEditorError) {
                try journal.load()
            } catch {
                historyProblem = error
            }
        }
    }

    deinit {
        el_end(editLine)
        free(promptText)
    }

    static func instance(of editLine: OpaquePointer) -> LibEditLineEditor? {
        guard let data = ks_el_get_clientdata(editLine) else { return nil }
        return Unmanaged<LibEditLineEditor>.fromOpaque(data).takeUnretainedValue()
    }

    /// Reads one line. Ctrl-C returns ``LineInput/interrupted`` after
    /// printing `^C` and a newline; Ctrl-D on an empty line returns
    /// ``LineInput/endOfInput`` after a newline. Ctrl-C pressed earlier,
    /// while a command ran, does not interrupt this line.
    public func readLine(prompt: String) -> LineInput {
        free(promptText)
        promptText = strdup(prompt)
        Interrupts.clear()
        Interrupts.setReading(true)
        defer { Interrupts.setReading(false) }
        while true {
            var count: Int32 = 0
            if let text = el_gets(editLine, &count) {
                var line = String(cString: text)
                if line.hasSuffix("\n") { line.removeLast() }
                return .line(line)
            }
            let readError = errno
            if count < 0 && readError == EINTR {
                // Another signal (SIGTERM handled elsewhere, ...) broke the
                // read: start the line again unless it was Ctrl-C.
                guard Interrupts.consume() else { continue }
                el_reset(editLine)
                write(text: "^C\n")
                return .interrupted
            }
            // Ctrl-D on an empty line: libedit leaves the cursor after the prompt.
            write(text: "\n")
            return .endOfInput
        }
    }

    /// Adds `line` to the history and appends it to the file (which is
    /// rewritten only when it grows past twice its cap: ``HistoryJournal``);
    /// a failure to save is kept in ``historyProblem`` and editing goes on.
    public func addToHistory(_ line: String) {
        guard let journal else {
            history.add(line)
            return
        }
        do throws(LineEditorError) {
            try journal.record(line)
        } catch {
            historyProblem = error
        }
    }

    /// The history entries, oldest first.
    package var historyEntries: [String] { history.entries }

    /// Writes straight to libedit's output stream, so the text lands in
    /// order with what libedit itself draws.
    func write(text: String) {
        let stream = ks_el_get_outfile(editLine) ?? ks_stdout()
        fputs(text, stream)
        fflush(stream)
    }
}
