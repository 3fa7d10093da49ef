import KeysmithStore

/// Why a path cannot be used as a keysmith store. Raised before anything is written, so a
/// file that is refused is never modified.
/// Not frozen: new cases may come in a later version, so a switch outside keysmith needs an
/// `@unknown default` (`@nonexhaustive`; inside the package switches stay exhaustive).
@nonexhaustive
public enum SQLiteStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The path names a directory.
    case isDirectory(String)
    /// The file exists but cannot be opened for reading and writing.
    case unreadable(String, reason: String)
    /// The file does not start with the SQLite header.
    case notSQLite(String)
    /// A SQLite database that belongs to another application.
    case foreignDatabase(String, detail: String)
    /// A keysmith store written by a newer keysmith, whose schema this one does not know.
    case newerSchema(String, found: Int, supported: Int)
    /// The store (or its directory) could not be created.
    case cannotCreate(String, reason: String)
    /// Neither `XDG_DATA_HOME` nor `HOME` says where the default store lives.
    case noDefaultLocation
    /// A keysmith store whose contents keysmith could not have written (see
    /// `StoreError.damaged(store:detail:)`, the same failure met while reading).
    case damaged(String, detail: String)
    /// The file may only be read, and opening it as asked would write (`detail` says why).
    case readOnly(String, detail: String)
    /// SQLite refused to open or set up the file.
    case sqlite(String, message: String)

    /// One sentence naming the path and, where there is one, what to do; refusals say the file was left untouched.
    public var description: String {
        switch self {
        case .isDirectory(let path):
            return "\(path) is not a keysmith store (it is a directory); give a file path such as \(path)/store.sqlite"
        case .unreadable(let path, let reason):
            return "cannot open store \(path): \(reason)"
        case .notSQLite(let path):
            return "\(path) is not a keysmith store (it is not a SQLite database); it was left untouched"
        case .foreignDatabase(let path, let detail):
            return "\(path) is not a keysmith store (it is another application's SQLite database: \(detail)); it was left untouched"
        case .newerSchema(let path, let found, let supported):
            return
                "\(path) was written by a newer keysmith (schema version \(found); this keysmith knows up to \(supported)); upgrade keysmith to use it — the store was left untouched"
        case .cannotCreate(let path, let reason):
            return "cannot create store \(path): \(reason)"
        case .noDefaultLocation:
            return "cannot find the default store: neither XDG_DATA_HOME nor HOME is set"
        case .damaged(let path, let detail):
            return StoreError.damaged(store: path, detail: detail).description + "; it was left untouched"
        case .readOnly(let path, let detail):
            return "store \(path) is read-only: cannot use it (\(detail)); it was left untouched"
        case .sqlite(let path, let message):
            return "cannot open store \(path): \(message)"
        }
    }
}
