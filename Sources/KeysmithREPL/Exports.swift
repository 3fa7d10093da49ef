// `import KeysmithREPL` brings the interpreter (KeysmithScript, and with it Keysmith) too, and
// from the line editor exactly what a host program needs to open the REPL: the libedit editor,
// its history file, and the protocol an editor of its own would conform to.
@_exported import KeysmithScript

@_exported import struct KeysmithLineEditor.CompletionResult
@_exported import struct KeysmithLineEditor.HistoryFile
@_exported import class KeysmithLineEditor.LibEditLineEditor
@_exported import protocol KeysmithLineEditor.LineEditor
@_exported import enum KeysmithLineEditor.LineEditorError
@_exported import enum KeysmithLineEditor.LineInput
