package import KeysmithCore

/// The memory store answers without suspending, so creating a key and checking one on it run
/// synchronously: no async frame, no closure over an existential transaction. A caller that
/// runs synchronously tries this path first and awaits the ordinary one when it answers nil
/// (another store, or another transaction holding the memory store's lock); the public async
/// methods take it too. Every rule, error, draw of randomness and audit entry is the async path's, in the same
/// order (`SynchronousPathTests` holds the two paths to the same transcript).
extension KeyService {
    /// Whether creating and checking keys may answer without suspending (the store is a
    /// ``MemoryStore``): a caller that would prepare work for ``createKeyNow(name:expires:grants:actor:)``
    /// or ``checkNow(secret:method:path:mode:)`` asks first.
    package var answersWithoutSuspending: Bool { memoryStore != nil }

    /// Creates a key as ``createKey(name:expires:grants:actor:)`` does, without suspending; nil
    /// when the store cannot answer synchronously, before anything was drawn or changed.
    package func createKeyNow(name: String, expires: ExpirationRequest, grants: [String], actor: String) throws -> CreatedKey? {
        guard let memoryStore else { return nil }
        let random = self.random
        let clock = self.clock
        return try memoryStore.writeNow { tx in
            if let problem = APIKey.problem(withName: name) { throw KeysmithError.badKeyName(problem) }
            if grants.isEmpty { throw KeysmithError.noGrants }
            let secret = Secret(generatingWith: random)
            let now = Self.moment(recordedIn: tx, clock: clock)
            guard tx.apiKeysEnabled() else { throw KeysmithError.apiKeysDisabled }
            let expiration = try Self.futureExpiration(expires, now: now)
            let owner = try Self.existingUser(actor, in: tx)
            let catalog = tx.catalog()
            let set = try Self.grantSet(grants, for: owner, in: catalog)
            var id = KeyID(generatingWith: random)
            while tx.key(id: id) != nil { id = KeyID(generatingWith: random) }
            let new = Self.newKey(
                id: id, name: name, owner: owner, expiration: expiration, grants: set, catalog: catalog, secret: secret,
                now: now, actor: actor)
            try tx.insert(new.key)
            tx.append(new.entry)
            return new.created
        }
    }

    /// Decides a check as ``check(secret:method:path:mode:)`` does, without suspending; nil when
    /// the store cannot answer synchronously.
    package func checkNow(secret: String, method: String, path: String, mode: RequestMode = .user) -> CheckResult? {
        memoryStore?.runCheckNow(CheckRequest(secret: secret, method: method, path: path, mode: mode), clock: clock)
    }

    /// ``moment(recordedIn:clock:)`` on a memory transaction.
    static func moment(recordedIn tx: MemoryTransaction, clock: SessionClock) -> Instant {
        var state = tx  // a handle on the store's state: recording through the copy records in the store
        return CheckBatch.moment(clock: clock, in: &state)
    }

    /// ``existingUser(_:in:)`` on a memory transaction.
    static func existingUser(_ name: String, in tx: MemoryTransaction) throws -> User {
        if let user = tx.user(named: name) { return user }
        throw KeysmithError.unknownUser(name, suggestion: Suggestions.closest(to: name, in: tx.users().map(\.name)))
    }
}
