import KeysmithTestSupport

extension Files {
    /// The store file and whatever SQLite keeps beside it.
    static func storeFiles(_ path: String) -> [String] {
        [path, path + "-wal", path + "-shm", path + "-journal"].filter(exists)
    }
}
