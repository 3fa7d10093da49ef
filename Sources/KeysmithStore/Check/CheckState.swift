package import KeysmithCore

/// What the decision of a batch of checks reads and records (Docs: The check): the snapshot a
/// database store loaded for the batch (``CheckSnapshot``), or the memory store's own state,
/// where reading costs nothing. Reads see what earlier checks of the same batch recorded (the
/// rate-window counts, the latest instant), so a batch decides exactly as the same checks run
/// one after another would.
///
/// Every requirement is synchronous: nothing suspends between a batch's load and its write.
package protocol CheckState {
    /// The store's catalog: the default one plus custom endpoints, with limits as set.
    func catalog() -> Catalog
    /// The store's latest instant (Docs: The key model, Time), as the batch has moved it.
    func latestInstant() -> Instant?
    /// The account's API-key switch.
    func apiKeysEnabled() -> Bool
    func key(digest: SecretDigest) -> APIKey?
    func user(named name: String) -> User?
    func resource(_ kind: ResourceKind, id: String) -> Resource?
    /// What `bucket` has counted in its current window; nil when it has counted nothing.
    func rateWindow(_ bucket: RateBucket) -> RateWindow?

    /// Records a key's new `lastUsedAt` (the only field a check changes).
    mutating func update(_ key: APIKey)
    mutating func setRateWindow(_ window: RateWindow, for bucket: RateBucket)
    mutating func append(_ entry: AuditEntry)
    /// Makes `instant` the latest instant if it is later than the one kept.
    mutating func recordLatestInstant(_ instant: Instant)
}
