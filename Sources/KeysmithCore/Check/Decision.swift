/// Why a check was denied. Each reason has a place in the order checks are decided
/// (Docs: The check) and an HTTP status.
/// Not frozen: new cases may come in a later version, so a switch outside keysmith needs an
/// `@unknown default` (`@nonexhaustive`; inside the package switches stay exhaustive).
@nonexhaustive
public enum DenyReason: String, Sendable, CaseIterable, CustomStringConvertible {
    case unknownKey = "unknown_key"
    case deleted
    case expired
    /// The account's API-key switch is off: the account has API keys turned off.
    case apiKeysDisabled = "api_keys_disabled"
    case unknownEndpoint = "unknown_endpoint"
    case notAPIKeyEndpoint = "not_api_key_endpoint"
    case missingGrant = "missing_grant"
    case noAccess = "no_access"
    /// An otherwise allowed request over its endpoint's rate limit.
    case rateLimited = "rate_limited"

    /// The HTTP status the denial maps to.
    public var status: Int {
        switch self {
        case .unknownKey, .deleted, .expired: return 401
        case .unknownEndpoint: return 404
        case .apiKeysDisabled, .notAPIKeyEndpoint, .missingGrant, .noAccess: return 403
        case .rateLimited: return 429
        }
    }

    /// The raw value (`missing_grant`), without the `deny:` a decision adds.
    public var description: String { rawValue }
}

/// The answer to a check: allow, or deny with exactly one reason.
/// Frozen: these are all the cases there will be, so a switch may list them without a default.
public enum Decision: Hashable, Sendable, CustomStringConvertible {
    case allow
    case deny(DenyReason)

    /// True for ``allow``.
    public var isAllowed: Bool { self == .allow }

    /// 200 for allow, else the reason's status.
    public var status: Int {
        if case .deny(let reason) = self { return reason.status }
        return 200
    }

    /// Why the check was denied; nil for ``allow``.
    public var reason: DenyReason? {
        if case .deny(let reason) = self { return reason }
        return nil
    }

    /// `allow` or `deny:REASON` (`deny:missing_grant`), as the audit log records it.
    public var description: String {
        switch self {
        // Literals, not interpolation: the audit log stores this for every check.
        case .allow: return "allow"
        case .deny(.unknownKey): return "deny:unknown_key"
        case .deny(.deleted): return "deny:deleted"
        case .deny(.expired): return "deny:expired"
        case .deny(.apiKeysDisabled): return "deny:api_keys_disabled"
        case .deny(.unknownEndpoint): return "deny:unknown_endpoint"
        case .deny(.notAPIKeyEndpoint): return "deny:not_api_key_endpoint"
        case .deny(.missingGrant): return "deny:missing_grant"
        case .deny(.noAccess): return "deny:no_access"
        case .deny(.rateLimited): return "deny:rate_limited"
        }
    }
}
