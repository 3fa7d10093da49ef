import KeysmithPostgres
import KeysmithStore
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The database the PostgreSQL tests run on: `KEYSMITH_TEST_POSTGRES`, as
/// `scripts/postgres-test-server -- swift test` sets it. Without it the suites that need a
/// server are skipped, with one line saying how to run them.
enum TestDatabase {
    static let environment: [String: String] = {
        var result: [String: String] = [:]
        var entry = environ
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            entry += 1
        }
        return result
    }()

    static let url: PostgresURL? = try? PostgresStore.testDatabase(environment: environment)

    static var isSet: Bool { url != nil }

    static let howToRun = "PostgreSQL tests skipped: set KEYSMITH_TEST_POSTGRES to a database URL, or run scripts/postgres-test-server -- swift test"

    /// The same database over TCP with a password (set by scripts/postgres-test-server).
    static var tcpURL: PostgresURL? {
        environment["KEYSMITH_TEST_POSTGRES_TCP"].flatMap { try? PostgresURL(parsing: $0) }
    }

    /// The script that stops, starts or restarts the test server.
    static var control: String? { environment["KEYSMITH_TEST_POSTGRES_CTL"] }

    /// A store on a new schema of the test database.
    static func freshStore() async throws -> PostgresStore {
        guard let url else { throw StoreError.failure(howToRun) }
        return try await PostgresStore.temporary(in: url)
    }

    /// Runs `body` on a fresh store and drops its schema afterwards, however `body` ends.
    static func withFreshStore<T>(_ body: (PostgresStore) async throws -> T) async throws -> T {
        let store = try await freshStore()
        do {
            let result = try await body(store)
            try await store.dropSchemaAndClose()
            return result
        } catch {
            try? await store.dropSchemaAndClose()
            throw error
        }
    }
}
