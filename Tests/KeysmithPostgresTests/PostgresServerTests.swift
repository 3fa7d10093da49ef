import Foundation
import KeysmithCore
import KeysmithScript
import KeysmithStore
import KeysmithTestSupport
import PostgresNIO
import Testing

@testable import KeysmithPostgres

/// Everything that needs a PostgreSQL server, as the cases of one test (run one after the
/// other), so that without `KEYSMITH_TEST_POSTGRES` one line says they were skipped and how
/// to run them.
@Suite struct PostgresServerTests {
    @Test(.serialized, .enabled(if: TestDatabase.isSet, Comment(rawValue: TestDatabase.howToRun)), arguments: checks)
    func onARealServer(_ check: PostgresCheck) async throws {
        try await check.run()
    }

    static let checks: [PostgresCheck] =
        [
            PostgresCheck(
                "a fresh store holds only the user me and the Lucid catalog", Store.aFreshStoreHoldsOnlyTheUserMeAndTheLucidCatalog),
            PostgresCheck("a write that throws changes nothing", Store.aWriteThatThrowsChangesNothing),
            PostgresCheck(
                "the latest instant is kept in the database for every host", Store.theLatestInstantIsKeptInTheDatabaseForEveryHost),
            PostgresCheck(
                "a key is a 32-byte digest; no table holds its secret", Store.aKeyIsStoredAsA32ByteDigestAndNoTableHoldsItsSecret),
            PostgresCheck("a batch of 1, 8 or 64 checks costs five round trips", Store.aBatchOfChecksCostsFiveRoundTripsWhateverItsSize),
            PostgresCheck("a second open finds the schema current", Schema.aSecondOpenFindsTheSchemaCurrent),
            PostgresCheck("a schema holding other tables is refused untouched", Schema.aSchemaHoldingOtherTablesIsRefusedUntouched),
            PostgresCheck("a schema from a newer keysmith is refused untouched", Schema.aSchemaFromANewerKeysmithIsRefusedUntouched),
            PostgresCheck("a keysmith schema missing a table is refused as damaged", Schema.aKeysmithSchemaMissingATableIsRefusedAsDamaged),
            PostgresCheck("store verify names a stored name the commands refuse", Schema.storeVerifyNamesAStoredNameTheCommandsRefuse),
            PostgresCheck("a wrong password is refused and never shown", Failures.aWrongPasswordIsRefusedAndNeverShown),
            PostgresCheck("a missing database is named", Failures.aMissingDatabaseIsNamed),
            PostgresCheck("a server's error is kept whole in the store error", Failures.aServersErrorIsKeptWholeInTheStoreError),
            PostgresCheck("an unreachable server: nothing is listening", Failures.anUnreachableServerSaysNothingIsListening),
            PostgresCheck(
                "a key created by one process is allowed in another at once", Processes.aKeyCreatedByOneProcessIsAllowedInAnotherAtOnce),
            PostgresCheck("two writers creating 300 keys each lose nothing", Processes.twoWritersCreating300KeysEachLoseNothing),
            PostgresCheck("a writer killed mid-repeat leaves no half-written key", Processes.aWriterKilledMidRepeatLeavesNoHalfWrittenKey),
            PostgresCheck("pg_dump of the schema holds no secret", Processes.aDumpOfTheSchemaHoldsNoSecret),
            PostgresCheck(
                "a stopped server fails commands clearly; the store recovers by itself",
                Outages.aStoppedServerFailsEachCommandClearlyAndTheStoreRecoversByItself),
            PostgresCheck(
                "serve answers 503 while the database is away, then 200 without a restart",
                Outages.serveAnswers503WhileTheDatabaseIsAwayThen200WithoutARestart),
            PostgresCheck(
                "serve keeps answering while its database connections are terminated",
                Outages.serveKeepsAnsweringWhileItsConnectionsAreTerminated),
            PostgresCheck(
                "a frozen server (SIGSTOP): 503 within the deadline, a command fails in time, service resumes",
                Faults.aFrozenServerGets503WithinTheDeadlineAndServiceResumes),
            PostgresCheck("a cancelled command stops waiting on a frozen server at once", Faults.aCancelledCommandStopsWaitingAtOnce),
            PostgresCheck(
                "a black-holed network: 503 within the deadline, service resumes", Faults.aBlackHoledConnectionGets503WithinTheDeadline),
            PostgresCheck(
                "a table lock held by another session: 503 within the deadline", Faults.aTableLockHeldElsewhereGives503WithinTheDeadline),
            PostgresCheck("the first command after a restart connects afresh", Faults.theFirstCommandAfterARestartConnectsAfresh),
            PostgresCheck(
                "two serve processes on one database share one rate limit and lose no audit entry",
                ManyHosts.twoServersShareOneRateLimitAndLoseNoAuditEntry),
            PostgresCheck("the scenario suite is there") {
                #expect(!Scenarios.scenarios.isEmpty, "no scenarios under \(Scenarios.directory)")
            },
        ]
        + Scenarios.scenarios.map { path in
            let name = String(path.dropFirst(Scenarios.directory.count + 1))
            return PostgresCheck("scenario \(name)") { try await Scenarios.scenarioMatchesItsGolden(name) }
        }

