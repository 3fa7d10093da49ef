#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What went wrong in the line editor; each case names the file and the
/// system error so a person can fix it.
package enum LineEditorError: Error, Equatable, CustomStringConvertible {
    /// The history file's directory could not be created.
    case cannotCreateHistoryDirectory(path: String, errno: Int32)
    /// The history file could not be written.
    case cannotSaveHistory(path: String, errno: Int32)
    /// The history file exists but could not be read.
    case cannotLoadHistory(path: String)

    package var description: String {
        switch self {
        case .cannotCreateHistoryDirectory(let path, let code):
            "cannot create history directory \(path): \(Self.message(code))"
        case .cannotSaveHistory(let path, let code):
            "cannot save history to \(path): \(Self.message(code))"
        case .cannotLoadHistory(let path):
            "cannot read history file \(path) (not a libedit history file?)"
        }
    }

    private static func message(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
