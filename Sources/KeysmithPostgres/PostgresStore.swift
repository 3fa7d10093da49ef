import KeysmithCore
import KeysmithStore
import Logging
import PostgresNIO
import Synchronization

/// A store in a PostgreSQL database, shared by every host and process that opens it: the
/// store for a team that runs several servers on one set of keys or shares keys between
/// machines.
///
/// The tables live in their own schema (`keysmith`, or `?schema=NAME`), versioned like the
/// SQLite store's: a schema of that name holding anything else, or written by a newer
/// keysmith, is refused untouched. Only SHA-256 digests of secrets are stored (32 bytes,
/// unique). Every value is sent as a bound parameter; the one name written into SQL is the
/// schema's, which must be a plain lower-case identifier.
///
/// Every `write` is one transaction that first locks the store's clock row (`FOR UPDATE`):
/// writers on every host take turns, each decides on what the one before it committed, and
/// the store's latest instant (DESIGN §1 Time) moves forward for all of them together. A
/// `read` is one REPEATABLE READ, READ ONLY transaction and waits for no writer.
/// Serialization failures and deadlocks (SQLSTATE 40001, 40P01) are retried a few times.
///
/// Connections come from a `PostgresClient` pool whose `run()` the store keeps going in its
/// own task until ``close()``. When the server cannot be reached (stopped, restarting) a
/// transaction fails within `connect_timeout` (the URL's, 10 s by default) seconds with
/// ``StoreError/failure(_:)`` saying so, and the next one connects again by itself.
///
/// ```swift
/// let store = try await PostgresStore.open(try PostgresURL(parsing: "postgres://me@localhost/keys"))
/// let service = KeyService(store: store)
/// ```
public final class PostgresStore: KeyStore {
    /// The URL the store was opened with.
    public let url: PostgresURL
    let client: PostgresClient
    private let runTask: Task<Void, Never>
    let catalogCache: CatalogCache
    /// Every query this store has sent, BEGIN and COMMIT included.
    package let queryCount = QueryCount()
    private let outage = OutageMark()
    static let logger = Logger(label: "keysmith.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    /// How many times a transaction runs before a serialization failure is reported.
    package static let attempts = 5

    /// The schema version this keysmith writes.
    public static var schemaVersion: Int { PostgresSchema.currentVersion }

    /// The URL with the password masked.
    public var location: String { url.description }

    private init(url: PostgresURL, catalog: Catalog) {
        self.url = url
        catalogCache = CatalogCache(base: catalog)
        client = PostgresClient(configuration: Self.clientConfiguration(url), backgroundLogger: Self.logger)
        let client = client
        runTask = Task { await client.run() }
    }

    deinit { runTask.cancel() }

    /// Opens the store at `url`: connects once to check the server, the login and the
    /// database (each failure its own clear error), then creates or migrates the schema.
    /// The store's catalog is `catalog` (Lucid's by default) with the custom endpoints and rate
    /// limits the database holds.
    public static func open(_ url: PostgresURL, catalog: Catalog = .lucid) async throws(PostgresStoreError) -> PostgresStore {
        try await probe(url)
        let store = PostgresStore(url: url, catalog: catalog)
        do {
            try await store.withConnection { connection in
                try await PostgresSchema.migrate(connection, url: url, logger: logger)
            }
        } catch let error as PostgresStoreError {
            await store.close()
            throw error
        } catch {
            await store.close()
            throw .server(store: url.description, message: describe(error))
        }
        return store
    }

    /// Stops the connection pool. The store answers nothing afterwards.
    public func close() async {
        runTask.cancel()
        _ = await runTask.value
    }

    /// Removes the store's schema and everything in it, then closes the store: for tests
    /// and for scenario runs on PostgreSQL, which run each scenario on a fresh schema.
    package func dropSchemaAndClose() async throws {
        let schema = url.schema
        try await withConnection { connection in
            _ = try await connection.rows(
                PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \"\(schema)\" CASCADE"),
                logger: Self.logger)
        }
        await close()
    }

    // MARK: Transactions

    /// Runs `body` in one transaction on a pooled connection, under the URL's `timeout`. On a serialization failure or deadlock it starts over (up to five attempts), so `body` may run more than once.
    public func read<T: Sendable>(_ body: @Sendable (any StoreReader) async throws -> T) async throws -> T {
        try await transaction(writing: false) { try await body($0) }
    }

