public import KeysmithCore

/// One check to run: the secret presented, the method and the concrete path.
/// Its description never shows the secret.
public struct CheckRequest: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The secret presented, as given; malformed text is denied `unknown_key` without a lookup.
    public let secret: String
    /// The request's HTTP method (`GET`).
    public let method: String
    /// The concrete request path (`/documents/d1`), with a version prefix if it has one.
    public let path: String
    /// User mode, or admin mode (`Lucid-Request-As: admin`).
    public let mode: RequestMode
    /// The path as the check's audit entry records it, when it differs from ``path``: a
    /// server's own secret (an admin API's token) pasted into a path is cut there as
    /// secret-shaped text is (``auditing(path:)``). Nil: ``path``.
    package private(set) var auditedPath: String?

    /// A check in user mode unless `mode` says otherwise; nothing is checked until it runs.
    public init(secret: String, method: String, path: String, mode: RequestMode = .user) {
        self.secret = secret
        self.method = method
        self.path = path
        self.mode = mode
    }

    /// The same check, whose audit entry records `shown` as its path (the check itself still
    /// routes ``path``).
    package func auditing(path shown: String) -> CheckRequest {
        var request = self
        request.auditedPath = shown
        return request
    }

    /// `METHOD PATH`, with ` (admin mode)` in admin mode: the secret is never shown, and the method and path have unprintable characters escaped and secret-shaped runs cut.
    public var description: String {
        "\(PrintableText.shown(method)) \(PrintableText.shown(path))" + (mode == .admin ? " (admin mode)" : "")
    }
    /// The same as ``description``: the secret stays hidden in debug output too.
    public var debugDescription: String { description }
}

extension KeyService {
    /// Decides whether `secret` may call `method path` (Docs: The check): allow, or deny with one
    /// reason. Malformed secrets are rejected before any lookup. An allowed check records the
    /// key's `lastUsedAt`; every check is audited (by key id, never by secret).
    /// - Parameter mode: admin mode (`Lucid-Request-As: admin` on Lucid's API) lets an
    ///   account admin's `*Admin` grant reach any document or folder, on the operations that
    ///   take the header; the default is user mode.
    public func check(secret: String, method: String, path: String, mode: RequestMode = .user) async throws -> CheckResult {
        if let result = checkNow(secret: secret, method: method, path: path, mode: mode) { return result }
        return try await store.runCheck(CheckRequest(secret: secret, method: method, path: path, mode: mode), clock: clock)
    }

    /// `request`'s check, as ``check(secret:method:path:mode:)`` runs it, with its audited
    /// path (``CheckRequest/auditing(path:)``) kept.
    package func check(_ request: CheckRequest) async throws -> CheckResult {
        try await store.runCheck(request, clock: clock)
    }

    /// Runs several checks in one transaction, in order, each exactly as ``check(secret:method:path:mode:)``
    /// would (its own instant, `lastUsedAt`, audit entry): group commit for a server whose
    /// checks arrive together. The store loads what the batch needs once and writes what it
    /// changed once (``KeyStore/runChecks(_:)``). All are committed when this returns; a store
    /// failure fails them all.
    public func checks(_ requests: [CheckRequest]) async throws -> [CheckResult] {
        if requests.isEmpty { return [] }
        return try await store.runChecks(CheckBatch(requests, clock: clock))
    }

    /// The sentence a ``CheckResult`` shows for a decision about a live key.
    static func explain(
        _ decision: Decision, key: APIKey, user: User, endpoint: Endpoint?, catalog: Catalog,
        method: String, path: String, mode: RequestMode
    ) -> String {
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
            where CheckEngine.adminPermissionsApply(
                usable: usable, user: user, endpoint: endpoint, catalog: catalog,
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
            return "API keys are turned off for this account; key \(key.id) works again when an account admin turns them back on"
        case .deny(.unknownEndpoint):
            if let other = catalog.otherVersion(method: method, path: path) {
                return
                    "no endpoint in the catalog matches \(method.uppercased()) \(path); \(other.signature) answers only under /v\(other.version)/"
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
    case decided(
        Decision, key: APIKey, user: User, endpoint: Endpoint?, catalog: Catalog, method: String, path: String,
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
            let limit =
                endpoint.rateLimit.map {
                    "\($0.count) request\($0.count == 1 ? "" : "s") per \($0.period) per \($0.scope.rawValue)"
                } ?? "its limit"
            return "\(endpoint.signature) allows \(limit); retry in \(seconds)s"
        case .decided(let decision, let key, let user, let endpoint, let catalog, let method, let path, let mode):
            return KeyService.explain(
                decision, key: key, user: user, endpoint: endpoint, catalog: catalog,
                method: method, path: path, mode: mode)
        }
    }
}
