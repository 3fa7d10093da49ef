public import KeysmithCore

/// A key as shown to its owner: the stored record, its grant names and its status at the
/// moment it was read. Never the secret.
public struct KeyInfo: Hashable, Sendable {
    /// The stored key: everything but the secret.
    public let key: APIKey
    /// The names of the key's grants, in catalog order.
    public let grantNames: [String]
    /// The key's status at the moment it was read, not now.
    public let status: KeyStatus
    /// The moment the status was read at.
    package let asOf: Instant

    /// The key's id.
    public var id: KeyID { key.id }
    /// The key's name.
    public var name: String { key.name }

    init(key: APIKey, grantNames: [String], now: Instant) {
        self.key = key
        self.grantNames = grantNames
        self.status = key.status(at: now)
        self.asOf = now
    }

    /// How long an active key keeps working: until it expires or, for a rolled key in its grace
    /// period, retires (whichever comes first); nil for a key that never ends or no longer works.
    public var timeLeft: KeyDuration? {
        guard status == .active else { return nil }
        let ends = [key.expiration.instant, key.retiresAt].compactMap { $0 }
        guard let end = ends.min() else { return nil }
        return KeyDuration(seconds: end.secondsSinceEpoch - asOf.secondsSinceEpoch)
    }

    /// When a rolled key that still works retires (the end of its grace period).
    package var retiresIn: KeyDuration? {
        guard status == .active, let end = key.retiresAt else { return nil }
        return KeyDuration(seconds: end.secondsSinceEpoch - asOf.secondsSinceEpoch)
    }

    /// When the key stopped working for good (deleted, or retired after a roll).
    public var endedAt: Instant? { key.ended(at: asOf) }

    /// The expiry as people read it: `2026-01-31T00:00:00Z (in 2d3h)`, `… (expired)`, `never`.
    package var expiryDescription: String {
        guard let end = key.expiration.instant else { return "never" }
        if status == .active {
            return "\(end) (in \(KeyDuration(seconds: end.secondsSinceEpoch - asOf.secondsSinceEpoch).roughDescription))"
        }
        return status == .expired ? "\(end) (expired)" : end.description
    }
}

/// What `rollKey` returns: the new key with its secret (shown once), and the key it replaces
/// as it now stands (retiring now, or at the end of the grace period).
public struct RolledKey: Sendable {
    /// The new key and its secret, which is never available again.
    public let created: CreatedKey
    /// The key that was rolled, now naming its replacement and when it retires.
    public let replaced: KeyInfo
}

/// What `createKey` returns: the key and its secret, which is never available again.
public struct CreatedKey: Sendable {
    /// The new key as its owner sees it.
    public let info: KeyInfo
    /// The secret, shown once.
    public let secret: String
    /// Set when the request deserves a warning (a key that never expires).
    public let warning: String?
}