    /// Runs `body` in one transaction on a pooled connection, under the URL's `timeout`, committing if it returns. On a serialization failure or deadlock it starts over (up to five attempts), so `body` may run more than once.
    public func write<T: Sendable>(_ body: @Sendable (any StoreWriter) async throws -> T) async throws -> T {
        try await transaction(writing: true) { try await body($0) }
    }

    /// A batch of checks in one write transaction of five round trips whatever its size:
    /// BEGIN, the clock row locked with the store's small facts, the load, the write, COMMIT
    /// (Docs: The check).
    public func runChecks(_ batch: CheckBatch) async throws -> [CheckResult] {
        try await transaction(writing: true, locksClockFirst: false) { tx in
            var snapshot = try await tx.checkSnapshot(for: batch)
            let results = batch.decide(in: &snapshot)
            try await tx.write(snapshot.effects)
            return results
        }
    }

    /// Runs `body` in one transaction on a pooled connection, retrying it on a serialization
    /// failure or deadlock (nothing of a failed attempt was committed).
    private func transaction<T: Sendable>(
        writing: Bool, locksClockFirst: Bool = true,
        _ body: @Sendable (PostgresTransaction) async throws -> T
    ) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await withoutActuallyEscaping(body) { body in
                    try await withConnection { connection in
                        try await self.withDeadline(on: connection) {
                            try await self.once(on: connection, writing: writing, locksClockFirst: locksClockFirst, body)
                        }
                    }
                }
            } catch let error as PSQLError where Self.isRetryable(error) && attempt < Self.attempts {
                attempt += 1
                try await Task.sleep(for: .milliseconds(Int.random(in: 1...(10 << attempt))))
            } catch let abandoned as Abandoned {
                // Closed by keysmith itself (the deadline passed, or the command was cancelled):
                // never run again.
                if abandoned.cancelled { throw CancellationError() }
                throw StoreError.failure(
                    "\(location): the server did not answer within \(url.timeout + 1) s (a lock held by another session, or a server that stopped answering); keysmith gave up on the transaction and closed its connection (?timeout= in the URL sets the deadline)"
                )
            } catch let stale as StaleConnection {
                // Another connection, at once: the pool drops the closed one.
                guard attempt < Self.attempts else { throw storeError(stale.error) }
                attempt += 1
            } catch let unknown as CommitOutcomeUnknown {
                throw StoreError.commitOutcomeUnknown(store: location, underlying: UnderlyingError(unknown.error))
            } catch let error as PSQLError {
                throw storeError(error)
            } catch let error as ConnectionClosed {
                throw storeError(error)
            } catch let error as PostgresDecodingError {
                throw StoreError.damaged(
                    store: location,
                    detail: "a value in column \(error.columnName) is not of the type keysmith wrote")
            }
        }
    }

    /// Runs `body` (one transaction on `connection`) under the store's deadline
    /// (``PostgresURL/timeout``) and the task's cancellation: when either comes first, the
    /// connection is closed, which ends the query waiting on it at once (the server rolls the
    /// transaction back when it notices), and this throws ``Abandoned``. The server's own
    /// `statement_timeout` and `lock_timeout` end most waits before that; this is for a server
    /// that does not answer at all. The timer is a task scheduled on the connection's event
    /// loop, cancelled when the transaction ends.
    private func withDeadline<T>(on connection: PostgresConnection, _ body: () async throws -> T) async throws -> T {
        let ended = Mutex<Abandoned?>(nil)
        let abandon: @Sendable (Bool) -> Void = { cancelled in
            let first = ended.withLock { ended -> Bool in
                guard ended == nil else { return false }
                ended = Abandoned(cancelled: cancelled)
                return true
            }
            if first { connection.close().whenComplete { _ in } }
        }
        // A second past the server's own timeouts, so that a server that is there says why it
        // stopped waiting (a lock, a slow statement) before keysmith gives up on it.
        let timer = connection.eventLoop.scheduleTask(in: .seconds(Int64(url.timeout) + 1)) { abandon(false) }
        defer { timer.cancel() }
        do {
            return try await withTaskCancellationHandler {
                try await body()
            } onCancel: {
                abandon(true)
            }
        } catch {
            if let abandoned = ended.withLock({ $0 }) { throw abandoned }
            throw error
        }
    }

    /// One attempt at a transaction. A write locks the store's clock row first, unless its
    /// body does so itself (`locksClockFirst` false: a batch of checks locks it with its first query).
    private func once<T>(
        on connection: PostgresConnection, writing: Bool, locksClockFirst: Bool,
        _ body: (PostgresTransaction) async throws -> T
    ) async throws -> T {
        let logger = Self.logger
        do {
            queryCount.increment()
            try await connection.rows(
                writing ? "BEGIN ISOLATION LEVEL READ COMMITTED" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
                logger: logger)
        } catch  where Self.connectionIsGone(error) {
            // A pooled connection the server closed (it restarted): nothing was done yet.
            throw StaleConnection(error: error)
        }
        let result: T
        do {
            let tx = PostgresTransaction(connection, store: location, cache: catalogCache, queries: queryCount)
            if writing && locksClockFirst { try await tx.lockClock() }
            result = try await body(tx)
        } catch  where Self.connectionIsGone(error) {
            // The server ended the connection mid-transaction (a terminated backend, a
            // restart): nothing was committed, and a ROLLBACK sent on the dead connection
            // would never be answered. Another connection takes the whole transaction again.
            throw StaleConnection(error: error)
        } catch {
            queryCount.increment()
            _ = try? await connection.rows("ROLLBACK", logger: logger)
            throw error
        }
        // A failed COMMIT is not retried. One the server refused rolled back; one whose
        // connection was lost may or may not have taken effect.
        queryCount.increment()
        do {
            try await connection.rows("COMMIT", logger: logger)
        } catch  where Self.connectionIsGone(error) {
            throw CommitOutcomeUnknown(error: error)
        }
        return result
    }

    /// Leases a connection for `body`, waiting at most `connect_timeout` (the URL's, 10 s by default) seconds
    /// for one (the pool would keep a request waiting for a server that is away); the timer
    /// never interrupts a transaction under way. A server that cannot be reached fails with
    /// ``StoreError/failure(_:)`` saying why.
    ///
    /// While the server is known to be away (a lease failed in the last
    /// ``outageMemory``), a lease waits only ``leaseWaitDuringOutage`` and fails with the reason
    /// found then, so a busy server in front of the store can answer 503 at once instead of
    /// holding every request for the connect timeout. The pool keeps reconnecting meanwhile, so the first lease after the
    /// server returns succeeds.
    func withConnection<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let leased = LeaseFlag()
        let client = client
        let outage = outage
        let known = outage.current(within: Self.outageMemory)
        let timeout: Duration = known == nil ? .seconds(url.connectTimeout) : Self.leaseWaitDuringOutage
        do {
            return try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask {
                    try await client.withConnection { connection in
                        leased.set()
                        if known != nil { outage.end() }
                        return try await body(connection)
                    }
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    if leased.isSet { return nil }
                    throw LeaseTimeout()
                }
                while let next = try await group.next() {
                    if let value = next {
                        group.cancelAll()
                        return value
                    }
                }
                throw CancellationError()
            }
        } catch  where !leased.isSet && !(error is CancellationError) {
            // No connection came in time, or the pool gave up on connecting (its circuit
            // breaker) or was closed.
            if error is LeaseTimeout && known == nil {
                // The whole connect timeout went by (the pool keeps retrying a refused
                // connection rather than failing the lease). A quick probe, of a second at most,
                // says why: nothing listening, a login refused — or, for a server that answers
                // nothing at all, that it did not answer.
                var quick = url
                quick.connectTimeout = 1
                var reason = "\(location): the PostgreSQL server did not answer within \(url.connectTimeout) s"
                do {
                    try await Self.probe(quick)
                } catch {
                    // A probe that also heard nothing leaves the reason as it is.
                    if !error.description.contains("within 1 s") { reason = error.description }
                }
                outage.begin(reason)
                throw StoreError.failure(reason)
            }
            // The server was away a moment ago, or the pool gave up at once: ask the server
            // afresh rather than repeat an old reason. One that is back (restarted, thawed) is
            // used through a connection of its own while the pool waits out its back-off.
            let connection: PostgresConnection
            do {
                connection = try await Self.explainedConnection(url)
            } catch {
                outage.begin("\(error)")
                throw StoreError.failure("\(error)")
            }
            outage.end()
            do {
                let value = try await body(connection)
                try? await connection.close()
                return value
            } catch {
                try? await connection.close()
                throw error
            }
        }
    }

    /// How long a failed lease marks the server as away.
    static let outageMemory: Duration = .seconds(5)
    /// How long a lease waits while the server is marked away.
    static let leaseWaitDuringOutage: Duration = .milliseconds(250)

    // MARK: Errors

    /// Whether the server rolled the transaction back for a conflict worth another attempt.
    static func isRetryable(_ error: PSQLError) -> Bool {
        guard error.code == .server, let state = error.serverInfo?[.sqlState] else { return false }
        return state == "40001" || state == "40P01"
    }

    /// Whether the connection was lost (closed by the server, or broken).
    static func isLostConnection(_ error: PSQLError) -> Bool {
        [.serverClosedConnection, .uncleanShutdown, .clientClosedConnection, .connectionError].contains(error.code)
    }

    /// Whether `error` says the connection is gone, so the transaction on it took no effect
    /// (unless it came from COMMIT) and no further statement can be sent on it.
    static func connectionIsGone(_ error: any Error) -> Bool {
        if error is ConnectionClosed { return true }
        guard let error = error as? PSQLError else { return false }
        return isLostConnection(error) || endsConnection(error)
    }

    /// Whether the server ends the connection with this error (severity FATAL or PANIC, as
    /// when an administrator terminates the backend or the server shuts down).
    static func endsConnection(_ error: PSQLError) -> Bool {
        guard error.code == .server, let severity = error.serverInfo?[.severity] else { return false }
        return severity == "FATAL" || severity == "PANIC"
    }

    /// What a failure in a transaction means to a person.
    func storeError(_ error: any Error & Sendable) -> StoreError {
        .database(store: location, message: Self.describe(error), underlying: UnderlyingError(error))
    }

    /// A PostgreSQL failure in plain words, never with the password or a bound value.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        switch error.code {
        case .server:
            let message = error.serverInfo?[.message] ?? "an error"
            let state = error.serverInfo?[.sqlState] ?? "?"
            if state == "57014" {
                return
                    "the server gave up after the store's timeout: a statement ran that long, or waited that long for a lock held by another session (\(message))"
            }
            if state == "55P03" {
                return "a lock held by another session was not released within the store's timeout (\(message))"
            }
            if state.hasPrefix("57P") || state.hasPrefix("08") {
                return "the server went away (\(message)); it may be restarting"
            }
            return "the server answered: \(message) (SQLSTATE \(state))"
        case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
            return "the connection to the server was lost (it may have stopped or restarted)"
        case .connectionError:
            return "cannot connect: \(error.underlying.map { "\($0)" } ?? "connection failed")"
        case .sslUnsupported:
            return "the server does not offer TLS (add ?sslmode=disable to the URL, or prefer)"
        case .authMechanismRequiresPassword:
            return "the server asks for a password (give it in the URL or in PGPASSWORD)"
        case .poolClosed:
            return "the store was closed"
        default:
            return "\(error.code)"
        }
    }
}

