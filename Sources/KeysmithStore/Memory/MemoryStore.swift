public import KeysmithCore
import Synchronization

/// A store held in memory: a throwaway store, gone with the process, for scripts, tests and
/// sessions that keep nothing.
///
/// Keys are indexed by id and by digest (hash maps), so a check costs the same with ten keys
/// or a million. A write that throws is rolled back through an undo log. Transactions take
/// turns through a transaction lock held for the whole body (bodies may suspend); an
/// uncontended transaction allocates nothing for it.
public final class MemoryStore: KeyStore {
    /// Touched only by the transaction holding `lock`.
    private nonisolated(unsafe) let state: MemoryState
    private let lock = TransactionLock()

    /// An empty store whose catalog is `catalog` (Lucid's by default); an embedder's own API
    /// passes its own catalog, or an empty one and adds its endpoints.
    public init(catalog: Catalog = .lucid) { state = MemoryState(catalog: { catalog }) }

    /// An empty store whose catalog `catalog` builds when a command first reads it: a script
    /// that never reads it (an empty one) does not pay for building Lucid's.
    package init(catalogBuiltBy catalog: @escaping () -> Catalog) { state = MemoryState(catalog: catalog) }

    /// Always `in memory`.
    public var location: String { "in memory" }

    /// Runs `body` alone, under the transaction lock (reads take turns with writes too).
    public func read<T: Sendable>(_ body: @Sendable (any StoreReader) async throws -> T) async throws -> T {
        await lock.lock()
        defer { lock.unlock() }
        return try await body(MemoryTransaction(state))
    }

    /// Runs `body` alone, under the transaction lock; if it throws, every change it made is undone before the error is rethrown.
    public func write<T: Sendable>(_ body: @Sendable (any StoreWriter) async throws -> T) async throws -> T {
        await lock.lock()
        defer { lock.unlock() }
        state.clearUndo()
        do {
            return try await body(MemoryTransaction(state))
        } catch {
            state.rollBack()
            throw error
        }
    }

    /// Decides the batch on the store's own state: no load, no copy, no suspension per check.
    public func runChecks(_ batch: CheckBatch) async throws -> [CheckResult] {
        await lock.lock()
        defer { lock.unlock() }
        // The undo log is not needed (deciding never fails); it is emptied as a write's would be.
        defer { state.clearUndo() }
        var tx = MemoryTransaction(state)
        return batch.decide(in: &tx)
    }

    /// Decides one check in place under the transaction lock, as ``runChecks(_:)`` does a batch; a malformed secret is decided without a lookup.
    public func runCheck(_ request: CheckRequest, clock: SessionClock) async throws -> CheckResult {
        await lock.lock()
        defer { lock.unlock() }
        return decide(request, clock: clock)
    }

    // MARK: Without suspending

    /// Runs `body` as ``write(_:)`` does, without suspending, when no transaction holds the
    /// lock; nil, without running `body`, when one does (the caller then awaits ``write(_:)``).
    /// Never blocks: for callers that run synchronously (`KeyService`'s synchronous path).
    func writeNow<T>(_ body: (MemoryTransaction) throws -> T) throws -> T? {
        guard lock.tryLock() else { return nil }
        defer { lock.unlock() }
        state.clearUndo()
        do {
            return try body(MemoryTransaction(state))
        } catch {
            state.rollBack()
            throw error
        }
    }

    /// Decides one check as ``runCheck(_:clock:)`` does, without suspending, when no
    /// transaction holds the lock; nil when one does.
    func runCheckNow(_ request: CheckRequest, clock: SessionClock) -> CheckResult? {
        guard lock.tryLock() else { return nil }
        defer { lock.unlock() }
        return decide(request, clock: clock)
    }

    /// Decides `request` on the store's state; the caller holds the lock.
    private func decide(_ request: CheckRequest, clock: SessionClock) -> CheckResult {
        // The undo log is not needed (deciding never fails); it is emptied as a write's would be.
        defer { state.clearUndo() }
        var tx = MemoryTransaction(state)
        return CheckBatch.decide(
            request.method, request.path, mode: request.mode,
            digest: Secret.digestIfWellFormed(request.secret), clock: clock, auditedPath: request.auditedPath, in: &tx)
    }
}

