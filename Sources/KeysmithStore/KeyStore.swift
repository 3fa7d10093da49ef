public import KeysmithCore

/// Where keys, users, resources, custom endpoints and the audit log live.
///
/// Async so that a networked database can implement it: bodies and the reader's and writer's
/// methods are `async` (a store whose methods are synchronous still conforms). Every operation
/// runs inside one transaction: `write` either applies everything its body did or, if the body
/// throws (or its task is cancelled), nothing. A body may suspend: no other transaction sees
/// its changes before it returns, and writes take turns (each decides on what the one before
/// it committed). A fresh store holds the user `me` (a member) and nothing else.
public protocol KeyStore: Sendable {
    /// Runs `body` over a consistent view of the store.
    func read<T: Sendable>(_ body: @Sendable (any StoreReader) async throws -> T) async throws -> T
    /// Runs `body` as one transaction; a throw rolls back everything it changed.
    func write<T: Sendable>(_ body: @Sendable (any StoreWriter) async throws -> T) async throws -> T
    /// How to name this store to a person: `in memory`, or a file path.
    var location: String { get }
    /// Runs a batch of checks as one write transaction (Docs: The check): loads what the
    /// batch needs in one go, lets the batch decide every check in order, and
    /// writes what it recorded in one go, so a batch costs a constant number of store
    /// operations whatever its size. A store implements the load and the write, never the
    /// decision. The default runs over ``write(_:)`` (one read per item: for a store of an
    /// embedder's own that has nothing better).
    func runChecks(_ batch: CheckBatch) async throws -> [CheckResult]
    /// Runs one check as ``runChecks(_:)`` would run a batch of one; a store may answer it
    /// without building a batch (the default builds one).
    func runCheck(_ request: CheckRequest, clock: SessionClock) async throws -> CheckResult
}

extension KeyStore {
    /// The default: one ``write(_:)`` transaction that loads what the batch needs (one read
    /// an item), decides every check in order, and writes what the checks recorded.
    public func runChecks(_ batch: CheckBatch) async throws -> [CheckResult] {
        try await write { tx in
            var snapshot = try await CheckSnapshot.load(batch, from: tx)
            let results = batch.decide(in: &snapshot)
            try await snapshot.effects.write(to: tx)
            return results
        }
    }

    /// The default: ``runChecks(_:)`` over a batch of this one request.
    public func runCheck(_ request: CheckRequest, clock: SessionClock) async throws -> CheckResult {
        guard let result = try await runChecks(CheckBatch([request], clock: clock)).first else {
            throw StoreError.failure("store \(location) answered a check with no result")
        }
        return result
    }
}

/// Read access inside a transaction. Listings are in creation order.
public protocol StoreReader {
    /// The default catalog plus the store's custom endpoints.
    func catalog() async throws -> Catalog
    func user(named name: String) async throws -> User?
    func users() async throws -> [User]
    func resource(_ kind: ResourceKind, id: String) async throws -> Resource?
    func resources() async throws -> [Resource]
    func key(id: KeyID) async throws -> APIKey?
    func key(digest: SecretDigest) async throws -> APIKey?
    func keys(ownedBy owner: String) async throws -> [APIKey]
    /// The newest `limit` entries (all when nil), oldest first.
    func auditLog(limit: Int?) async throws -> [AuditEntry]
    /// The latest instant at which a command changed the store, checked a key or moved the
    /// clock (Docs: The key model, Time); nil for a fresh store. Every process sharing the store sees it.
    func latestInstant() async throws -> Instant?
    /// The account's API-key switch (Docs: The key model): true on a fresh store.
    func apiKeysEnabled() async throws -> Bool
    /// What `bucket` has counted in its current window; nil when it has counted nothing.
    func rateWindow(_ bucket: RateBucket) async throws -> RateWindow?
}

/// Write access inside a transaction. Callers validate first; these only store.
public protocol StoreWriter: StoreReader {
    func insert(_ user: User) async throws
    func insert(_ resource: Resource) async throws
    func setShare(_ kind: ResourceKind, id: String, user: String, role: ShareRole) async throws
    func insert(_ key: APIKey) async throws
    /// Stores a key's changeable fields: name, lastUsedAt, deletedAt, and a roll's replacedBy
    /// and retiresAt.
    func update(_ key: APIKey) async throws
    func insertCustomEndpoint(_ endpoint: Endpoint) async throws
    /// Appends to the audit log, assigning the entry its sequence number.
    func append(_ entry: AuditEntry) async throws
    /// Makes `instant` the store's latest instant if it is later than the one kept (never
    /// moves it back).
    func recordLatestInstant(_ instant: Instant) async throws
    func setAPIKeysEnabled(_ enabled: Bool) async throws
    func setRateWindow(_ window: RateWindow, for bucket: RateBucket) async throws
    /// Sets (nil: removes) the rate limit of a catalog endpoint, default or custom; the
    /// catalog read afterwards carries it.
    func setRateLimit(_ limit: RateLimit?, on endpoint: Endpoint) async throws
    /// Removes every custom endpoint, and the rate limits set on them, then adds `endpoints`
    /// (custom, with their rate limits) in order: the catalog read afterwards is the one the
    /// store was opened with (its own limits kept) plus `endpoints`. Keys keep their grant
    /// names (the caller refuses a catalog that lacks one of them).
    func replaceCustomEndpoints(with endpoints: [Endpoint]) async throws
}

extension StoreWriter {
    /// A store of an embedder's own that has not implemented it cannot replace its catalog.
    public func replaceCustomEndpoints(with endpoints: [Endpoint]) async throws {
        throw StoreError.failure("this store cannot replace its custom endpoints")
    }
}

