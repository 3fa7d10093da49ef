import KeysmithCore

/// One check to run: the secret presented, the method and the concrete path.
/// Its description never shows the secret.
public struct CheckRequest: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    public let secret: String
    public let method: String
    public let path: String
    /// User mode, or admin mode (`Lucid-Request-As: admin`).
    public let mode: RequestMode

    public init(secret: String, method: String, path: String, mode: RequestMode = .user) {
        self.secret = secret
        self.method = method
        self.path = path
        self.mode = mode
    }

    public var description: String {
        "check <secret> \(PrintableText.shown(method)) \(PrintableText.shown(path))" + (mode == .admin ? " --as-admin" : "")
    }
    public var debugDescription: String { description }
}

extension KeyService {
    /// Decides whether `secret` may call `method path` (Docs: The check): allow, or deny with one
    /// reason. Malformed secrets are rejected before any lookup. An allowed check records the
    /// key's `lastUsedAt`; every check is audited (by key id, never by secret).
    /// - Parameter mode: admin mode (`Lucid-Request-As: admin`, `check --as-admin`) lets an
    ///   account admin's `*Admin` grant reach any document or folder, on the operations that
    ///   take the header; the default is user mode.
    public func check(secret: String, method: String, path: String, mode: RequestMode = .user) async throws -> CheckResult {
        let clock = self.clock
        let digest = Secret.digestIfWellFormed(secret)
        return try await store.write { tx in
            try await Self.check(digest: digest, method: method, path: path, mode: mode, clock: clock, in: tx)
        }
    }

    /// Runs several checks in one transaction, in order, each exactly as ``check(secret:method:path:mode:)``
    /// would (its own instant, `lastUsedAt`, audit entry): group commit for a server whose
    /// checks arrive together. All are committed when this returns; a store failure fails them all.
    public func checks(_ requests: [CheckRequest]) async throws -> [CheckResult] {
        let clock = self.clock
        let digests = requests.map { Secret.digestIfWellFormed($0.secret) }
        return try await store.write { tx in
            var results: [CheckResult] = []
            results.reserveCapacity(requests.count)
            for (request, digest) in zip(requests, digests) {
                results.append(try await Self.check(digest: digest, method: request.method, path: request.path,
                                                    mode: request.mode, clock: clock, in: tx))
            }
            return results
        }
    }

    /// One check inside a write transaction; `digest` is nil for a malformed secret.
    private static func check(digest: SecretDigest?, method: String, path: String, mode: RequestMode,
                              clock: SessionClock, in tx: any StoreWriter) async throws -> CheckResult {
        guard let digest else {
            let now = try await moment(recordedIn: tx, clock: clock)
            try await tx.append(entry(.deny(.unknownKey), key: nil, method: method, path: path, mode: mode, now: now))
            return CheckResult(decision: .deny(.unknownKey), keyID: nil, endpoint: nil,
                               why: .fixed("the secret is malformed or its checksum does not match"), resource: nil)
        }
        let now = try await moment(recordedIn: tx, clock: clock)
        guard let key = try await tx.key(digest: digest) else {
            try await tx.append(entry(.deny(.unknownKey), key: nil, method: method, path: path, mode: mode, now: now))
            return CheckResult(decision: .deny(.unknownKey), keyID: nil, endpoint: nil, why: .fixed("no key has this secret"),
                               resource: nil)
        }
        if key.ended(at: now) != nil {
            try await tx.append(entry(.deny(.deleted), key: key, method: method, path: path, mode: mode, now: now))
            return CheckResult(decision: .deny(.deleted), keyID: key.id, endpoint: nil, why: .deleted(key, at: now),
                               resource: nil)
        }
        let user = try await tx.user(named: key.owner) ?? User(name: key.owner, role: .member)
        let catalog = try await tx.catalog()
        var found: Resource?
        var decision: Decision
        let endpoint: Endpoint?
        switch CheckEngine.step(key: key, user: user, now: now, catalog: catalog, method: method, path: path, mode: mode,
                                apiKeysEnabled: try await tx.apiKeysEnabled()) {
        case .decided(let decided, let matched):
            (decision, endpoint) = (decided, matched)
        case .needsResource(let question):
            found = try await tx.resource(question.kind, id: String(question.id))
            (decision, endpoint) = (question.answer(found), question.endpoint)
        }
        var explanation: CheckExplanation?
        if decision.isAllowed, let limited = endpoint, let limit = limited.rateLimit {
            let bucket = RateBucket(endpoint: limited, scope: limit.scope, key: key)
            switch RateWindow.admit(try await tx.rateWindow(bucket), at: now, under: limit) {
            case .admitted(let window):
                try await tx.setRateWindow(window, for: bucket)
            case .limited(let seconds):
                decision = .deny(.rateLimited)
                explanation = .rateLimited(key: key, user: user, endpoint: limited, catalog: catalog,
                                           retryAfterSeconds: seconds)
            }
        }
        if decision.isAllowed {
            var used = key
            used.lastUsedAt = now
            try await tx.update(used)
        }
        try await tx.append(entry(decision, key: key, method: method, path: path, mode: mode, now: now))
        // Built after the last store call: a large value kept across a suspension point is
        // copied in and out of the task's frame (measured on the memory store's check).
        return CheckResult(decision: decision, keyID: key.id, endpoint: endpoint?.signature,
                           why: explanation ?? .decided(decision, key: key, user: user, endpoint: endpoint,
                                                        catalog: catalog, method: method, path: path, mode: mode),
                           resource: found)
    }

