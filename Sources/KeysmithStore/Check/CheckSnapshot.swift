import KeysmithCore

/// What a database store loaded for one ``CheckBatch``, and what deciding it recorded: the
/// ``CheckState`` of the SQLite and PostgreSQL stores (and of any store without its own).
///
/// A store fills it in one load (``init(catalog:latestInstant:apiKeysEnabled:)`` and the
/// `add` methods), runs ``CheckBatch/decide(in:)`` on it and writes ``effects`` in one go.
/// Lookups of things not loaded find nothing, as in the store they were looked for in.
public struct CheckSnapshot: CheckState {
    private let loadedCatalog: Catalog
    private var latest: Instant?
    private let enabled: Bool
    private var keys: [SecretDigest: APIKey] = [:]
    private var users: [String: User] = [:]
    private var resources: [ResourceReference: Resource] = [:]
    private var windows: [RateBucket: RateWindow] = [:]
    /// What the batch's checks recorded, to be written when the batch is decided.
    public private(set) var effects = CheckEffects()

    public init(catalog: Catalog, latestInstant: Instant?, apiKeysEnabled: Bool) {
        loadedCatalog = catalog
        latest = latestInstant
        enabled = apiKeysEnabled
    }

    public mutating func add(_ key: APIKey) { keys[key.digest] = key }
    public mutating func add(_ user: User) { users[user.name] = user }
    public mutating func add(_ resource: Resource) {
        resources[ResourceReference(kind: resource.kind, id: resource.id)] = resource
    }
    public mutating func add(_ window: RateWindow, for bucket: RateBucket) { windows[bucket] = window }

    /// The loaded key with `digest` (for a store that loads in steps: keys, then the rate
    /// windows their owners count in).
    public func loadedKey(digest: SecretDigest) -> APIKey? { keys[digest] }
    /// The owners of the loaded keys, each once.
    public var loadedOwners: [String] { Array(Set(keys.values.map(\.owner))) }

    public func catalog() -> Catalog { loadedCatalog }
    public func latestInstant() -> Instant? { latest }
    public func apiKeysEnabled() -> Bool { enabled }
    public func key(digest: SecretDigest) -> APIKey? { keys[digest] }
    public func user(named name: String) -> User? { users[name] }
    public func resource(_ kind: ResourceKind, id: String) -> Resource? {
        resources[ResourceReference(kind: kind, id: id)]
    }
    public func rateWindow(_ bucket: RateBucket) -> RateWindow? { windows[bucket] }

    public mutating func update(_ key: APIKey) {
        keys[key.digest] = key
        if let lastUsedAt = key.lastUsedAt { effects.recordUse(of: key.id, at: lastUsedAt) }
    }

    public mutating func setRateWindow(_ window: RateWindow, for bucket: RateBucket) {
        windows[bucket] = window
        effects.record(window, for: bucket)
    }

    public mutating func append(_ entry: AuditEntry) { effects.auditEntries.append(entry) }

    public mutating func recordLatestInstant(_ instant: Instant) {
        if let latest, latest >= instant { return }
        latest = instant
        effects.latestInstant = instant
    }
}

/// What a batch of checks changes in a store, each thing once: written in one go after the
/// batch is decided.
public struct CheckEffects: Sendable {
    /// Keys whose `lastUsedAt` moved (the last instant each), in the order first used.
    public private(set) var usedKeys: [(id: KeyID, at: Instant)] = []
    /// Rate buckets whose window changed (the last window each), in the order first changed.
    public private(set) var rateWindows: [(bucket: RateBucket, window: RateWindow)] = []
    /// The checks' audit entries, in order.
    public var auditEntries: [AuditEntry] = []
    /// The store's new latest instant, when the batch moved it.
    public var latestInstant: Instant?

    private var usedKeyPositions: [KeyID: Int] = [:]
    private var rateWindowPositions: [RateBucket: Int] = [:]

    public init() {}

    mutating func recordUse(of id: KeyID, at instant: Instant) {
        if let position = usedKeyPositions[id] {
            usedKeys[position].at = instant
        } else {
            usedKeyPositions[id] = usedKeys.count
            usedKeys.append((id, instant))
        }
    }

    mutating func record(_ window: RateWindow, for bucket: RateBucket) {
        if let position = rateWindowPositions[bucket] {
            rateWindows[position].window = window
        } else {
            rateWindowPositions[bucket] = rateWindows.count
            rateWindows.append((bucket, window))
        }
    }
}