/// Failures of a store itself (as opposed to a bad request). A program tells them apart by
/// ``code`` (`error.code == .damaged`); the codes grow with keysmith, so a `switch` over them
/// needs a `default`.
public struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What failed, with its values. Package-level: programs outside keysmith read ``code``.
    package enum Kind: Hashable, Sendable {
        case duplicateKeyID(KeyID)
        case failure(String)
        /// The store holds something keysmith could not have written: a value of the wrong type,
        /// out of range or unknown (`detail` names the table, column and row), or a file SQLite
        /// finds malformed. Nothing was changed; a program should stop rather than carry on with
        /// a store it cannot trust.
        case damaged(store: String, detail: String)
        /// The store was opened read-only (`reason`: its file or directory may not be written), and the
        /// command would change it. Every check records itself in the audit log, so a check is a
        /// write too.
        case readOnly(store: String, reason: String)
        /// The store's database failed (`message` says how, in plain words); `underlying` is the
        /// database's own error, kept whole for a program to inspect. Nothing was changed.
        case database(store: String, message: String, underlying: UnderlyingError)
        /// The connection was lost while the transaction was committing: it may or may not have
        /// taken effect, and it was not run again. Read the store to find out.
        case commitOutcomeUnknown(store: String, underlying: UnderlyingError)
    }

    /// What failed, with its values.
    package let kind: Kind

    package init(_ kind: Kind) { self.kind = kind }

    /// Which failure this is.
    public var code: Code { Code(kind) }

    /// Which ``StoreError`` an error is: a stable snake-case name with one static constant per
    /// kind of failure (see `ErrorCode`).
    public typealias Code = ErrorCode<StoreError>
}

extension ErrorCode where Family == StoreError {
    /// A key id generated twice (the store refused the second).
    public static var duplicateKeyID: Self { Self("duplicate_key_id") }
    /// A failure the store describes in words only.
    public static var failure: Self { Self("failure") }
    /// The store holds something keysmith could not have written; nothing was changed.
    public static var damaged: Self { Self("damaged") }
    /// The store was opened read-only and the command would change it.
    public static var readOnly: Self { Self("read_only") }
    /// The store's database failed; ``StoreError/underlying`` holds its own error.
    public static var database: Self { Self("database") }
    /// The connection was lost while a transaction committed: it may or may not have taken effect.
    public static var commitOutcomeUnknown: Self { Self("commit_outcome_unknown") }

    package init(_ kind: StoreError.Kind) {
        switch kind {
        case .duplicateKeyID: self = .duplicateKeyID
        case .failure: self = .failure
        case .damaged: self = .damaged
        case .readOnly: self = .readOnly
        case .database: self = .database
        case .commitOutcomeUnknown: self = .commitOutcomeUnknown
        }
    }
}

extension StoreError {
    /// The database's own error, kept whole, for `database` and
    /// `commitOutcomeUnknown`; nil for the others.
    public var underlying: UnderlyingError? {
        switch kind {
        case .database(_, _, let underlying), .commitOutcomeUnknown(_, let underlying): return underlying
        default: return nil
        }
    }

    package static func duplicateKeyID(_ id: KeyID) -> StoreError { StoreError(.duplicateKeyID(id)) }
    package static func failure(_ message: String) -> StoreError { StoreError(.failure(message)) }
    package static func damaged(store: String, detail: String) -> StoreError { StoreError(.damaged(store: store, detail: detail)) }
    package static func readOnly(store: String, reason: String) -> StoreError { StoreError(.readOnly(store: store, reason: reason)) }
    package static func database(store: String, message: String, underlying: UnderlyingError) -> StoreError {
        StoreError(.database(store: store, message: message, underlying: underlying))
    }
    package static func commitOutcomeUnknown(store: String, underlying: UnderlyingError) -> StoreError {
        StoreError(.commitOutcomeUnknown(store: store, underlying: underlying))
    }

    /// The failure in words, with the store's name.
    public var description: String {
        switch kind {
        case .duplicateKeyID(let id): return "key id \(id) is already taken"
        case .failure(let message): return message
        case .database(let store, let message, _): return "\(store): \(message)"
        case .commitOutcomeUnknown(let store, let underlying):
            return
                "\(store): the connection was lost while the change was committing (\(PrintableText.shown(underlying.description))); whether it took effect is not known, so it was not run again"
        case .damaged(let store, let detail): return "store \(store) is damaged: \(detail)"
        case .readOnly(let store, let reason):
            return
                "store \(store) is read-only (\(reason)): cannot record changes or checks (every check is recorded in the audit log); nothing was changed"
        }
    }
}

/// A database's own error inside a ``StoreError``, kept whole: cast ``error`` to the
/// database library's type (GRDB's `DatabaseError`, postgres-nio's `PSQLError`) to inspect
/// it. Two are equal when they read the same.
public struct UnderlyingError: Hashable, Sendable, CustomStringConvertible {
    /// The database library's error, as it was thrown.
    public let error: any Error & Sendable

    /// Wraps `error` whole.
    public init(_ error: any Error & Sendable) { self.error = error }

    /// The wrapped error as it describes itself (`String(describing:)`), unescaped.
    public var description: String { "\(error)" }

    /// Compares the two errors' descriptions, not their types: errors that read the same are equal.
    public static func == (a: UnderlyingError, b: UnderlyingError) -> Bool { a.description == b.description }

    /// Hashes the description, as `==` compares it.
    public func hash(into hasher: inout Hasher) { hasher.combine(description) }
}