    /// The audit entry of a check (by key id, never by secret).
    private static func entry(_ decision: Decision, key: APIKey?, method: String, path: String, mode: RequestMode,
                              now: Instant) -> AuditEntry {
        let request = "\(PrintableText.shown(method).uppercased()) \(PrintableText.shown(path))"
        return AuditEntry(time: now, actor: key?.owner ?? "-", action: .check, keyID: key?.id, outcome: .decided(decision),
                          detail: .text(mode == .admin ? request + " (admin mode)" : request))
    }

    /// The sentence a ``CheckResult`` shows for a decision about a live key.
    static func explain(_ decision: Decision, key: APIKey, user: User, endpoint: Endpoint?, catalog: Catalog,
                        method: String, path: String, mode: RequestMode) -> String {
        let path = PrintableText.shown(path)
        let method = PrintableText.shown(method)
        let held = catalog.names(of: key.grants).joined(separator: ", ")
        switch decision {
        case .allow:
            guard let endpoint else { return "allowed" }
            let usable = CheckEngine.usableGrants(of: key, user: user, on: endpoint, catalog: catalog)
            let matched = catalog.names(of: usable).joined(separator: ", ")
            let access: String
            switch endpoint.access {
            case .none: access = ""
            case .admin: access = "; \(user.name) is an account admin"
            case .view(let kind, _)
                where CheckEngine.adminPermissionsApply(usable: usable, user: user, endpoint: endpoint, catalog: catalog,
                                                        mode: mode):
                access = "; \(user.name) may view any \(kind) of the account in admin mode"
            case .view(let kind, _): access = "; \(user.name) may view that \(kind)"
            case .edit(let kind, _): access = "; \(user.name) may edit that \(kind)"
            }
            if endpoint.acceptsAnyGrant {
                return "\(endpoint.signature) accepts any grant; key \(key.id) holds \(matched)\(access)"
            }
            return "\(endpoint.signature) accepts \(matched), which key \(key.id) holds\(access)"
        case .deny(.expired):
            return "key \(key.id) expired on \(key.expiration)"
        case .deny(.apiKeysDisabled):
            return "API keys are turned off for this account; key \(key.id) works again when an account admin runs `account api-keys on`"
        case .deny(.unknownEndpoint):
            if let other = catalog.otherVersion(method: method, path: path) {
                return "no endpoint in the catalog matches \(method.uppercased()) \(path); \(other.signature) answers only under /v\(other.version)/"
            }
            return "no endpoint in the catalog matches \(method.uppercased()) \(path)"
        case .deny(.notAPIKeyEndpoint):
            return "\(endpoint?.signature ?? path) does not accept API keys (it needs an OAuth 2.0 client or a session)"
        case .deny(.missingGrant):
            let accepted = endpoint.map { $0.acceptsAnyGrant ? "any grant" : $0.grantNames.joined(separator: ", ") } ?? ""
            let holdsAdminGrant = !key.grants.intersection(catalog.adminGrants).isEmpty
            let adminNote = !user.isAdmin && holdsAdminGrant ? " (*Admin grants only work for account admins)" : ""
            return "\(endpoint?.signature ?? path) accepts \(accepted); key \(key.id) holds \(held)\(adminNote)"
        case .deny(.noAccess):
            switch endpoint?.access {
            case .admin?: return "\(endpoint!.signature) is for account admins and \(user.name) is a member"
            case .view(let kind, _)?: return "\(user.name) cannot view that \(kind) (not owner, not shared, or no such \(kind))"
            case .edit(let kind, _)?: return "\(user.name) cannot edit that \(kind) (not owner, no edit share, or no such \(kind))"
            default: return "\(user.name) may not access this resource"
            }
        case .deny(.unknownKey), .deny(.deleted), .deny(.rateLimited):
            return decision.description
        }
    }
}

/// What a check's explanation is made from, kept until someone reads ``CheckResult/explanation``.
enum CheckExplanation: Sendable {
    case fixed(String)
    /// A key that no longer works at `at`: deleted, or retired after a roll.
    case deleted(APIKey, at: Instant)
    /// An otherwise allowed request over the endpoint's rate limit.
    case rateLimited(key: APIKey, user: User, endpoint: Endpoint, catalog: Catalog, retryAfterSeconds: Int64)
    case decided(Decision, key: APIKey, user: User, endpoint: Endpoint?, catalog: Catalog, method: String, path: String,
                 mode: RequestMode)

    var text: String {
        switch self {
        case .fixed(let text):
            return text
        case .deleted(let key, let now):
            if let deletedAt = key.deletedAt { return "key \(key.id) was deleted on \(deletedAt)" }
            let retired = key.ended(at: now).map(\.description) ?? "an unknown date"
            return "key \(key.id) retired on \(retired): it was rolled, and key \(key.replacedBy?.rawValue ?? "-") replaced it"
        case .rateLimited(_, _, let endpoint, _, let seconds):
            let limit = endpoint.rateLimit.map {
                "\($0.count) request\($0.count == 1 ? "" : "s") per \($0.period) per \($0.scope.rawValue)"
            } ?? "its limit"
            return "\(endpoint.signature) allows \(limit); retry in \(seconds)s"
        case .decided(let decision, let key, let user, let endpoint, let catalog, let method, let path, let mode):
            return KeyService.explain(decision, key: key, user: user, endpoint: endpoint, catalog: catalog,
                                      method: method, path: path, mode: mode)
        }
    }
}