    /// A key that allows `GET /users/me/profile` for `me`.
    static let createKey = "key create bot --expires 30d --grants User"
    static let request = "GET /users/me/profile"

    /// The test database's URL for `--store`, on `schema`.
    static func storeURL(schema: String) throws -> String {
        let base = try #require(TestDatabase.environment["KEYSMITH_TEST_POSTGRES"])
        return base + (base.contains("?") ? "&" : "?") + "schema=" + schema
    }

    static func freshSchemaName() -> String { "keysmith_t_\(getpid())_\(UInt32.random(in: 0...UInt32.max))" }

    /// Runs raw SQL on the test database (outside any store's schema rules), returning the
    /// first column of every row as text.
    static func sql(_ query: PostgresQuery, on store: PostgresStore) async throws -> [String] {
        try await store.withConnection { connection in
            try await connection.rows(query, logger: PostgresStore.logger).map { row in
                (try? row.decode(String?.self)).flatMap { $0 } ?? ""
            }
        }
    }
}

// MARK: The store itself

extension PostgresServerTests {
    enum Store {
        /// One load and one write per batch (Docs: The check): a per-check query put back makes
        /// the larger batches cost more round trips, and fails here.
        static func aBatchOfChecksCostsFiveRoundTripsWhateverItsSize() async throws {
            try await TestDatabase.withFreshStore { store in
                let service = KeyService(store: store, clock: SessionClock(frozenAt: Instant(parsing: "2026-01-01")!))
                var secrets: [String] = []
                for n in 0..<64 {
                    secrets.append(
                        try await service.createKey(
                            name: "k\(n)", expires: .never,
                            grants: ["DocumentReadonly", "User"], actor: "me"
                        ).secret)
                }
                _ = try await service.addResource(.document, id: "d1", owner: "me", actor: "me")
                _ = try await service.check(secret: secrets[0], method: "GET", path: "/users/me/profile")
                var costs: [Int: Int] = [:]
                for size in [1, 8, 64] {
                    let requests = (0..<size).map { n in
                        n == 1
                            ? CheckRequest(secret: "ksk_not-a-secret", method: "GET", path: "/documents/d1")
                            : CheckRequest(
                                secret: secrets[n], method: "GET",
                                path: n.isMultiple(of: 2) ? "/documents/d1" : "/users/me/profile")
                    }
                    let before = store.queryCount.value
                    let results = try await service.checks(requests)
                    costs[size] = store.queryCount.value - before
                    #expect(results.count == size && results[0].allowed)
                }
                #expect(costs == [1: 5, 8: 5, 64: 5], "round trips per batch of 1, 8, 64: \(costs)")
                let audited = try await store.read { try await $0.auditLog(limit: nil) }.filter { $0.action == .check }
                #expect(audited.count == 74, "the warm-up check and the batches of 1, 8 and 64 are each audited")
            }
        }

        static func aFreshStoreHoldsOnlyTheUserMeAndTheLucidCatalog() async throws {
            try await TestDatabase.withFreshStore { store in
                let users = try await store.read { try await $0.users() }
                #expect(users == [User(name: "me", role: .member)])
                #expect(try await store.read { try await $0.catalog() }.endpoints.count == Catalog.lucid.endpoints.count)
                #expect(try await store.read { try await $0.latestInstant() } == nil)
                #expect(try await store.read { try await $0.apiKeysEnabled() })
            }
        }

        static func aWriteThatThrowsChangesNothing() async throws {
            struct Boom: Error {}
            try await TestDatabase.withFreshStore { store in
                await #expect(throws: Boom.self) {
                    try await store.write { tx in
                        try await tx.insert(User(name: "ghost", role: .admin))
                        try await tx.append(
                            AuditEntry(
                                time: Instant(secondsSinceEpoch: 1), actor: "me", action: .userAdd,
                                keyID: nil, outcome: .ok, detail: .text("")))
                        throw Boom()
                    }
                }
                #expect(try await store.read { try await $0.user(named: "ghost") } == nil)
                #expect(try await store.read { try await $0.auditLog(limit: nil) }.isEmpty)
                // The audit log numbers on without a gap after the rolled-back append.
                try await store.write { tx in
                    try await tx.append(
                        AuditEntry(
                            time: Instant(secondsSinceEpoch: 1), actor: "me", action: .userAdd,
                            keyID: nil, outcome: .ok, detail: .text("")))
                }
                #expect(try await store.read { try await $0.auditLog(limit: nil) }.map(\.sequence) == [1])
            }
        }