/// The data of a ``MemoryStore``; a class so one transaction can mutate it in place.
final class MemoryState {
    /// Built from `base` when first read.
    lazy var catalog: Catalog = base
    /// The catalog the store was made with: custom endpoints are added to it. Built when first
    /// read (a session that never reads the catalog never builds Lucid's).
    lazy var base: Catalog = makeBase()
    private let makeBase: () -> Catalog
    var users: [String: User] = [User.defaultName: User(name: User.defaultName, role: .member)]
    var userOrder: [String] = [User.defaultName]
    var resources: [ResourceKey: Resource] = [:]
    var resourceOrder: [ResourceKey] = []
    /// Keys in creation order, found through the indexes below. A check goes digest → position
    /// (a one-word hash) and never hashes a string.
    var keys: [APIKey] = []
    var keyPositionsByID: [KeyID: Int32] = [:]
    /// Digest → position, keyed by the digest's first word: SHA-256 output is uniform, so
    /// 64 bits identify a key and the index holds 12 bytes an entry instead of 40. A digest
    /// whose first word is already taken (about one in 10¹⁹ pairs) goes to `digestCollisions`.
    var keyPositionsByDigestWord: [UInt64: Int32] = [:]
    var digestCollisions: [SecretDigest: Int32] = [:]
    var keyPositionsByOwner: [String: [Int32]] = [:]
    var audit = MemoryAuditLog()
    /// The store's latest instant (Docs: The key model, Time); nil until the first change, check or clock move.
    var latestInstant: Instant?
    var apiKeysEnabled = true
    var rateWindows: [RateBucket: RateWindow] = [:]
    /// How to undo the running write, newest step last. Kept here (not in the transaction) and
    /// emptied without freeing, so a write allocates nothing for its undo log.
    var undo: [UndoStep] = []
    /// Whether the running write's undo log holds the catalog as it was before the write: the
    /// first snapshot restores it whole, so later catalog changes add none (a snapshot per
    /// change kept every intermediate catalog alive: an import of n endpoints held n catalogs).
    private var catalogSaved = false

    /// Empties the undo log (keeping its storage) for the next write.
    func clearUndo() {
        undo.removeAll(keepingCapacity: true)
        catalogSaved = false
    }

    /// Records the catalog for the running write's undo, once per write; call it before changing
    /// the catalog.
    func saveCatalogForUndo() {
        guard !catalogSaved else { return }
        undo.append(.restoreCatalog(catalog))
        catalogSaved = true
    }

    init(catalog: @escaping () -> Catalog) { makeBase = catalog }

    /// Where the key with `digest` is, comparing the whole digest (in constant time).
    func position(ofDigest digest: SecretDigest) -> Int? {
        if let position = keyPositionsByDigestWord[digest.w0].map(Int.init), keys[position].digest == digest {
            return position
        }
        return digestCollisions.isEmpty ? nil : digestCollisions[digest].map(Int.init)
    }

    /// Reverses every change of the running write, newest first.
    func rollBack() {
        defer { catalogSaved = false }
        while let step = undo.popLast() {
            switch step {
            case .removeUser(let name):
                users[name] = nil
                userOrder.removeLast()
            case .removeResource(let key):
                resources[key] = nil
                resourceOrder.removeLast()
            case .restoreResource(let key, let before):
                resources[key] = before
            case .removeKey(let key):
                let position = Int32(keys.count - 1)
                keys.removeLast()
                keyPositionsByID[key.id] = nil
                if keyPositionsByDigestWord[key.digest.w0] == position {
                    keyPositionsByDigestWord[key.digest.w0] = nil
                } else {
                    digestCollisions[key.digest] = nil
                }
                keyPositionsByOwner[key.owner]?.removeLast()
            case .restoreKey(let position, let before):
                keys[position] = before
            case .restoreCatalog(let before):
                catalog = before
            case .removeAuditEntry:
                audit.removeLast()
            case .restoreLatestInstant(let before):
                latestInstant = before
            case .restoreAPIKeysEnabled(let before):
                apiKeysEnabled = before
            case .restoreRateWindow(let bucket, let before):
                rateWindows[bucket] = before
            }
        }
    }
}

/// One change a write made, as data (a closure per change would cost an allocation each).
enum UndoStep {
    case removeUser(String)
    case removeResource(ResourceKey)
    case restoreResource(ResourceKey, Resource?)
    case removeKey(APIKey)
    case restoreKey(position: Int, APIKey)
    case restoreCatalog(Catalog)
    case removeAuditEntry
    case restoreLatestInstant(Instant?)
    case restoreAPIKeysEnabled(Bool)
    case restoreRateWindow(RateBucket, RateWindow?)
}

struct ResourceKey: Hashable {
    let kind: ResourceKind
    let id: String
}

/// One transaction over a ``MemoryState``: applies changes at once and records in the state how
/// to undo them. A struct holding one reference, so it fits in an existential without a box.
struct MemoryTransaction: StoreWriter, CheckState {
    private let state: MemoryState

    init(_ state: MemoryState) { self.state = state }

    func catalog() -> Catalog { state.catalog }
    func user(named name: String) -> User? { state.users[name] }
    func users() -> [User] { state.userOrder.compactMap { state.users[$0] } }
    func resource(_ kind: ResourceKind, id: String) -> Resource? { state.resources[ResourceKey(kind: kind, id: id)] }
    func resources() -> [Resource] { state.resourceOrder.compactMap { state.resources[$0] } }
    func key(id: KeyID) -> APIKey? { state.keyPositionsByID[id].map { state.keys[Int($0)] } }
    func key(digest: SecretDigest) -> APIKey? { state.position(ofDigest: digest).map { state.keys[$0] } }
    func keys(ownedBy owner: String) -> [APIKey] { (state.keyPositionsByOwner[owner] ?? []).map { state.keys[Int($0)] } }

