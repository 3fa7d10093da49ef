import KeysmithStore
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Stores on a fresh schema of a test database, for scenarios and tests.
extension PostgresStore {
    private static let temporaryCount = Atomic<Int>(0)

    /// A new store in a new schema (`keysmith_tmp_<pid>_<n>_<random>`) of `url`'s database;
    /// ``dropSchemaAndClose()`` removes it.
    public static func temporary(in url: PostgresURL, catalog: Catalog = .lucid) async throws(PostgresStoreError) -> PostgresStore {
        var fresh = url
        let count = temporaryCount.wrappingAdd(1, ordering: .relaxed).newValue
        fresh.schema = "keysmith_tmp_\(getpid())_\(count)_\(UInt32.random(in: 0...UInt32.max))"
        return try await open(fresh, catalog: catalog)
    }
}
