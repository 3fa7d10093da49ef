package import KeysmithCore

extension KeyService {
    /// Decides a check exactly as ``check(secret:method:path:mode:)`` would, on a consistent
    /// read of the store, and changes nothing: no `lastUsedAt`, no rate count, no audit entry,
    /// no latest instant. For a server that answers as if a check had another outcome
    /// (``CheckResult/forcing(_:method:path:mode:)``) and must still recognise the key.
    package func previewCheck(secret: String, method: String, path: String, mode: RequestMode = .user) async throws -> CheckResult {
        let batch = CheckBatch([CheckRequest(secret: secret, method: method, path: path, mode: mode)], clock: clock)
        return try await store.read { tx in
            var snapshot = try await CheckSnapshot.load(batch, from: tx)
            return batch.decide(in: &snapshot)[0]
        }
    }
}

extension CheckResult {
    /// The result a check would have had if it had been denied for `reason`, with the key,
    /// endpoint and window this one found, and the explanation, key fields and rate-limit
    /// status such a denial really carries. Nil when no live key matched (`unknown_key`,
    /// `deleted`, `expired`): a key that does not work cannot be made to seem to.
    /// For `rate_limited`, nil as well when the matched endpoint has no limit.
    package func forcing(_ reason: DenyReason, method: String, path: String, mode: RequestMode) -> CheckResult? {
        guard let key, let user, let catalog, let now = checkedAt,
            decision != .deny(.expired)
        else { return nil }
        let decision = Decision.deny(reason)
        let endpoint = matchedEndpoint
        switch reason {
        case .unknownKey:
            return CheckResult(
                decision: decision, keyID: nil, endpoint: nil, why: .fixed("no key has this secret"),
                checkedAt: now)
        case .deleted:
            var tombstone = key
            tombstone.deletedAt = now
            return CheckResult(
                decision: decision, keyID: key.id, endpoint: nil, why: .deleted(tombstone, at: now),
                checkedAt: now)
        case .expired, .apiKeysDisabled, .unknownEndpoint:
            // Decided before routing (Docs: The check): no endpoint, no window.
            let why: CheckExplanation =
                reason == .expired && key.expiration == .never
                ? .fixed("key \(key.id) expired on \(now)")
                : .decided(
                    decision, key: key, user: user, endpoint: nil, catalog: catalog, method: method, path: path,
                    mode: mode)
            return CheckResult(decision: decision, keyID: key.id, endpoint: nil, why: why, checkedAt: now)
        case .notAPIKeyEndpoint, .missingGrant, .noAccess:
            return CheckResult(
                decision: decision, keyID: key.id, endpoint: endpoint?.signature,
                why: .decided(
                    decision, key: key, user: user, endpoint: endpoint, catalog: catalog,
                    method: method, path: path, mode: mode),
                resource: nil, rateLimit: uncountedRateLimit, checkedAt: now)
        case .rateLimited:
            guard let endpoint, let status = rateLimit else { return nil }
            return CheckResult(
                decision: decision, keyID: key.id, endpoint: endpoint.signature,
                why: .rateLimited(
                    key: key, user: user, endpoint: endpoint, catalog: catalog,
                    retryAfterSeconds: status.resetSeconds),
                rateLimit: RateLimitStatus(limit: status.limit, remaining: 0, resetSeconds: status.resetSeconds),
                checkedAt: now)
        }
    }

    /// The rate-limit status as it stood before this check counted (a denied request counts
    /// toward nothing): an allowed check's window less the request it counted.
    var uncountedRateLimit: RateLimitStatus? {
        guard let rateLimit else { return nil }
        guard decision.isAllowed else { return rateLimit }
        return RateLimitStatus(
            limit: rateLimit.limit, remaining: min(rateLimit.limit.count, rateLimit.remaining + 1),
            resetSeconds: rateLimit.resetSeconds)
    }
}

extension CheckResult {
    /// Why a check of this key on this endpoint could never be denied for `reason`, in words
    /// for a `Prefer` refusal; nil when it could. Answers forced for such a reason would
    /// contradict themselves (a `missing_grant` body naming the grant the key holds). Reasons
    /// any key can come to (`unknown_key`, `deleted`, `api_keys_disabled`, `unknown_endpoint`:
    /// a secret revoked, a key deleted, the account's switch turned off, a catalog without the
    /// path) are always possible.
    package func impossibility(of reason: DenyReason) -> String? {
        guard let key, let user, let catalog else { return nil }
        let endpoint = matchedEndpoint
        let named = endpoint?.signature ?? "this path"
        switch reason {
        case .unknownKey, .deleted, .apiKeysDisabled, .unknownEndpoint:
            return nil
        case .expired:
            return key.expiration == .never ? "key \(key.id) never expires" : nil
        case .notAPIKeyEndpoint:
            guard let endpoint else { return "no endpoint of the catalog matches this path" }
            return endpoint.acceptsAPIKeys ? "\(named) accepts API keys" : nil
        case .missingGrant:
            guard let endpoint else { return "no endpoint of the catalog matches this path" }
            guard endpoint.acceptsAPIKeys else { return "\(named) takes no API keys, so no grant is asked for" }
            let usable = CheckEngine.usableGrants(of: key, user: user, on: endpoint, catalog: catalog)
            guard !usable.isEmpty else { return nil }
            if endpoint.acceptsAnyGrant { return "\(named) takes no particular grant, and key \(key.id) holds one" }
            let held = catalog.grantNames.indices.filter(usable.contains).map { catalog.grantNames[$0] }
            return "key \(key.id) holds \(held.first ?? "a grant") which \(named) accepts"
        case .noAccess:
            guard let endpoint else { return "no endpoint of the catalog matches this path" }
            guard endpoint.acceptsAPIKeys else { return "\(named) takes no API keys" }
            if endpoint.access == .none { return "\(named) is open to every user; it has no document, folder or admin rule to fail" }
            // Grants are checked before access: a key without a usable grant is refused missing_grant first.
            if CheckEngine.usableGrants(of: key, user: user, on: endpoint, catalog: catalog).isEmpty {
                return "key \(key.id) holds none of the grants \(named) accepts, so it is refused missing_grant before any access rule"
            }
            return nil
        case .rateLimited:
            return rateLimit == nil ? "\(named) has no rate limit" : nil
        }
    }
}
