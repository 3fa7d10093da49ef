/// A personal API key as a store keeps it: everything but the secret, of which only the
/// digest remains. A deleted key stays as a tombstone (``deletedAt`` set).
public struct APIKey: Hashable, Sendable {
    public let id: KeyID
    /// The user the key belongs to and acts as.
    public let owner: String
    public var name: String
    public let expiration: Expiration
    /// Grants as bits over the store's catalog (names via ``Catalog/names(of:)``). Immutable
    /// after creation.
    public let grants: GrantSet
    public let digest: SecretDigest
    public let createdAt: Instant
    public var lastUsedAt: Instant?
    public var deletedAt: Instant?

    public init(id: KeyID, owner: String, name: String, expiration: Expiration, grants: GrantSet,
                digest: SecretDigest, createdAt: Instant, lastUsedAt: Instant? = nil, deletedAt: Instant? = nil) {
        self.id = id
        self.owner = owner
        self.name = name
        self.expiration = expiration
        self.grants = grants
        self.digest = digest
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.deletedAt = deletedAt
    }

    /// The key's status at `now`: deleted wins over expired.
    public func status(at now: Instant) -> KeyStatus {
        if deletedAt != nil { return .deleted }
        if expiration.isExpired(at: now) { return .expired }
        return .active
    }

    /// The rule for names: 1–100 characters, any text. Returns why a name is bad, or nil.
    public static func problem(withName name: String) -> String? {
        if name.isEmpty { return "a key name cannot be empty" }
        let count = name.count
        if count > 100 { return "a key name has at most 100 characters; this one has \(count)" }
        return nil
    }
}

/// Where a key stands at a given moment.
public enum KeyStatus: String, Sendable, CaseIterable {
    case active, expired, deleted
}
