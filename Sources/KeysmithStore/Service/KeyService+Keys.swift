public import KeysmithCore

extension KeyService {
    /// Creates a key for `actor` and returns its secret, once.
    ///
    /// Rules: name of 1–100 characters; at least one grant, each in the catalog, `*Admin`
    /// grants only for admins; an expiration in the future, or `never` (allowed, with a warning).
    public func createKey(name: String, expires: ExpirationRequest, grants: [String], actor: String) async throws -> CreatedKey {
        if let created = try createKeyNow(name: name, expires: expires, grants: grants, actor: actor) { return created }
        if let problem = APIKey.problem(withName: name) { throw KeysmithError.badKeyName(problem) }
        if grants.isEmpty { throw KeysmithError.noGrants }
        let secret = Secret(generatingWith: random)
        let random = self.random
        let clock = self.clock
        return try await store.write { tx in
            let now = try await Self.moment(recordedIn: tx, clock: clock)
            guard try await tx.apiKeysEnabled() else { throw KeysmithError.apiKeysDisabled }
            let expiration = try Self.futureExpiration(expires, now: now)
            let owner = try await Self.existingUser(actor, in: tx)
            let catalog = try await tx.catalog()
            let set = try Self.grantSet(grants, for: owner, in: catalog)
            var id = KeyID(generatingWith: random)
            while try await tx.key(id: id) != nil { id = KeyID(generatingWith: random) }
            let new = Self.newKey(
                id: id, name: name, owner: owner, expiration: expiration, grants: set, catalog: catalog, secret: secret,
                now: now, actor: actor)
            try await tx.insert(new.key)
            try await tx.append(new.entry)
            return new.created
        }
    }

    /// `expires` resolved at `now`: a key is created expiring in the future, or never.
    static func futureExpiration(_ expires: ExpirationRequest, now: Instant) throws -> Expiration {
        let expiration = try expires.resolved(now: now)
        if let end = expiration.instant, end <= now { throw KeysmithError.expirationNotInFuture(end, now: now) }
        return expiration
    }

    /// The grants `grants` names in `catalog`, refused when one is unknown, or an `*Admin`
    /// grant and `owner` is not an admin.
    static func grantSet(_ grants: [String], for owner: User, in catalog: Catalog) throws -> GrantSet {
        let set = try catalog.grantSet(grants)
        if !owner.isAdmin, let adminGrant = catalog.names(of: set.intersection(catalog.adminGrants)).first {
            throw KeysmithError.adminGrantNeedsAdmin(grant: adminGrant, user: owner.name)
        }
        return set
    }

    /// The key a create stores, its audit entry, and what it answers (the secret, once).
    static func newKey(
        id: KeyID, name: String, owner: User, expiration: Expiration, grants set: GrantSet, catalog: Catalog,
        secret: Secret, now: Instant, actor: String
    ) -> (key: APIKey, entry: AuditEntry, created: CreatedKey) {
        let key = APIKey(
            id: id, owner: owner.name, name: name, expiration: expiration, grants: set,
            digest: secret.digest, createdAt: now)
        let grantNames = catalog.names(of: set)
        let entry = AuditEntry(
            time: now, actor: actor, action: .keyCreate, keyID: id, outcome: .ok,
            detail: .keyCreated(expiration: expiration, grants: grantNames))
        let warning =
            expiration == .never
            ? "key \(id) never expires; keys without an expiration are discouraged" : nil
        let created = CreatedKey(info: KeyInfo(key: key, grantNames: grantNames, now: now), secret: secret.text, warning: warning)
        return (key, entry, created)
    }

    /// The acting user's keys, deleted ones included, oldest first; with `expiringWithin`, only
    /// the active keys that expire within that duration from now (the boundary included).
    public func keys(actor: String, expiringWithin window: KeyDuration? = nil) async throws -> [KeyInfo] {
        let clock = self.clock
        return try await store.read { tx in
            let now = try await Self.moment(readFrom: tx, clock: clock)
            let catalog = try await tx.catalog()
            let all = try await tx.keys(ownedBy: actor).map { Self.info($0, catalog: catalog, now: now) }
            guard let window else { return all }
            return all.filter { info in info.timeLeft.map { $0 <= window } ?? false }
        }
    }

    /// One of the acting user's keys. Another user's key id is "does not exist", exactly
    /// like an id that never existed.
    public func key(_ id: KeyID, actor: String) async throws -> KeyInfo {
        let clock = self.clock
        return try await store.read { tx in
            let now = try await Self.moment(readFrom: tx, clock: clock)
            let key = try await Self.ownKey(id, actor: actor, in: tx)
            return Self.info(key, catalog: try await tx.catalog(), now: now)
        }
    }

