import Logging
import PostgresNIO

/// keysmith's tables in their own PostgreSQL schema, versioned in its `schema_info` row
/// (application `keysmith`, version N), so another application's schema is never mistaken for
/// a store.
///
/// A migration only ever moves a schema forward, in one transaction that holds an advisory
/// lock named after the schema: hosts opening a new store at once take turns, and the later
/// ones find the work done. A schema holding other tables, or a newer version, is refused
/// before anything is written.
enum PostgresSchema {
    static let application = "keysmith"

    /// Every migration since the first version, in order, each a list of statements (the
    /// extended protocol runs one at a time). Never edit a shipped one: add a new one.
    static let migrations: [[String]] = [version1]

    /// The tables the first `version` migrations create, in order.
    static func tablesCreated(upTo version: Int) -> [String] {
        migrations.prefix(version).flatMap { $0 }.compactMap { statement in
            guard statement.hasPrefix("CREATE TABLE ") else { return nil }
            return statement.dropFirst("CREATE TABLE ".count).split(separator: " ").first.map(String.init)
        }
    }

    /// The schema this keysmith writes.
    static var currentVersion: Int { migrations.count }

    /// Version 1: users (with `me`), documents and folders with their shares, keys (the
    /// 32-byte digest only, unique; a deleted key stays as a tombstone), custom endpoints in
    /// the order they were added, the audit log (sequence numbers without gaps), the store's
    /// latest instant (one row, which every write locks first), key rolls, the account's
    /// API-key switch, rate limits set on endpoints and the rate counters. Instants are seconds
    /// since the epoch; a NULL `expires_at` is `never`; grant lists are names joined by commas.
    static let version1 = [
        """
        CREATE TABLE schema_info (
            id integer PRIMARY KEY CHECK (id = 1),
            application text NOT NULL,
            version integer NOT NULL
        )
        """,
        """
        CREATE TABLE users (
            id bigserial PRIMARY KEY,
            name text NOT NULL UNIQUE,
            role text NOT NULL CHECK (role IN ('member', 'admin'))
        )
        """,
        "INSERT INTO users (name, role) VALUES ('me', 'member')",
        """
        CREATE TABLE resources (
            id bigserial PRIMARY KEY,
            kind text NOT NULL CHECK (kind IN ('document', 'folder')),
            name text NOT NULL,
            owner text NOT NULL REFERENCES users (name),
            UNIQUE (kind, name)
        )
        """,
        """
        CREATE TABLE shares (
            resource bigint NOT NULL REFERENCES resources (id),
            user_name text NOT NULL REFERENCES users (name),
            role text NOT NULL CHECK (role IN ('view', 'edit')),
            PRIMARY KEY (resource, user_name)
        )
        """,
        """
        CREATE TABLE api_keys (
            seq bigserial PRIMARY KEY,
            id text NOT NULL,
            owner text NOT NULL REFERENCES users (name),
            name text NOT NULL,
            expires_at bigint,
            grants text NOT NULL,
            digest bytea NOT NULL CHECK (octet_length(digest) = 32),
            created_at bigint NOT NULL,
            last_used_at bigint,
            deleted_at bigint,
            replaces text,
            replaced_by text,
            retires_at bigint,
            CONSTRAINT api_keys_id_unique UNIQUE (id),
            CONSTRAINT api_keys_digest_unique UNIQUE (digest)
        )
        """,
        "CREATE INDEX api_keys_by_owner ON api_keys (owner, seq)",
        """
        CREATE TABLE custom_endpoints (
            position bigserial PRIMARY KEY,
            method text NOT NULL,
            path text NOT NULL,
            accepts_api_keys boolean NOT NULL,
            grants text NOT NULL,
            access text NOT NULL
        )
        """,
        """
        CREATE TABLE audit_log (
            sequence bigint PRIMARY KEY CHECK (sequence > 0),
            time bigint NOT NULL,
            actor text NOT NULL,
            action text NOT NULL,
            key_id text,
            outcome text NOT NULL,
            detail text NOT NULL
        )
        """,
        "CREATE INDEX audit_log_by_key ON audit_log (key_id) WHERE key_id IS NOT NULL",
        """
        CREATE TABLE store_clock (
            id integer PRIMARY KEY CHECK (id = 1),
            latest bigint
        )
        """,
        "INSERT INTO store_clock (id, latest) VALUES (1, NULL)",
        """
        CREATE TABLE account (
            id integer PRIMARY KEY CHECK (id = 1),
            api_keys_enabled boolean NOT NULL
        )
        """,
        "INSERT INTO account (id, api_keys_enabled) VALUES (1, true)",
        """
        CREATE TABLE rate_limits (
            change bigint PRIMARY KEY,
            method text NOT NULL,
            version integer NOT NULL,
            path text NOT NULL,
            count integer,
            period bigint,
            scope text,
            UNIQUE (method, version, path)
        )
        """,
        """
        CREATE TABLE rate_windows (
            bucket text PRIMARY KEY,
            window_start bigint NOT NULL,
            count integer NOT NULL
        )
        """,
    ]