/// Whether a connection was leased (so the lease timer lets the transaction run).
private final class LeaseFlag: Sendable {
    private let flag = Mutex(false)
    func set() { flag.withLock { $0 = true } }
    var isSet: Bool { flag.withLock { $0 } }
}

/// When the server was last found away, and why: a lease in the next few seconds fails fast
/// with that reason.
private final class OutageMark: Sendable {
    private struct Mark {
        let noted: ContinuousClock.Instant
        let reason: String
    }

    private let mark = Mutex<Mark?>(nil)

    /// The reason, if the server was found away less than `memory` ago.
    func current(within memory: Duration) -> String? {
        mark.withLock { mark in
            guard let found = mark, ContinuousClock.now - found.noted < memory else { return nil }
            return found.reason
        }
    }

    func begin(_ reason: String) { mark.withLock { $0 = Mark(noted: .now, reason: reason) } }
    func end() { mark.withLock { $0 = nil } }
}

/// keysmith closed a transaction's connection itself: its deadline passed, or its task was
/// cancelled (Ctrl-C). Whether a COMMIT under way took effect is not known, so it is never
/// run again.
private struct Abandoned: Error {
    let cancelled: Bool
}

/// No connection came within the store's connect timeout.
private struct LeaseTimeout: Error {}

/// The server closed a pooled connection before its transaction committed: nothing of the
/// transaction took effect, so it runs again on another connection.
private struct StaleConnection: Error {
    let error: any Error & Sendable
}

/// The connection was lost while COMMIT was under way.
private struct CommitOutcomeUnknown: Error {
    let error: any Error & Sendable
}
