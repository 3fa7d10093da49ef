import Testing

@testable import KeysmithPostgres

/// `--store postgres://…` is read exactly, and no message ever shows the password.
@Suite struct PostgresURLTests {
    @Test func aFullURLIsReadPartByPart() throws {
        let url = try PostgresURL(parsing: "postgres://ops:s3cr%40t@db.example:6543/keys?schema=team_a&sslmode=require&connect_timeout=9")
        #expect(url.user == "ops")
        #expect(url.password == "s3cr@t")
        #expect(url.host == "db.example")
        #expect(url.port == 6543)
        #expect(url.database == "keys")
        #expect(url.schema == "team_a")
        #expect(url.tls == .require)
        #expect(url.connectTimeout == 9)
        #expect(url.socketPath == nil)
    }

    @Test func defaultsArePort5432SchemaKeysmithAndTLSWhenOffered() throws {
        let url = try PostgresURL(parsing: "postgresql://me@localhost/keys")
        #expect(url.port == 5432 && url.schema == "keysmith" && url.tls == .prefer && url.password == nil)
        #expect(url.description == "postgres://me@localhost/keys")
    }

    @Test func aSocketDirectoryNamesTheSocketFileForThePort() throws {
        let url = try PostgresURL(parsing: "postgres://me@localhost:5433/keys?host=/run/postgresql")
        #expect(url.socketPath == "/run/postgresql/.s.PGSQL.5433")
        #expect(url.serverAddress == "/run/postgresql/.s.PGSQL.5433")
    }

    @Test func thePasswordComesFromPGPASSWORDWhenTheURLHasNone() throws {
        let url = try PostgresURL(parsing: "postgres://me@localhost/keys", environment: ["PGPASSWORD": "hunter2"])
        #expect(url.password == "hunter2")
        #expect(!url.description.contains("hunter2"))
        let inURL = try PostgresURL(parsing: "postgres://me:own@localhost/keys", environment: ["PGPASSWORD": "hunter2"])
        #expect(inURL.password == "own")
    }

    @Test func theDescriptionMasksThePassword() throws {
        let url = try PostgresURL(parsing: "postgres://me:hunter2@db:5433/keys?host=/tmp/s&schema=other")
        #expect(url.description == "postgres://me:***@db:5433/keys?host=/tmp/s&schema=other")
        #expect(!"\(PostgresStoreError.unreachable(store: url.description, reason: "x"))".contains("hunter2"))
    }

    @Test("the scheme is read in any case; near-misses are URLs (refused), not SQLite paths")
    func schemeSpellings() throws {
        #expect(try PostgresURL(parsing: "POSTGRES://me@h/db").database == "db")
        #expect(try PostgresURL(parsing: "PostgreSQL://me@h/db").database == "db")
        for nearMiss in [" postgres://me@h/db", "postgres:/me@h/db", "Postgres:me:pw@h/db"] {
            #expect(PostgresURL.isPostgresURL(nearMiss))
        }
        #expect(!PostgresURL.isPostgresURL("keys.sqlite") && !PostgresURL.isPostgresURL("postgres.sqlite"))
    }

    @Test(arguments: [
        ("mysql://me@h/db", "starts with postgres://"),
        ("postgres://me@h", "names no database"),
        ("postgres://h/db", "names no user"),
        ("postgres://me@h:99999/db", "port 99999"),
        ("postgres://me@h/db?schema=Robert'); DROP", "not a plain name"),
        ("postgres://me@h/db?host=relative", "Unix socket"),
        ("postgres://me@h/db?sslmode=maybe", "sslmode"),
        ("postgres://me@h/db?colour=blue", "unknown URL parameter colour"),
        ("postgres://me:pw%zz@h/db", "% not followed"),
        ("postgres://me@h/db?schema=", "?schema= is empty"),
        ("postgres://me@h/db?schema=public", "schema public belongs to PostgreSQL or to everyone"),
        ("postgres://me@h/db?schema=pg_temp", "schema pg_temp belongs to PostgreSQL"),
        ("postgres://me@h/db?schema=information_schema", "belongs to PostgreSQL"),
        ("postgres://me@h/db?schema=a&schema=b", "schema is given twice"),
        ("postgres://me@h/db#part", "has a #"),
        (" postgres://me:pw%zz@h/db", "starts with postgres://"),
        ("postgres:/me:pw%zz@h/db", "starts with postgres://"),
    ])
    func aBadURLIsRefusedSayingWhy(_ text: String, _ reason: String) {
        #expect(PostgresURL.isPostgresURL(text) || text.hasPrefix("mysql"), "taken for a URL, not a SQLite path")
        #expect {
            _ = try PostgresURL(parsing: text)
        } throws: { error in
            "\(error)".contains(reason) && !"\(error)".contains("pw%zz")
        }
    }
}
