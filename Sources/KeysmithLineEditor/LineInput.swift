/// What one call to ``LineEditor/readLine(prompt:)`` produced.
///
/// The REPL treats the three outcomes differently: a line is run, an
/// interrupted line is dropped and a fresh prompt shown, end of input ends
/// the session.
/// Frozen: these are all the cases there will be, so a switch may list them without a default.
public enum LineInput: Sendable, Equatable {
    /// A line the person finished with Return, without its newline.
    case line(String)
    /// Ctrl-C while typing: the half-typed line was dropped.
    case interrupted
    /// Ctrl-D on an empty line (or the end of a non-terminal input).
    case endOfInput
}
