import Foundation

/// The environment variables the tests read, read in one place. `scripts/test` (through
/// `scripts/postgres-test-server`) sets the PostgreSQL ones; without them the suites that need
/// a server are skipped.
public enum TestEnvironment {
    /// The whole environment of the test process.
    public static let values: [String: String] = ProcessInfo.processInfo.environment

    /// `KEYSMITH_TEST_POSTGRES`: the store URL of the test database, or nil when unset or empty.
    public static var postgres: String? { nonEmpty("KEYSMITH_TEST_POSTGRES") }

    /// `KEYSMITH_TEST_POSTGRES_TCP`: the same database over TCP with a password.
    public static var postgresTCP: String? { nonEmpty("KEYSMITH_TEST_POSTGRES_TCP") }

    /// `KEYSMITH_TEST_POSTGRES_CTL`: the script that stops, starts, freezes or thaws the test server.
    public static var postgresControl: String? { nonEmpty("KEYSMITH_TEST_POSTGRES_CTL") }

    /// How to run the suites that need PostgreSQL, in one line.
    public static let howToRunPostgres =
        "PostgreSQL tests skipped: set KEYSMITH_TEST_POSTGRES to a database URL, or run scripts/postgres-test-server -- swift test"

    private static func nonEmpty(_ name: String) -> String? {
        guard let value = values[name], !value.isEmpty else { return nil }
        return value
    }
}
