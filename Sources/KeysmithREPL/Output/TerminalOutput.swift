import KeysmithCore
import KeysmithPlatform
import KeysmithScript

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Output for an interactive session: ANSI colour for errors, warnings, allow/deny and the
/// one-time secret — only on a terminal, and never with `NO_COLOR` set or `TERM=dumb`.
package final class TerminalOutput: OutputSink {
    package let usesColour: Bool

    package init(usesColour: Bool = TerminalOutput.shouldUseColour()) {
        self.usesColour = usesColour
    }

    /// Colour when standard output is a terminal, `NO_COLOR` is unset or empty, and TERM is not dumb.
    package static func shouldUseColour() -> Bool {
        guard isatty(1) == 1 else { return false }
        if let noColour = getenv("NO_COLOR"), noColour.pointee != 0 { return false }
        if let term = getenv("TERM"), String(cString: term) == "dumb" { return false }
        return true
    }

    package func write(_ text: String, style: OutputStyle) {
        guard usesColour, let code = TerminalOutput.code(for: style) else { return emit(text) }
        // Colour each line separately so a newline never carries colour into the prompt.
        var out = ""
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if i > 0 { out += "\n" }
            if !line.isEmpty { out += "\u{1B}[\(code)m\(line)\u{1B}[0m" }
        }
        emit(out)
    }

    static func code(for style: OutputStyle) -> String? {
        switch style {
        case .plain: return nil
        case .error: return "31"
        case .warning: return "33"
        case .allow, .success: return "32"
        case .deny: return "1;31"
        case .secret: return "1;33"
        case .dim: return "2"
        }
    }

    private func emit(_ text: String) {
        SystemCalls.write(1, text)
    }
}