        static func theLatestInstantIsKeptInTheDatabaseForEveryHost() async throws {
            try await TestDatabase.withFreshStore { store in
                let later = Instant(parsing: "2030-01-01T00:00:00Z")!
                let here = KeyService(store: store, clock: ManualClock(Instant(parsing: "2026-01-01T00:00:00Z")!))
                try await here.setClock(to: later)
                // Another host whose clock is behind opens the same schema and runs at the store's instant.
                let other = try await PostgresStore.open(store.url)
                let there = KeyService(store: other, clock: ManualClock(Instant(parsing: "2026-06-01T00:00:00Z")!))
                #expect(try await there.now() == later)
                await other.close()
            }
        }

        static func aKeyIsStoredAsA32ByteDigestAndNoTableHoldsItsSecret() async throws {
            try await TestDatabase.withFreshStore { store in
                let service = KeyService(store: store)
                let created = try await service.createKey(name: "k", expires: .never, grants: ["User"], actor: "me")
                _ = try await service.check(secret: created.secret, method: "GET", path: "/users/me/profile")
                let lengths = try await PostgresServerTests.sql("SELECT octet_length(digest)::text FROM api_keys", on: store)
                #expect(lengths == ["32"])
                let everything = try await PostgresServerTests.sql(
                    """
                    SELECT concat_ws(' ', (SELECT string_agg(k::text, ' ') FROM api_keys k),
                                          (SELECT string_agg(a::text, ' ') FROM audit_log a),
                                          (SELECT string_agg(c::text, ' ') FROM store_clock c))
                    """, on: store
                ).joined()
                #expect(everything.contains(created.info.id.rawValue), "the scan reads the tables")
                #expect(!everything.contains(String(created.secret.dropFirst(4).prefix(24))))
            }
        }
    }
}

// MARK: Schema versions and refusals

extension PostgresServerTests {
    enum Schema {
        static func aSecondOpenFindsTheSchemaCurrent() async throws {
            try await TestDatabase.withFreshStore { store in
                let again = try await PostgresStore.open(store.url)
                let version = try await PostgresServerTests.sql("SELECT version::text FROM schema_info", on: again)
                #expect(version == ["\(PostgresStore.schemaVersion)"])
                await again.close()
            }
        }

        static func aSchemaHoldingOtherTablesIsRefusedUntouched() async throws {
            try await TestDatabase.withFreshStore { store in
                let foreign = PostgresServerTests.freshSchemaName()
                _ = try await PostgresServerTests.sql(PostgresQuery(unsafeSQL: "CREATE SCHEMA \(foreign)"), on: store)
                _ = try await PostgresServerTests.sql(PostgresQuery(unsafeSQL: "CREATE TABLE \(foreign).invoices (n int)"), on: store)
                var url = store.url
                url.schema = foreign
                await #expect {
                    _ = try await PostgresStore.open(url)
                } throws: { error in
                    guard case PostgresStoreError.foreignSchema(_, let schema, let detail)? = error as? PostgresStoreError else {
                        return false
                    }
                    return schema == foreign && detail.contains("invoices")
                }
                let tables = try await PostgresServerTests.sql(
                    """
                    SELECT table_name::text FROM information_schema.tables WHERE table_schema = \(foreign)
                    """, on: store)
                #expect(tables == ["invoices"])
                _ = try await PostgresServerTests.sql(PostgresQuery(unsafeSQL: "DROP SCHEMA \(foreign) CASCADE"), on: store)
            }
        }

