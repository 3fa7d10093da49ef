import KeysmithPostgres
import KeysmithStore
import KeysmithTestSupport
import Testing

/// The database the PostgreSQL tests run on: `KEYSMITH_TEST_POSTGRES`, as
/// `scripts/postgres-test-server -- swift test` sets it. Without it the suites that need a
/// server are skipped, with one line saying how to run them.
enum TestDatabase {
    static var environment: [String: String] { TestEnvironment.values }

    static let url: PostgresURL? = TestEnvironment.postgres.flatMap { try? PostgresURL(parsing: $0, environment: environment) }

    static var isSet: Bool { url != nil }

    static var howToRun: String { TestEnvironment.howToRunPostgres }

    /// The same database over TCP with a password (set by scripts/postgres-test-server).
    static var tcpURL: PostgresURL? {
        TestEnvironment.postgresTCP.flatMap { try? PostgresURL(parsing: $0) }
    }

    /// The script that stops, starts or restarts the test server.
    static var control: String? { TestEnvironment.postgresControl }

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