    /// Renames one of the acting user's keys (expired keys too; not deleted ones).
    public func renameKey(_ id: KeyID, to name: String, actor: String) async throws -> KeyInfo {
        if let problem = APIKey.problem(withName: name) { throw KeysmithError.badKeyName(problem) }
        let clock = self.clock
        return try await store.write { tx in
            let now = try await Self.moment(recordedIn: tx, clock: clock)
            var key = try await Self.ownKey(id, actor: actor, in: tx)
            try Self.refuseEnded(key, at: now)
            let old = key.name
            key.name = name
            try await tx.update(key)
            try await tx.append(
                AuditEntry(
                    time: now, actor: actor, action: .keyRename, keyID: id, outcome: .ok,
                    detail: .text("\"\(old)\" → \"\(name)\"")))
            return Self.info(key, catalog: try await tx.catalog(), now: now)
        }
    }

    /// Deletes one of the acting user's keys; it stays as a tombstone and authenticates nothing.
    /// A key that a roll made ends its predecessor's grace period too: the old secret never
    /// outlives the key that replaced it.
    public func deleteKey(_ id: KeyID, actor: String) async throws -> KeyInfo {
        let clock = self.clock
        return try await store.write { tx in
            let now = try await Self.moment(recordedIn: tx, clock: clock)
            var key = try await Self.ownKey(id, actor: actor, in: tx)
            try Self.refuseEnded(key, at: now)
            key.deletedAt = now
            try await tx.update(key)
            try await tx.append(
                AuditEntry(time: now, actor: actor, action: .keyDelete, keyID: id, outcome: .ok, detail: .text("\"\(key.name)\"")))
            try await Self.endGrace(ofKeyReplacedBy: key, at: now, because: "its replacement \(id) was deleted", in: tx)
            return Self.info(key, catalog: try await tx.catalog(), now: now)
        }
    }

    /// Grants are fixed at creation: this always throws, saying so (after checking the key is
    /// the actor's, so it leaks nothing about other users' keys).
    public func changeGrants(_ id: KeyID, to grants: [String], actor: String) async throws {
        let clock = self.clock
        let error: KeysmithError = try await store.read { tx in
            let now = try await Self.moment(readFrom: tx, clock: clock)
            let key = try await Self.ownKey(id, actor: actor, in: tx)
            if let ended = Self.endedError(key, at: now) { return ended }
            return .grantsImmutable(id)
        }
        throw error
    }

    /// Expirations are fixed at creation and expired keys cannot be renewed: this always throws.
    public func extendKey(_ id: KeyID, to expires: ExpirationRequest, actor: String) async throws {
        let clock = self.clock
        let error: KeysmithError = try await store.read { tx in
            let now = try await Self.moment(readFrom: tx, clock: clock)
            let key = try await Self.ownKey(id, actor: actor, in: tx)
            if let ended = Self.endedError(key, at: now) { return ended }
            let expiredAt = key.expiration.isExpired(at: now) ? key.expiration.instant : nil
            return .expirationFixed(id, expiredAt: expiredAt)
        }
        throw error
    }

    static func ownKey(_ id: KeyID, actor: String, in tx: any StoreReader) async throws -> APIKey {
        guard let key = try await tx.key(id: id), key.owner == actor else { throw KeysmithError.keyNotFound(id) }
        return key
    }

    static func info(_ key: APIKey, catalog: Catalog, now: Instant) -> KeyInfo {
        KeyInfo(key: key, grantNames: catalog.names(of: key.grants), now: now)
    }

    /// Why a key that no longer works (deleted, or retired after a roll) cannot be changed; nil
    /// for a live key.
    static func endedError(_ key: APIKey, at now: Instant) -> KeysmithError? {
        if let deletedAt = key.deletedAt { return .keyDeleted(key.id, at: deletedAt) }
        if let retired = key.ended(at: now), let replacement = key.replacedBy {
            return .keyRetired(key.id, at: retired, replacedBy: replacement)
        }
        return nil
    }

    /// Brings forward the retirement of the key `replacement` was rolled from, if it is still in
    /// its grace period, to `end` (at the latest): audited as `key.retire`.
    static func endGrace(
        ofKeyReplacedBy replacement: APIKey, at end: Instant, because reason: String,
        in tx: any StoreWriter
    ) async throws {
        guard let previousID = replacement.replaces, var previous = try await tx.key(id: previousID),
            previous.ended(at: end) == nil, let retires = previous.retiresAt, retires > end
        else { return }
        previous.retiresAt = end
        try await tx.update(previous)
        let now = try await tx.latestInstant() ?? end
        try await tx.append(
            AuditEntry(
                time: now, actor: replacement.owner, action: .keyRetire, keyID: previousID,
                outcome: .ok, detail: .text("grace cut to \(end): \(reason)")))
    }

    static func refuseEnded(_ key: APIKey, at now: Instant) throws {
        if let error = endedError(key, at: now) { throw error }
    }
}