        static func aSchemaFromANewerKeysmithIsRefusedUntouched() async throws {
            try await TestDatabase.withFreshStore { store in
                _ = try await PostgresServerTests.sql("UPDATE schema_info SET version = 99", on: store)
                await #expect {
                    _ = try await PostgresStore.open(store.url)
                } throws: { error in
                    "\(error)".contains("version 99, written by a newer keysmith")
                }
                #expect(try await PostgresServerTests.sql("SELECT version::text FROM schema_info", on: store) == ["99"])
            }
        }

        /// A user name with ESC, written by hand, is damage to `store verify`, named without
        /// the raw control character; the sound rest is not.
        static func storeVerifyNamesAStoredNameTheCommandsRefuse() async throws {
            try await TestDatabase.withFreshStore { store in
                #expect(try await store.verifyByReading().damage.isEmpty)
                _ = try await PostgresServerTests.sql(
                    "INSERT INTO users (name, role) VALUES ('a' || chr(27) || '[2J', 'member')", on: store)
                let damage = try await store.verifyByReading().damage
                #expect(
                    damage == [
                        "the user name 'a\\u{1B}[2J' is one the commands refuse: a user name must be printable text: U+001B (ESC) at character 2"
                    ],
                    "\(damage)")
            }
        }

        static func aKeysmithSchemaMissingATableIsRefusedAsDamaged() async throws {
            try await TestDatabase.withFreshStore { store in
                _ = try await PostgresServerTests.sql("DROP TABLE rate_windows", on: store)
                await #expect {
                    _ = try await PostgresStore.open(store.url)
                } throws: { error in
                    "\(error)".contains("is damaged: the keysmith schema \(store.url.schema) has no table rate_windows")
                }
                #expect(try await PostgresServerTests.sql("SELECT to_regclass('rate_windows')::text", on: store) == [""])
            }
        }
    }
}

// MARK: Connection failures

extension PostgresServerTests {
    enum Failures {
        static func aWrongPasswordIsRefusedAndNeverShown() async throws {
            var url = try #require(TestDatabase.tcpURL, "KEYSMITH_TEST_POSTGRES_TCP is set by scripts/postgres-test-server")
            url.password = "not-the-password-xyz"
            await #expect {
                _ = try await PostgresStore.open(url)
            } throws: { error in
                guard case PostgresStoreError.authentication? = error as? PostgresStoreError else { return false }
                return !"\(error)".contains("not-the-password-xyz") && "\(error)".contains(":***@")
            }
        }

        static func aMissingDatabaseIsNamed() async throws {
            var url = try #require(TestDatabase.url)
            url.database = "keysmith_no_such_database"
            await #expect(throws: PostgresStoreError.missingDatabase(store: url.description, database: "keysmith_no_such_database")) {
                _ = try await PostgresStore.open(url)
            }
        }

        /// A lock held by another session past the store's `?timeout=`: the server's own error
        /// reaches the program inside `StoreError.database`, not flattened into a string.
        static func aServersErrorIsKeptWholeInTheStoreError() async throws {
            try await TestDatabase.withFreshStore { store in
                var url = store.url
                url.timeout = 1
                let short = url
                let impatient = try await PostgresStore.open(short)
                defer { Task { await impatient.close() } }
                let schema = store.url.schema
                try await store.withConnection { connection in
                    _ = try await connection.rows("BEGIN", logger: PostgresStore.logger)
                    _ = try await connection.rows(
                        PostgresQuery(unsafeSQL: "LOCK TABLE \"\(schema)\".store_clock IN ACCESS EXCLUSIVE MODE"),
                        logger: PostgresStore.logger)
                    do {
                        _ = try await KeyService(store: impatient).addUser("ann", role: .member, actor: "me")
                        Issue.record("a write went through a table locked by another session")
                    } catch {
                        let failure = error as? StoreError
                        guard let kind = failure?.kind, case .database(let named, let message, let underlying) = kind else {
                            Issue.record("expected StoreError.database, got \(error)")
                            _ = try await connection.rows("ROLLBACK", logger: PostgresStore.logger)
                            return
                        }
                        #expect(named == short.description)
                        #expect(!message.isEmpty)
                        // The server's own code: lock_timeout (55P03) or statement_timeout
                        // (57014), whichever of the two the server's timer ends first.
                        let server = try #require(underlying.error as? PSQLError)
                        #expect(
                            ["55P03", "57014"].contains(server.serverInfo?[.sqlState] ?? ""), "\(String(describing: server.serverInfo))")
                    }
                    _ = try await connection.rows("ROLLBACK", logger: PostgresStore.logger)
                }
            }
        }

        static func anUnreachableServerSaysNothingIsListening() async throws {
            let url = try PostgresURL(parsing: "postgres://keysmith:pw@127.0.0.1:1/keysmith?connect_timeout=2")
            await #expect {
                _ = try await PostgresStore.open(url)
            } throws: { error in
                "\(error)".contains("nothing is listening at 127.0.0.1:1") && !"\(error)".contains(":pw@")
            }
        }
    }
}

/// One named behaviour checked on a real server (a case of ``PostgresServerTests/onARealServer(_:)``).
struct PostgresCheck: Sendable, CustomTestStringConvertible {
    let name: String
    let run: @Sendable () async throws -> Void

    init(_ name: String, _ run: @escaping @Sendable () async throws -> Void) {
        self.name = name
        self.run = run
    }

    var testDescription: String { name }
}
