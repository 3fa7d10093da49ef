/// A personal API key as a store keeps it: everything but the secret, of which only the
/// digest remains. A deleted key stays as a tombstone (``deletedAt`` set). A rolled key names
/// the key that replaced it (``replacedBy``) and retires at ``retiresAt``: from then on it
/// counts as deleted (a tombstone whose deletion time is its retirement).
///
/// The three instants that may be absent are kept as plain seconds with a sentinel, not as
/// optionals: an optional `Instant` takes 16 bytes, and a store holds millions of keys.
public struct APIKey: Hashable, Sendable {
    /// The key's public id.
    public let id: KeyID
    /// The user the key belongs to and acts as.
    public let owner: String
    /// The name the owner gave the key; changed by a rename.
    public var name: String
    /// Grants as bits over the store's catalog (names via ``Catalog/names(of:)``). Immutable
    /// after creation.
    /// Fixed for the key's life; only a store rebuilding its catalog renumbers the set (the
    /// same names under new indices).
    public package(set) var grants: GrantSet
    /// The SHA-256 digest of the key's secret, by which a check finds the key.
    public let digest: SecretDigest
    /// When the key was created (or rolled into being).
    public let createdAt: Instant
    private let expiresAtSeconds: Int64
    private var lastUsedAtSeconds: Int64
    private var deletedAtSeconds: Int64
    private var retiresAtSeconds: Int64
    /// The key a roll made to replace this one; set once, by the roll.
    public package(set) var replacedBy: KeyID?
    /// The key this one was rolled from.
    public let replaces: KeyID?

    /// Stands for "no instant" in the fields above.
    private static let absent = Int64.min

    /// When the key expires, fixed at creation; ``Expiration/never`` when it does not.
    public var expiration: Expiration {
        expiresAtSeconds == Self.absent ? .never : .at(Instant(secondsSinceEpoch: expiresAtSeconds))
    }

    /// The last allowed check, if any.
    public var lastUsedAt: Instant? {
        get { Self.instant(lastUsedAtSeconds) }
        set { lastUsedAtSeconds = newValue?.secondsSinceEpoch ?? Self.absent }
    }

    /// When the key was deleted; set on a tombstone.
    public package(set) var deletedAt: Instant? {
        get { Self.instant(deletedAtSeconds) }
        set { deletedAtSeconds = newValue?.secondsSinceEpoch ?? Self.absent }
    }

    /// When a rolled key stops working (at once, or at the end of its grace period). Set
    /// together with ``replacedBy``; never after the key's own expiration.
    public package(set) var retiresAt: Instant? {
        get { Self.instant(retiresAtSeconds) }
        set { retiresAtSeconds = newValue?.secondsSinceEpoch ?? Self.absent }
    }

    /// When the key stopped authenticating for good, as of `now`: its deletion, or its
    /// retirement once that has come. Nil for a key that is still live (perhaps expired).
    package func ended(at now: Instant) -> Instant? {
        if deletedAtSeconds != Self.absent { return Instant(secondsSinceEpoch: deletedAtSeconds) }
        if retiresAtSeconds != Self.absent && retiresAtSeconds <= now.secondsSinceEpoch {
            return Instant(secondsSinceEpoch: retiresAtSeconds)
        }
        return nil
    }

    private static func instant(_ seconds: Int64) -> Instant? {
        seconds == absent ? nil : Instant(secondsSinceEpoch: seconds)
    }

    /// A key as given, live unless `deletedAt` is set; nothing is checked.
    public init(
        id: KeyID, owner: String, name: String, expiration: Expiration, grants: GrantSet,
        digest: SecretDigest, createdAt: Instant, lastUsedAt: Instant? = nil, deletedAt: Instant? = nil,
        replaces: KeyID? = nil, replacedBy: KeyID? = nil, retiresAt: Instant? = nil
    ) {
        self.id = id
        self.owner = owner
        self.name = name
        self.grants = grants
        self.digest = digest
        self.createdAt = createdAt
        self.expiresAtSeconds = expiration.instant?.secondsSinceEpoch ?? Self.absent
        self.lastUsedAtSeconds = lastUsedAt?.secondsSinceEpoch ?? Self.absent
        self.deletedAtSeconds = deletedAt?.secondsSinceEpoch ?? Self.absent
        self.replaces = replaces
        self.replacedBy = replacedBy
        self.retiresAtSeconds = retiresAt?.secondsSinceEpoch ?? Self.absent
    }

    /// The key's status at `now`: deleted (or retired) wins over expired.
    public func status(at now: Instant) -> KeyStatus {
        if ended(at: now) != nil { return .deleted }
        if expiration.isExpired(at: now) { return .expired }
        return .active
    }

    /// The rule for names: 1–100 characters of printable text holding no secret
    /// (`StoredText`). Returns why a name is bad, or nil.
    package static func problem(withName name: String) -> String? {
        if name.isEmpty { return "a key name cannot be empty" }
        if let problem = StoredText.problem(in: name, what: "a key name") { return problem }
        let count = name.count
        if count > 100 { return "a key name has at most 100 characters; this one has \(count)" }
        return nil
    }
}

/// Where a key stands at a given moment.
/// Not frozen: new cases may come in a later version, so a switch outside keysmith needs an
/// `@unknown default` (`@nonexhaustive`; inside the package switches stay exhaustive).
@nonexhaustive
public enum KeyStatus: String, Sendable, CaseIterable {
    case active, expired, deleted
}
