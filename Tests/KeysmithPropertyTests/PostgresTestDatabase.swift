import KeysmithTestSupport
import PostgresNIO

@testable import KeysmithPostgres

/// The PostgreSQL database the properties also run on, when `KEYSMITH_TEST_POSTGRES` names
/// one (scripts/test sets it; KeysmithPostgresTests says in one line how when it is not).
enum PostgresTestDatabase {
    static let url: PostgresURL? = TestEnvironment.postgres.flatMap { try? PostgresURL(parsing: $0) }

    /// Every row of every table of the store's schema, as text, to search for secrets.
    static func everything(in store: PostgresStore) async throws -> String {
        let schema = store.url.schema
        return try await store.withConnection { connection in
            let tables = try await connection.query(
                """
                SELECT table_name::text FROM information_schema.tables WHERE table_schema = \(schema)
                """, logger: PostgresStore.logger
            ).collect().map { try $0.decode(String.self) }
            var text = ""
            for table in tables where PostgresURL.isSchemaName(table) {
                // Names from the catalog, checked as plain identifiers.
                let rows = try await connection.query(
                    PostgresQuery(unsafeSQL: "SELECT t::text FROM \"\(table)\" t"),
                    logger: PostgresStore.logger
                ).collect()
                for row in rows { text += (try row.decode(String.self)) + "\n" }
            }
            return text
        }
    }
}
