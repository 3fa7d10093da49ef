import GRDB
import KeysmithCore
import KeysmithStore
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A store in a SQLite file in WAL mode, through one GRDB connection: the embedded default.
///
/// Every `write` is one IMMEDIATE transaction, so a command that fails changes nothing and two
/// processes on one file take turns (a busy timeout, not "database is locked"). WAL with
/// `synchronous = NORMAL` survives a killed process with nothing half-written. The file only
/// ever holds secret digests, never secrets.
///
/// Transactions run on the calling thread through GRDB's synchronous access: a command costs
/// one SQLite transaction and no thread hand-off. Transactions of one store value take turns
/// through an async lock (a waiting task blocks no thread). The one blocking wait is a
/// writer's for another process's transaction (at most 10 s (`busyTimeout`)); an embedding server
/// with many concurrent writers may prefer to call the store from its own threads. Readers in
/// other processes never wait for a writer (WAL).
///
/// Opening an existing store writes nothing (a `DatabaseQueue`, not a `DatabasePool`, whose
/// set-up writes to the log of every file it opens), and neither does a read nor a write
/// that fails: a store found damaged is left byte for byte as it was. A store file this
/// process may not write (mode 0400, or in a directory it may not write) is opened read-only:
/// reading commands work, and writes are refused with `StoreError.readOnly(store:reason:)`.
///
/// ```swift
/// let store = try SQLiteStore(path: "/home/me/.local/share/keysmith/store.sqlite")
/// let service = KeyService(store: store)
/// ```
///
/// Opening refuses, without modifying it, a path that is not a keysmith store (a directory,
/// an unreadable file, a file that is not SQLite, another application's database, a store
/// from a newer keysmith); a missing file is created with mode 0600 (missing directories 0700,
/// unless `creatingDirectories` is false: then the file's directory must exist).
public final class SQLiteStore: KeyStore {
    /// The store file.
    public let path: String
    /// Why the store was opened read-only (every write is then refused), or nil.
    package let readOnlyReason: String?
    private let database: DatabaseQueue
    private let catalogCache: CatalogCache
    /// Held for the whole of each transaction: one connection runs one transaction at a time.
    private let transactionLock = TransactionLock()
    /// What this store value knows of its files: whether they are sound and as it left them,
    /// so that ``close()`` may seal them.
    private let seal: SealKeeper
    /// Set for ``temporary()`` stores: the directory removed when the store goes away.
    private let temporaryDirectory: String?

    /// How long, in seconds, a transaction waits for another process's before giving up: the
    /// deadline of every SQLite store operation, which fails after it (a server can answer 503 then).
    package static let busyTimeout: Double = 10

    /// Opens the store at `path`, creating it (and, with `creatingDirectories`, its missing
    /// directories) on first use, and migrates it to the current schema. With `readOnly`, or
    /// when this process may not write the file or its directory, it is opened read-only (it
    /// must exist and be at the current schema). A path a person typed is best opened with
    /// `creatingDirectories: false`, so a typo is refused rather than made into a new store.
    ///
    /// An existing store that changed since keysmith last let go of it cleanly (its seal,
    /// `PATH-verified`)
    /// is read whole first, and refused as damaged if any row is; `refusingDamage: false` skips
    /// that, for ``verify()`` to list every damaged row itself.
    ///
    /// The store's catalog is `catalog` (Lucid's by default) with the custom endpoints and rate
    /// limits the file holds; an embedder's own API passes its own catalog, or an empty one
    /// and adds its endpoints.
    public convenience init(
        path: String, readOnly: Bool = false, creatingDirectories: Bool = true,
        refusingDamage: Bool = true, catalog: Catalog = .lucid
    ) throws(SQLiteStoreError) {
        try self.init(
            path: path, schemaVersion: Schema.currentVersion, temporaryDirectory: nil, readOnly: readOnly,
            creatingDirectories: creatingDirectories, refusingDamage: refusingDamage, catalog: catalog)
    }