    /// Creates the schema or brings it up to ``currentVersion``, refusing (untouched) one that
    /// is not keysmith's or is newer.
    static func migrate(_ connection: PostgresConnection, url: PostgresURL, logger: Logger) async throws {
        let schema = url.schema
        try await connection.rows("BEGIN", logger: logger)
        do {
            try await connection.rows(
                "SELECT pg_advisory_xact_lock(hashtext('keysmith schema ' || \(schema)))",
                logger: logger)
            let found = try await version(of: schema, connection, url: url, logger: logger)
            if found == nil {
                // Named by a checked plain identifier: DDL cannot take a bound parameter.
                try await connection.rows(
                    PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \"\(schema)\""),
                    logger: logger)
            }
            let from = found ?? 0
            if from < currentVersion {
                for migration in migrations[from...] {
                    for statement in migration {
                        try await connection.rows(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                }
                try await connection.rows(
                    """
                    INSERT INTO schema_info (id, application, version) VALUES (1, \(application), \(currentVersion))
                    ON CONFLICT (id) DO UPDATE SET version = excluded.version
                    """, logger: logger)
            }
            try await connection.rows("COMMIT", logger: logger)
        } catch {
            _ = try? await connection.rows("ROLLBACK", logger: logger)
            throw error
        }
    }

    /// The schema's keysmith version: nil when there is no such schema or it is empty (ready
    /// to become a store); throws for a schema that is someone else's or newer.
    private static func version(
        of schema: String, _ connection: PostgresConnection, url: PostgresURL,
        logger: Logger
    ) async throws -> Int? {
        let store = url.description
        let tables = try await connection.rows(
            """
            SELECT table_name::text FROM information_schema.tables WHERE table_schema = \(schema) ORDER BY table_name
            """, logger: logger
        ).map { try $0.decode(String.self) }
        if tables.isEmpty { return nil }
        guard tables.contains("schema_info") else {
            let shown = tables.prefix(5).joined(separator: ", ") + (tables.count > 5 ? ", …" : "")
            throw PostgresStoreError.foreignSchema(store: store, schema: schema, detail: "it holds the tables \(shown)")
        }
        let rows = try await connection.rows(
            """
            SELECT application, version FROM schema_info WHERE id = 1
            """, logger: logger)
        guard let row = rows.first, let (app, version) = try? row.decode((String, Int).self), app == application else {
            throw PostgresStoreError.foreignSchema(
                store: store, schema: schema,
                detail: "its schema_info does not name keysmith")
        }
        if version > currentVersion {
            throw PostgresStoreError.newerSchema(store: store, schema: schema, found: version, supported: currentVersion)
        }
        if version < 1 {
            throw PostgresStoreError.foreignSchema(store: store, schema: schema, detail: "its schema_info has version \(version)")
        }
        let missing = tablesCreated(upTo: version).filter { !tables.contains($0) }
        if !missing.isEmpty {
            throw PostgresStoreError.damagedSchema(store: store, schema: schema, missing: missing)
        }
        return version
    }
}
