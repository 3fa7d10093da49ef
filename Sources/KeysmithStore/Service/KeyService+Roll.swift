public import KeysmithCore

extension KeyService {
    /// Rolls one of the acting user's keys (Docs: The key model): a new key with the same name, owner,
    /// grants and expiration, whose secret is returned once, replaces it. The old key retires
    /// now, or after `grace` (during which both work), but never later than its own expiration.
    ///
    /// Refused for an expired key (that would be a refresh), a deleted or retired one, a key
    /// already rolled (roll its replacement instead), and while API keys are off.
    public func rollKey(_ id: KeyID, grace: KeyDuration? = nil, actor: String) async throws -> RolledKey {
        let secret = Secret(generatingWith: random)
        let random = self.random
        let clock = self.clock
        return try await store.write { tx in
            let now = try await Self.moment(recordedIn: tx, clock: clock)
            var old = try await Self.ownKey(id, actor: actor, in: tx)
            try Self.refuseEnded(old, at: now)
            if old.expiration.isExpired(at: now), let expiredAt = old.expiration.instant {
                throw KeysmithError.rollExpired(id, expiredAt: expiredAt)
            }
            if let replacement = old.replacedBy { throw KeysmithError.alreadyRolled(id, replacedBy: replacement) }
            guard try await tx.apiKeysEnabled() else { throw KeysmithError.apiKeysDisabled }
            let catalog = try await tx.catalog()

            var newID = KeyID(generatingWith: random)
            while try await tx.key(id: newID) != nil { newID = KeyID(generatingWith: random) }
            let new = APIKey(
                id: newID, owner: old.owner, name: old.name, expiration: old.expiration, grants: old.grants,
                digest: secret.digest, createdAt: now, replaces: id)
            old.replacedBy = newID
            old.retiresAt = try Self.retirement(of: old, grace: grace, now: now)
            try await tx.insert(new)
            try await tx.update(old)
            // A chain (a → b → c): a never outlives b.
            try await Self.endGrace(ofKeyReplacedBy: old, at: old.retiresAt!, because: "its replacement \(id) was rolled", in: tx)
            try await tx.append(
                AuditEntry(
                    time: now, actor: actor, action: .keyCreate, keyID: newID, outcome: .ok,
                    detail: .keyCreated(expiration: new.expiration, grants: catalog.names(of: new.grants))))
            let retires = old.retiresAt == now ? "retires now" : "retires at \(old.retiresAt!)"
            try await tx.append(
                AuditEntry(
                    time: now, actor: actor, action: .keyRoll, keyID: id, outcome: .ok,
                    detail: .text("replaced by \(newID); \(retires)")))
            let warning =
                new.expiration == .never
                ? "key \(newID) never expires, like the key it replaces; keys without an expiration are discouraged" : nil
            return RolledKey(
                created: CreatedKey(
                    info: Self.info(new, catalog: catalog, now: now), secret: secret.text,
                    warning: warning),
                replaced: Self.info(old, catalog: catalog, now: now))
        }
    }

    /// When a rolled key retires: now without a grace period; otherwise after it, cut short by
    /// the key's own expiration.
    private static func retirement(of key: APIKey, grace: KeyDuration?, now: Instant) throws -> Instant {
        guard let grace else { return now }
        let end = key.expiration.instant
        guard let afterGrace = try? now.adding(grace) else {
            if let end { return end }
            throw KeysmithError.instantOutOfRange(now, plus: grace)
        }
        return end.map { min($0, afterGrace) } ?? afterGrace
    }
}
