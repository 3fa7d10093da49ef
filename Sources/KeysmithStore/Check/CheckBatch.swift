package import KeysmithCore

/// Checks to decide together, in order, in one store transaction (Docs: The check): a server's
/// group commit hands a store one batch, and the store answers it with one load, this
/// decision and one write, whatever the batch's size.
///
/// A store never decides: it loads what the batch names (the digests, resources and rate
/// buckets it wants), lets the batch decide, and writes what the decision recorded. Its
/// members are keysmith's own (package level); an embedder's store gets
/// ``KeyStore/runChecks(_:)`` by default.
public struct CheckBatch: Sendable {
    package let requests: [CheckRequest]
    /// Each request's secret digest, nil for a malformed secret (rejected before any lookup).
    package let digests: [SecretDigest?]
    /// The session clock the checks run on (each reads it, and catches up with the store).
    package let clock: SessionClock

    package init(_ requests: [CheckRequest], clock: SessionClock) {
        self.requests = requests
        self.digests = requests.map { Secret.digestIfWellFormed($0.secret) }
        self.clock = clock
    }

    /// The well-formed digests, each once, in request order.
    package var wantedDigests: [SecretDigest] {
        var seen = Set<SecretDigest>()
        return digests.compactMap { $0 }.filter { seen.insert($0).inserted }
    }

    /// The documents and folders the requests name, as `catalog` routes them (each once):
    /// everything a `view` or `edit` rule may ask about.
    package func wantedResources(routedBy catalog: Catalog) -> [ResourceReference] {
        var seen = Set<ResourceReference>()
        var wanted: [ResourceReference] = []
        for request in requests {
            guard let match = catalog.route(method: request.method, path: request.path) else { continue }
            let endpoint = catalog.endpoints[match.endpointIndex]
            switch endpoint.access {
            case .view(let kind, _), .edit(let kind, _):
                let reference = ResourceReference(kind: kind, id: String(match.segment(endpoint.accessSegment)))
                if seen.insert(reference).inserted { wanted.append(reference) }
            case .none, .admin:
                continue
            }
        }
        return wanted
    }

    /// The limited endpoints the requests reach, as `catalog` routes them, with the digest of
    /// each one's secret: for a store that finds the rate buckets (the key's, its user's or the
    /// account's) in the same query as the keys.
    package func wantedRateLimits(routedBy catalog: Catalog) -> [(digest: SecretDigest, endpoint: Endpoint, limit: RateLimit)] {
        var wanted: [(digest: SecretDigest, endpoint: Endpoint, limit: RateLimit)] = []
        for (request, digest) in zip(requests, digests) {
            guard let digest, let match = catalog.route(method: request.method, path: request.path) else { continue }
            let endpoint = catalog.endpoints[match.endpointIndex]
            if let limit = endpoint.rateLimit { wanted.append((digest, endpoint, limit)) }
        }
        return wanted
    }

    /// The rate buckets the requests may count in, as `catalog` routes them and given the keys
    /// their secrets found (a bucket may be the key's or its user's): each once.
    package func wantedRateBuckets(routedBy catalog: Catalog, keys: (SecretDigest) -> APIKey?) -> [RateBucket] {
        var seen = Set<RateBucket>()
        var wanted: [RateBucket] = []
        for (request, digest) in zip(requests, digests) {
            guard let digest, let key = keys(digest),
                let match = catalog.route(method: request.method, path: request.path)
            else { continue }
            let endpoint = catalog.endpoints[match.endpointIndex]
            guard let limit = endpoint.rateLimit else { continue }
            let bucket = RateBucket(endpoint: endpoint, scope: limit.scope, key: key)
            if seen.insert(bucket).inserted { wanted.append(bucket) }
        }
        return wanted
    }

    /// Decides every check of the batch in order, recording each one's effects in `state`
    /// (a later check sees the counts and the instant the earlier ones left).
    package func decide<State: CheckState>(in state: inout State) -> [CheckResult] {
        var results: [CheckResult] = []
        results.reserveCapacity(requests.count)
        for (request, digest) in zip(requests, digests) {
            results.append(
                Self.decide(
                    request.method, request.path, mode: request.mode, digest: digest, clock: clock,
                    auditedPath: request.auditedPath, in: &state))
        }
        return results
    }

