extension SQLiteStore {
    /// Where a person's own store lives when no path is given: `$XDG_DATA_HOME/keysmith/store.sqlite`, or
    /// `$HOME/.local/share/keysmith/store.sqlite` when `XDG_DATA_HOME` is unset, empty or
    /// not absolute (as the XDG base directory specification says).
    public static func defaultPath(environment: [String: String]) throws(SQLiteStoreError) -> String {
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") {
            return trimmed(data) + "/keysmith/store.sqlite"
        }
        if let home = environment["HOME"], home.hasPrefix("/") {
            return trimmed(home) + "/.local/share/keysmith/store.sqlite"
        }
        throw .noDefaultLocation
    }

    private static func trimmed(_ directory: String) -> String {
        var directory = Substring(directory)
        while directory.count > 1 && directory.hasSuffix("/") { directory = directory.dropLast() }
        return directory == "/" ? "" : String(directory)
    }
}