    /// Opens (or creates) a store at `schemaVersion`: the current one, or an earlier one to
    /// write fixtures for migration tests.
    init(
        path: String, schemaVersion: Int, temporaryDirectory: String?, readOnly: Bool = false,
        creatingDirectories: Bool = true, refusingDamage: Bool = true, catalog: Catalog = .lucid
    ) throws(SQLiteStoreError) {
        self.path = path
        let catalogCache = CatalogCache(base: catalog)
        self.catalogCache = catalogCache
        self.temporaryDirectory = temporaryDirectory
        guard !path.isEmpty else { throw .unreadable(path, reason: "the path is empty; give a file path such as store.sqlite") }
        let reason = readOnly ? "opened read-only" : try StoreFile.writeBlocker(path)
        readOnlyReason = reason
        // Two processes opening a new store at once can find it mid-creation: switching a new
        // file to WAL, or a migration's first read, may answer SQLITE_BUSY at once, without the
        // busy handler. Opening is repeated until it goes through or the busy timeout is spent.
        let giveUp = ContinuousClock.now + .seconds(SQLiteStore.busyTimeout)
        var pause = 0.005
        while true {
            do {
                let (opened, trusted) = try SQLiteStore.open(
                    path, schemaVersion: schemaVersion, readOnly: reason != nil,
                    creatingDirectories: creatingDirectories,
                    refusingDamage: refusingDamage, catalogCache: catalogCache)
                database = opened
                seal = SealKeeper(path: path, trusted: trusted && reason == nil)
                return
            } catch let error as SQLiteStoreError {
                throw error
            } catch let error as DatabaseError
                where (error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED) && ContinuousClock.now < giveUp
            {
                // Bounded by the clock, not by the pauses: one attempt may itself wait for the
                // busy handler.
                usleep(UInt32(pause * 1_000_000))
                pause = min(pause * 2, 0.25)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT {
                throw .damaged(path, detail: "SQLite finds the file malformed (\(SQLiteStore.describe(error)))")
            } catch {
                throw .sqlite(path, message: SQLiteStore.describe(error))
            }
        }
    }

    /// One attempt at opening: create or vet the file, open the connection, switch a new file
    /// to WAL and migrate. Throws ``SQLiteStoreError`` for a path that is not a store, the
    /// raw `DatabaseError` otherwise (so a busy store can be retried).
    /// Also says whether the store's content is known sound (sealed, read whole, or new).
    private static func open(
        _ path: String, schemaVersion: Int, readOnly: Bool, creatingDirectories: Bool,
        refusingDamage: Bool, catalogCache: CatalogCache
    ) throws -> (DatabaseQueue, trusted: Bool) {
        if readOnly { return (try openReadOnly(path), false) }
        // A store keysmith let go of cleanly, and no one changed since, is trusted; any other
        // existing store is read whole before anything is written to it.
        var mustVerify = false
        switch try StoreFile.inspect(path) {
        case .missing: try StoreFile.create(path, creatingDirectories: creatingDirectories)
        case .empty:
            // Emptied behind keysmith's back: its seal says it held a store.
            if StoreSeal.read(path) != nil {
                throw SQLiteStoreError.damaged(
                    path,
                    detail:
                        "the file is empty, but keysmith left it holding a store (\(StoreSeal.file(of: path)) says so); restore it from a backup, or remove both files to start afresh"
                )
            }
            try StoreFile.takeOver(path)
        case .sqlite:
            try vetWithoutWriting(path)
            mustVerify = !StoreSeal.holds(path)
            // To list the damage itself (`verify()`), without refusing or sealing.
            if !refusingDamage && mustVerify { return (try openAndMigrate(path, schemaVersion: schemaVersion), false) }
        }
        let database = try openAndMigrate(path, schemaVersion: schemaVersion)
        if schemaVersion == Schema.currentVersion {
            if mustVerify {
                let found: (rows: Int, damage: [String])
                do {
                    found = try database.read { db in
                        // A cache of its own: what verification read is not kept for the store's commands.
                        try SQLiteTransaction(
                            db, store: path, cache: CatalogCache(base: catalogCache.base),
                            open: SQLiteTransaction.OpenState()
                        ).verify(checkingNames: false)
                    }
                } catch let error as DatabaseError where Schema.isMismatch(error) {
                    try? database.close()
                    throw SQLiteStoreError.damaged(path, detail: "its tables do not match its schema version (\(describe(error)))")
                }
                if let first = found.damage.first {
                    try? database.close()
                    let more =
                        found.damage.count > 1
                        ? " (and \(found.damage.count - 1) more damaged row\(found.damage.count == 2 ? "" : "s"))" : ""
                    throw SQLiteStoreError.damaged(path, detail: first + more)
                }
            }
            StoreSeal.write(path)
            return (database, true)
        }
        return (database, false)
    }

    /// Opens the connection, switches a new file to WAL and migrates it to `schemaVersion`.
    private static func openAndMigrate(_ path: String, schemaVersion: Int) throws -> DatabaseQueue {
        let database = try DatabaseQueue(path: path, configuration: configuration)
        try database.writeWithoutTransaction { db in
            // Only a new (or rollback-journal) file changes: a store already in WAL is not written.
            if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                // SQLite answers with the old mode while another connection holds the file:
                // that is busy, and worth another try.
                guard try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") == "wal" else {
                    throw DatabaseError(resultCode: .SQLITE_BUSY, message: "cannot switch the file to write-ahead logging yet")
                }
            }
            try Schema.migrate(db, path: path, upTo: schemaVersion)
        }
        return database
    }

    /// Opens an existing store for reading only: it must be a keysmith store at the current
    /// schema, since migrating it would be a write.
    ///
    /// SQLite reads a WAL store through a shared-memory file (`-shm`) beside it, which a
    /// read-only connection would create with the store's own mode (0400 stays 0400, and then
    /// blocks the owner's writes once the store is writable again) or, in a read-only
    /// directory, cannot create at all. So when there is neither a shared-memory file nor a
    /// write-ahead log to read, the file alone is the whole store and is read as immutable,
    /// leaving nothing beside it; otherwise SQLite shares the files that are there.
    private static func openReadOnly(_ path: String) throws -> DatabaseQueue {
        switch try StoreFile.inspect(path, forWriting: false) {
        case .missing: throw SQLiteStoreError.readOnly(path, detail: "it does not exist, and creating it is a write")
        case .empty: throw SQLiteStoreError.readOnly(path, detail: "it is an empty file, and making it a store is a write")
        case .sqlite: break
        }
        var config = configuration
        config.readonly = true
        let fileAlone = !StoreFile.exists(path + "-shm") && !StoreFile.hasWriteAheadLog(path)
        let database: DatabaseQueue
        let identity: Schema.Identity
        do {
            database = try DatabaseQueue(path: fileAlone ? StoreFile.immutableURI(path) : path, configuration: config)
            identity = try database.read { try Schema.identity(of: $0) }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_READONLY || error.resultCode == .SQLITE_CANTOPEN {
            throw SQLiteStoreError.readOnly(
                path, detail: "SQLite cannot share its write-ahead log (\(path)-wal) without writing beside it: \(describe(error))")
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw SQLiteStoreError.notSQLite(path)
        }
        if try Schema.vet(identity, path: path) {
            throw SQLiteStoreError.readOnly(path, detail: "it holds no store yet, and making it one is a write")
        }
        if identity.version < Schema.currentVersion {
            throw SQLiteStoreError.readOnly(
                path, detail: "it has schema version \(identity.version) and needs an upgrade to \(Schema.currentVersion), which is a write"
            )
        }
        return database
    }

    /// A fresh store in a new private temporary directory, removed with the store: for
    /// scenarios and tests.
    public static func temporary(catalog: Catalog = .lucid) throws(SQLiteStoreError) -> SQLiteStore {
        let base = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((base + "/keysmith-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard made != nil else {
            throw .cannotCreate(base, reason: "cannot make a temporary directory: \(StoreFile.describe(errno))")
        }
        let directory = String(decoding: template.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return try SQLiteStore(
            path: directory + "/store.sqlite", schemaVersion: Schema.currentVersion,
            temporaryDirectory: directory, catalog: catalog)
    }

    deinit {
        guard let temporaryDirectory else { return }
        try? database.close()
        for suffix in ["", "-wal", "-shm", "-journal", "-verified"] { unlink(path + suffix) }
        rmdir(temporaryDirectory)
    }

    /// The path, and whether the store is read-only and why: which store is open, for a person to read.
    public var location: String { readOnlyReason.map { "\(path) (read-only: \($0))" } ?? path }

    /// The schema version this keysmith writes.
    public static var schemaVersion: Int { Schema.currentVersion }

    static var configuration: Configuration {
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.label = "keysmith"
        // A transaction spans several accesses (its body is async; see `transaction`).
        config.allowsUnsafeTransactions = true
        // A setting of the connection, not of the file: in WAL mode NORMAL syncs at
        // checkpoints rather than at every commit, and a killed process still loses nothing
        // committed (only a power cut can take the last transactions).
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        return config
    }

    // MARK: Transactions

    /// Runs `body` in one deferred SQLite transaction, alone among this store's transactions; it rolls back if `body` throws or the task is cancelled.
    public func read<T: Sendable>(_ body: @Sendable (any StoreReader) async throws -> T) async throws -> T {
        try await transaction(.deferred) { try await body($0) }
    }

    /// Runs `body` in one IMMEDIATE SQLite transaction (waiting for another process's write lock up to 10 s), committing if it returns; it rolls back if `body` throws or the task is cancelled, even after `body` returned. Throws `StoreError.readOnly` at once on a store opened read-only.
    public func write<T: Sendable>(_ body: @Sendable (any StoreWriter) async throws -> T) async throws -> T {
        if let readOnlyReason { throw StoreError.readOnly(store: path, reason: readOnlyReason) }
        return try await transaction(.immediate) { try await body($0) }
    }

    /// Lets go of the store: closes its connection and, when its files are sound and no one
    /// but this process changed them since it opened or last wrote them, seals them
    /// (`PATH-verified`), so that the next open need not read every row. The store answers
    /// nothing afterwards. A store never closed (a killed process), or changed by someone else
    /// meanwhile, is read whole at its next open for writing.
    public func close() {
        guard temporaryDirectory == nil else { return }
        let sealable = seal.sealable
        try? database.close()
        if sealable { StoreSeal.write(path) }
    }

    /// Reads every row of the store, with the checks the commands read them with, and says
    /// what is wrong with each damaged one (`keysmith store verify`). Writes nothing; a clean
    /// store is sealed (unless it is read-only), so the next open is quick.
    public func verify() async throws -> StoreVerification {
        await transactionLock.lock()
        defer { transactionLock.unlock() }
        let (path, cache) = (path, catalogCache)
        let found: (rows: Int, damage: [String])
        let before = StoreSeal.fingerprint(path)
        do {
            found = try await database.read { db in
                try SQLiteTransaction(db, store: path, cache: cache, open: SQLiteTransaction.OpenState()).verify()
            }
        } catch let error as DatabaseError {
            throw storeError(error)
        }
        if found.damage.isEmpty && readOnlyReason == nil {
            seal.verified(asOf: before)
            if seal.sealable { StoreSeal.write(path) }
        }
        return StoreVerification(store: path, rowsRead: found.rows, damage: found.damage)
    }

    /// A batch of checks in one IMMEDIATE transaction, in one access to the connection on
    /// GRDB's own queue (no cooperative thread blocks on SQLite): the load, the decision and
    /// the write, a fixed set of cached statements whatever the batch's size (Docs: The check).
    /// The store's transaction lock is still taken, since the chatty transactions of other commands
    /// hold the connection across suspension points.
    public func runChecks(_ batch: CheckBatch) async throws -> [CheckResult] {
        if let readOnlyReason { throw StoreError.readOnly(store: path, reason: readOnlyReason) }
        await transactionLock.lock()
        defer { transactionLock.unlock() }
        let (path, cache) = (path, catalogCache)
        let seal = seal
        defer { seal.afterOwnWrite() }
        do {
            return try await database.writeWithoutTransaction { db in
                var results: [CheckResult] = []
                try db.inTransaction(.immediate) {
                    seal.beforeOwnWrite()
                    let tx = SQLiteTransaction(db, store: path, cache: cache, open: SQLiteTransaction.OpenState())
                    var snapshot = try tx.checkSnapshot(for: batch)
                    results = batch.decide(in: &snapshot)
                    try tx.write(snapshot.effects)
                    return .commit
                }
                return results
            }
        } catch let error as DatabaseError {
            throw storeError(error)
        }
    }

    /// Runs `body` as one SQLite transaction of `kind` (IMMEDIATE for a write, so it takes the
    /// write lock at once, waiting up to 10 s (`busyTimeout`) for another process).
    ///
    /// The body is async, so the transaction spans several synchronous accesses to the
    /// connection (the connection allows a transaction left open between them,
    /// `allowsUnsafeTransactions`): BEGIN in one, each store method in its own (GRDB runs it
    /// on the calling thread when the connection is free, without a thread hand-off), COMMIT
    /// or ROLLBACK in the last. ``transactionLock`` keeps every other transaction of this
    /// store out meanwhile. A body that throws, or is cancelled, rolls back.
    private func transaction<T>(
        _ kind: Database.TransactionKind,
        _ body: (SQLiteOpenTransaction) async throws -> T
    ) async throws -> T {
        await transactionLock.lock()
        defer { transactionLock.unlock() }
        let database = database
        do {
            try database.inDatabase { db in try db.beginTransaction(kind) }
            if kind == .immediate { seal.beforeOwnWrite() }
            let result = try await body(SQLiteOpenTransaction(database, store: path, cache: catalogCache))
            // A command cancelled meanwhile (Ctrl-C while it waited for another process) takes
            // no effect: it rolls back instead of committing late.
            try Task.checkCancellation()
            try database.inDatabase { db in try db.commit() }
            if kind == .immediate { seal.afterOwnWrite() }
            return result
        } catch {
            database.inDatabase { db in
                if db.isInsideTransaction { try? db.rollback() }
            }
            if let error = error as? DatabaseError { throw storeError(error) }
            throw error
        }
    }

    /// Calls `observer` with every statement the connection runs from now on (nil: stops):
    /// what the cost-guard tests count to hold a batch of checks to a fixed number.
    package func traceStatements(_ observer: (@Sendable (String) -> Void)?) {
        database.inDatabase { db in
            guard let observer else { return db.trace(options: []) }
            db.trace(options: .statement) { event in observer(event.description) }
        }
    }

    /// What a SQLite failure in a transaction means to a person.
    private func storeError(_ error: DatabaseError) -> StoreError {
        switch error.resultCode {
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return .damaged(store: path, detail: "SQLite finds the file malformed (\(SQLiteStore.describe(error)))")
        case .SQLITE_READONLY:
            return .readOnly(store: path, reason: SQLiteStore.describe(error))
        case .SQLITE_ERROR where Schema.isMismatch(error):
            // A table or column the schema version promises is gone (dropped, or replaced).
            return .damaged(store: path, detail: "its tables do not match its schema version (\(SQLiteStore.describe(error)))")
        default:
            return .database(store: path, message: SQLiteStore.describe(error), underlying: UnderlyingError(error))
        }
    }

    // MARK: Opening

    /// Looks at an existing SQLite file through a connection that only reads (`query_only`),
    /// so a foreign database or a newer store is refused before anything is written.
    private static func vetWithoutWriting(_ path: String) throws {
        let identity: Schema.Identity
        do {
            var config = Configuration()
            config.busyMode = .timeout(busyTimeout)
            let queue = try DatabaseQueue(path: path, configuration: config)
            identity = try queue.read { try Schema.identity(of: $0) }
            try queue.close()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw SQLiteStoreError.notSQLite(path)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT {
            throw SQLiteStoreError.damaged(path, detail: "SQLite finds the file malformed (\(describe(error)))")
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            throw error  // being created by another process: the caller tries again
        } catch {
            throw SQLiteStoreError.sqlite(path, message: describe(error))
        }
        try Schema.vet(identity, path: path)
    }

    static func describe(_ error: any Error) -> String {
        guard let error = error as? DatabaseError else { return "\(error)" }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return "the store stayed busy for over \(Int(busyTimeout)) s (another process is holding it)"
        default:
            return error.message ?? "SQLite error \(error.resultCode.rawValue)"
        }
    }
}
