#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the editor keeps its history between sessions, and how much.
///
/// The file is libedit's own format (`_HiStOrY_V2_`). It is private to the
/// user: mode 0600, in a directory created with mode 0700. Each new entry is
/// appended as one line; when the file would grow past twice `maxEntries`
/// it is rewritten whole (atomically, through a temporary file and a rename)
/// with the newest `maxEntries` lines, and loading keeps only those.
///
/// ```swift
/// let editor = LibEditLineEditor(programName: "keysmith", historyFile: .standard())
/// ```
public struct HistoryFile: Sendable, Equatable {
    /// Absolute path of the history file.
    package var path: String
    /// How many entries are kept; older ones are dropped.
    package var maxEntries: Int

    /// Describes a history file at `path` keeping the newest `maxEntries` lines.
    package init(path: String, maxEntries: Int = 1000) {
        precondition(maxEntries > 0, "a history keeps at least one entry")
        self.path = path
        self.maxEntries = maxEntries
    }

    /// `${XDG_STATE_HOME:-$HOME/.local/state}/keysmith/history`, or `nil`
    /// when neither variable gives an absolute directory.
    package static func defaultPath(environment: [String: String]) -> String? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return state + "/keysmith/history"
        }
        if let home = environment["HOME"], home.hasPrefix("/") {
            return home + "/.local/state/keysmith/history"
        }
        return nil
    }

    /// The history file at ``defaultPath(environment:)`` for this process's
    /// environment, or `nil` when there is no home to put it in.
    package static func standard(maxEntries: Int = 1000) -> HistoryFile? {
        var environment: [String: String] = [:]
        for name in ["XDG_STATE_HOME", "HOME"] {
            if let value = getenv(name) { environment[name] = String(cString: value) }
        }
        return defaultPath(environment: environment).map { HistoryFile(path: $0, maxEntries: maxEntries) }
    }

    /// The directory holding the file.
    var directory: String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Creates the file's directory and any missing parents with mode 0700.
    /// Existing directories are left as they are.
    func createDirectory() throws(LineEditorError) {
        var built = ""
        for component in directory.split(separator: "/", omittingEmptySubsequences: true) {
            built += "/" + component
            if mkdir(built, 0o700) != 0, errno != EEXIST {
                throw .cannotCreateHistoryDirectory(path: built, errno: errno)
            }
        }
    }
}
