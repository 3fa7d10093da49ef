/// A personal API key as a store keeps it: everything but the secret, of which only the
/// digest remains. A deleted key stays as a tombstone (``deletedAt`` set).
///
/// The three instants that may be absent are kept as plain seconds with a sentinel, not as
/// optionals: an optional `Instant` takes 16 bytes, and a store holds millions of keys.
public struct APIKey: Hashable, Sendable {
    public let id: KeyID
    /// The user the key belongs to and acts as.
    public let owner: String
    public var name: String
    /// Grants as bits over the store's catalog (names via ``Catalog/names(of:)``). Immutable
    /// after creation.
    public let grants: GrantSet
    public let digest: SecretDigest
    public let createdAt: Instant
    private let expiresAtSeconds: Int64
    private var lastUsedAtSeconds: Int64
    private var deletedAtSeconds: Int64

    /// Stands for "no instant" in the fields above.
    private static let absent = Int64.min

    public var expiration: Expiration {
        expiresAtSeconds == Self.absent ? .never : .at(Instant(secondsSinceEpoch: expiresAtSeconds))
    }

    /// The last allowed check, if any.
    public var lastUsedAt: Instant? {
        get { Self.instant(lastUsedAtSeconds) }
        set { lastUsedAtSeconds = newValue?.secondsSinceEpoch ?? Self.absent }
    }

    /// When the key was deleted; set on a tombstone.
    public var deletedAt: Instant? {
        get { Self.instant(deletedAtSeconds) }
        set { deletedAtSeconds = newValue?.secondsSinceEpoch ?? Self.absent }
    }

    private static func instant(_ seconds: Int64) -> Instant? {
        seconds == absent ? nil : Instant(secondsSinceEpoch: seconds)
    }

    public init(id: KeyID, owner: String, name: String, expiration: Expiration, grants: GrantSet,
                digest: SecretDigest, createdAt: Instant, lastUsedAt: Instant? = nil, deletedAt: Instant? = nil) {
        self.id = id
        self.owner = owner
        self.name = name
        self.grants = grants
        self.digest = digest
        self.createdAt = createdAt
        self.expiresAtSeconds = expiration.instant?.secondsSinceEpoch ?? Self.absent
        self.lastUsedAtSeconds = lastUsedAt?.secondsSinceEpoch ?? Self.absent
        self.deletedAtSeconds = deletedAt?.secondsSinceEpoch ?? Self.absent
    }

    /// The key's status at `now`: deleted wins over expired.
    public func status(at now: Instant) -> KeyStatus {
        if deletedAt != nil { return .deleted }
        if expiration.isExpired(at: now) { return .expired }
        return .active
    }

    /// The rule for names: 1–100 characters of printable text holding no secret
    /// (``StoredText``). Returns why a name is bad, or nil.
    public static func problem(withName name: String) -> String? {
        if name.isEmpty { return "a key name cannot be empty" }
        if let problem = StoredText.problem(in: name, what: "a key name") { return problem }
        let count = name.count
        if count > 100 { return "a key name has at most 100 characters; this one has \(count)" }
        return nil
    }
}

/// Where a key stands at a given moment.
public enum KeyStatus: String, Sendable, CaseIterable {
    case active, expired, deleted
}
