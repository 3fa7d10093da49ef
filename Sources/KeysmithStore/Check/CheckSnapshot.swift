package import KeysmithCore

/// What a database store loaded for one ``CheckBatch``, and what deciding it recorded: the
/// ``CheckState`` of the SQLite and PostgreSQL stores (and of any store without its own).
///
/// A store fills it in one load (``init(catalog:latestInstant:apiKeysEnabled:)`` and the
/// `add` methods), runs ``CheckBatch/decide(in:)`` on it and writes ``effects`` in one go.
/// Lookups of things not loaded find nothing, as in the store they were looked for in.
package struct CheckSnapshot: CheckState {
    private let loadedCatalog: Catalog
    private var latest: Instant?
    private let enabled: Bool
    private var keys: [SecretDigest: APIKey] = [:]
    private var users: [String: User] = [:]
    private var resources: [ResourceReference: Resource] = [:]
    private var windows: [RateBucket: RateWindow] = [:]
    /// What the batch's checks recorded, to be written when the batch is decided.
    package private(set) var effects = CheckEffects()

    package init(catalog: Catalog, latestInstant: Instant?, apiKeysEnabled: Bool) {
        loadedCatalog = catalog
        latest = latestInstant
        enabled = apiKeysEnabled
    }

    package mutating func add(_ key: APIKey) { keys[key.digest] = key }
    package mutating func add(_ user: User) { users[user.name] = user }
    package mutating func add(_ resource: Resource) {
        resources[ResourceReference(kind: resource.kind, id: resource.id)] = resource
    }
    package mutating func add(_ window: RateWindow, for bucket: RateBucket) { windows[bucket] = window }

    /// The loaded key with `digest` (for a store that loads in steps: keys, then the rate
    /// windows their owners count in).
    package func loadedKey(digest: SecretDigest) -> APIKey? { keys[digest] }
    /// The owners of the loaded keys, each once.
    package var loadedOwners: [String] { Array(Set(keys.values.map(\.owner))) }

    package func catalog() -> Catalog { loadedCatalog }
    package func latestInstant() -> Instant? { latest }
    package func apiKeysEnabled() -> Bool { enabled }
    package func key(digest: SecretDigest) -> APIKey? { keys[digest] }
    package func user(named name: String) -> User? { users[name] }
    package func resource(_ kind: ResourceKind, id: String) -> Resource? {
        resources[ResourceReference(kind: kind, id: id)]
    }
    package func rateWindow(_ bucket: RateBucket) -> RateWindow? { windows[bucket] }

    package mutating func update(_ key: APIKey) {
        keys[key.digest] = key
        if let lastUsedAt = key.lastUsedAt { effects.recordUse(of: key.id, at: lastUsedAt) }
    }

    package mutating func setRateWindow(_ window: RateWindow, for bucket: RateBucket) {
        windows[bucket] = window
        effects.record(window, for: bucket)
    }

    package mutating func append(_ entry: AuditEntry) { effects.auditEntries.append(entry) }

    package mutating func recordLatestInstant(_ instant: Instant) {
        if let latest, latest >= instant { return }
        latest = instant
        effects.latestInstant = instant
    }
}

/// What a batch of checks changes in a store, each thing once: written in one go after the
/// batch is decided.
package struct CheckEffects: Sendable {
    /// Keys whose `lastUsedAt` moved (the last instant each), in the order first used.
    package private(set) var usedKeys: [(id: KeyID, at: Instant)] = []
    /// Rate buckets whose window changed (the last window each), in the order first changed.
    package private(set) var rateWindows: [(bucket: RateBucket, window: RateWindow)] = []
    /// The checks' audit entries, in order.
    package var auditEntries: [AuditEntry] = []
    /// The store's new latest instant, when the batch moved it.
    package var latestInstant: Instant?

    private var usedKeyPositions: [KeyID: Int] = [:]
    private var rateWindowPositions: [RateBucket: Int] = [:]

    package init() {}

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