    func latestInstant() -> Instant? { state.latestInstant }
    func apiKeysEnabled() -> Bool { state.apiKeysEnabled }
    func rateWindow(_ bucket: RateBucket) -> RateWindow? { state.rateWindows[bucket] }

    func setAPIKeysEnabled(_ enabled: Bool) {
        state.undo.append(.restoreAPIKeysEnabled(state.apiKeysEnabled))
        state.apiKeysEnabled = enabled
    }

    func setRateWindow(_ window: RateWindow, for bucket: RateBucket) {
        state.undo.append(.restoreRateWindow(bucket, state.rateWindows[bucket]))
        state.rateWindows[bucket] = window
    }

    func setRateLimit(_ limit: RateLimit?, on endpoint: Endpoint) throws {
        state.saveCatalogForUndo()
        try state.catalog.setRateLimit(limit, method: endpoint.method, path: endpoint.path, version: endpoint.version)
    }

    func recordLatestInstant(_ instant: Instant) {
        if let latest = state.latestInstant, latest >= instant { return }
        state.undo.append(.restoreLatestInstant(state.latestInstant))
        state.latestInstant = instant
    }

    func auditLog(limit: Int?) -> [AuditEntry] {
        state.audit.entries(limit: limit, key: { state.keys[$0] }, grantNames: { state.catalog.names(of: $0) })
    }

    func insert(_ user: User) {
        state.users[user.name] = user
        state.userOrder.append(user.name)
        state.undo.append(.removeUser(user.name))
    }

    func insert(_ resource: Resource) {
        let key = ResourceKey(kind: resource.kind, id: resource.id)
        state.resources[key] = resource
        state.resourceOrder.append(key)
        state.undo.append(.removeResource(key))
    }

    func setShare(_ kind: ResourceKind, id: String, user: String, role: ShareRole) {
        let key = ResourceKey(kind: kind, id: id)
        state.undo.append(.restoreResource(key, state.resources[key]))
        state.resources[key]?.shares[user] = role
    }

    func insert(_ key: APIKey) throws {
        guard state.keyPositionsByID[key.id] == nil else { throw StoreError.duplicateKeyID(key.id) }
        let position = Int32(state.keys.count)
        state.keys.append(key)
        state.keyPositionsByID[key.id] = position
        if state.keyPositionsByDigestWord[key.digest.w0] == nil {
            state.keyPositionsByDigestWord[key.digest.w0] = position
        } else {
            state.digestCollisions[key.digest] = position
        }
        state.keyPositionsByOwner[key.owner, default: []].append(position)
        state.undo.append(.removeKey(key))
    }

    func update(_ key: APIKey) {
        // Found by digest (one word to hash) rather than by id: a check updates `lastUsedAt`.
        guard let position = state.position(ofDigest: key.digest), state.keys[position].id == key.id else {
            preconditionFailure("update of key \(key.id), which is not in the store (callers validate first)")
        }
        state.undo.append(.restoreKey(position: position, state.keys[position]))
        state.keys[position] = key
    }

    func insertCustomEndpoint(_ endpoint: Endpoint) throws {
        state.saveCatalogForUndo()
        try state.catalog.add(endpoint)
    }

    func replaceCustomEndpoints(with endpoints: [Endpoint]) throws {
        let before = state.catalog
        var catalog = state.base
        for endpoint in before.endpoints where !endpoint.isCustom {
            let own = catalog.endpoint(method: endpoint.method, path: endpoint.path, version: endpoint.version)
            if own?.rateLimit != endpoint.rateLimit {
                try catalog.setRateLimit(endpoint.rateLimit, method: endpoint.method, path: endpoint.path, version: endpoint.version)
            }
        }
        for endpoint in endpoints { try catalog.add(endpoint) }
        state.saveCatalogForUndo()
        state.catalog = catalog
        // Keys hold their grants as indices into the catalog: the same names, renumbered.
        for position in state.keys.indices {
            let key = state.keys[position]
            let renumbered = catalog.knownGrantSet(before.names(of: key.grants))
            guard renumbered != key.grants else { continue }
            state.undo.append(.restoreKey(position: position, key))
            state.keys[position].grants = renumbered
        }
    }

    func append(_ entry: AuditEntry) {
        let keyPosition = entry.keyID.flatMap { state.keyPositionsByID[$0] }.map(Int.init)
        state.audit.append(entry, keyPosition: keyPosition)
        state.undo.append(.removeAuditEntry)
    }
}