    /// Decides one check (Docs: The check) on `state`, recording its effects there: the
    /// store's latest instant, and for an allowed check `lastUsedAt` and the rate window; every
    /// check's audit entry (by key id, never by secret). `digest` is nil for a malformed secret.
    package static func decide<State: CheckState>(
        _ method: String, _ path: String, mode: RequestMode,
        digest: SecretDigest?, clock: SessionClock, auditedPath: String? = nil,
        in state: inout State
    ) -> CheckResult {
        let audited = auditedPath ?? path
        let now = moment(clock: clock, in: &state)
        guard let digest else {
            state.append(entry(.deny(.unknownKey), key: nil, method: method, path: audited, mode: mode, now: now))
            return CheckResult(
                decision: .deny(.unknownKey), keyID: nil, endpoint: nil,
                why: .fixed("the secret is malformed or its checksum does not match"), resource: nil,
                checkedAt: now)
        }
        guard let key = state.key(digest: digest) else {
            state.append(entry(.deny(.unknownKey), key: nil, method: method, path: audited, mode: mode, now: now))
            return CheckResult(
                decision: .deny(.unknownKey), keyID: nil, endpoint: nil, why: .fixed("no key has this secret"),
                resource: nil, checkedAt: now)
        }
        if key.ended(at: now) != nil {
            state.append(entry(.deny(.deleted), key: key, method: method, path: audited, mode: mode, now: now))
            return CheckResult(
                decision: .deny(.deleted), keyID: key.id, endpoint: nil, why: .deleted(key, at: now),
                resource: nil, checkedAt: now)
        }
        let user = state.user(named: key.owner) ?? User(name: key.owner, role: .member)
        let catalog = state.catalog()
        var found: Resource?
        var decision: Decision
        let endpoint: Endpoint?
        switch CheckEngine.step(
            key: key, user: user, now: now, catalog: catalog, method: method, path: path, mode: mode,
            apiKeysEnabled: state.apiKeysEnabled())
        {
        case .decided(let decided, let matched):
            (decision, endpoint) = (decided, matched)
        case .needsResource(let question):
            found = state.resource(question.kind, id: String(question.id))
            (decision, endpoint) = (question.answer(found), question.endpoint)
        }
        var explanation: CheckExplanation?
        var rateStatus: RateLimitStatus?
        if let limited = endpoint, let limit = limited.rateLimit {
            let bucket = RateBucket(endpoint: limited, scope: limit.scope, key: key)
            let stored = state.rateWindow(bucket)
            // A denied request counts toward nothing: its status is the window as it stands.
            rateStatus = RateLimitStatus.of(stored, at: now, under: limit)
            if decision.isAllowed {
                switch RateWindow.admit(stored, at: now, under: limit) {
                case .admitted(let window):
                    state.setRateWindow(window, for: bucket)
                    rateStatus = RateLimitStatus.of(window, at: now, under: limit)
                case .limited(let seconds):
                    decision = .deny(.rateLimited)
                    explanation = .rateLimited(
                        key: key, user: user, endpoint: limited, catalog: catalog,
                        retryAfterSeconds: seconds)
                    rateStatus = RateLimitStatus(limit: limit, remaining: 0, resetSeconds: seconds)
                }
            }
        }
        if decision.isAllowed {
            var used = key
            used.lastUsedAt = now
            state.update(used)
        }
        state.append(entry(decision, key: key, method: method, path: audited, mode: mode, now: now))
        return CheckResult(
            decision: decision, keyID: key.id, endpoint: endpoint?.signature,
            why: explanation
                ?? .decided(
                    decision, key: key, user: user, endpoint: endpoint,
                    catalog: catalog, method: method, path: path, mode: mode),
            resource: found, rateLimit: rateStatus, checkedAt: now)
    }

    /// The instant a check runs at: the later of the session's clock and the store's latest
    /// instant, recorded as the latest instant (the session catches up when the store is ahead).
    static func moment<State: CheckState>(clock: SessionClock, in state: inout State) -> Instant {
        let now = clock.now()
        if let latest = state.latestInstant(), latest >= now {
            clock.catchUp(to: latest)
            return latest
        }
        state.recordLatestInstant(now)
        return now
    }

    /// The audit entry of a check (by key id, never by secret).
    static func entry(
        _ decision: Decision, key: APIKey?, method: String, path: String, mode: RequestMode,
        now: Instant
    ) -> AuditEntry {
        let request = "\(PrintableText.shown(method).uppercased()) \(PrintableText.shown(path))"
        return AuditEntry(
            time: now, actor: key?.owner ?? "-", action: .check, keyID: key?.id, outcome: .decided(decision),
            detail: .text(mode == .admin ? request + " (admin mode)" : request))
    }
}

/// A document or folder by kind and id, as a batch asks a store for it.
package struct ResourceReference: Hashable, Sendable {
    package let kind: ResourceKind
    package let id: String

    package init(kind: ResourceKind, id: String) {
        self.kind = kind
        self.id = id
    }
}
