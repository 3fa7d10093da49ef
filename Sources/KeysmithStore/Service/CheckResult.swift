public import KeysmithCore

/// The outcome of a check and why.
public struct CheckResult: Hashable, Sendable {
    /// Allow, or deny with the one reason.
    public let decision: Decision
    /// The key the secret belongs to, when one matched.
    public let keyID: KeyID?
    /// The matched endpoint's signature (`GET /documents/{id}`), when routing got that far.
    public let endpoint: String?
    /// One sentence saying why, without secrets. Written when asked for: a program that only
    /// needs the decision never pays for the sentence.
    public var explanation: String { why.text }
    /// What the decision was made from; the key, user, endpoint and catalog below are read
    /// from it rather than kept twice (a check's result is copied on every request).
    let why: CheckExplanation
    /// The document or folder the check was about, when the endpoint's rule names one and it exists.
    public let resource: Resource?
    /// Where the request stands against the matched endpoint's rate limit, read off the window
    /// the check counted in (or would have): nil when the endpoint has no limit or no live key
    /// matched. A server's `RateLimit` fields.
    package internal(set) var rateLimit: RateLimitStatus?
    /// The instant the check ran at (the store's clock).
    package internal(set) var checkedAt: Instant?

    /// The key the secret belongs to (a tombstone for `deleted`), as stored: never the secret.
    public var key: APIKey? {
        switch why {
        case .fixed: return nil
        case .deleted(let key, _): return key
        case .decided(_, let key, _, _, _, _, _, _): return key
        case .rateLimited(let key, _, _, _, _): return key
        }
    }

    /// The matched catalog endpoint, when routing got that far.
    public var matchedEndpoint: Endpoint? {
        switch why {
        case .decided(_, _, _, let endpoint, _, _, _, _): return endpoint
        case .rateLimited(_, _, let endpoint, _, _): return endpoint
        case .fixed, .deleted: return nil
        }
    }

    /// The user the key acts as, when a live key matched.
    public var user: User? {
        switch why {
        case .decided(_, _, let user, _, _, _, _, _): return user
        case .rateLimited(_, let user, _, _, _): return user
        case .fixed, .deleted: return nil
        }
    }

    /// The catalog the check ran against (for grant names); nil when no live key matched.
    var catalog: Catalog? {
        switch why {
        case .decided(_, _, _, _, let catalog, _, _, _): return catalog
        case .rateLimited(_, _, _, let catalog, _): return catalog
        case .fixed, .deleted: return nil
        }
    }

    /// Names of the grants the key holds, in catalog order; empty when no key matched.
    public var grantNames: [String] {
        guard let key, let catalog else { return [] }
        return catalog.names(of: key.grants)
    }

    init(
        decision: Decision, keyID: KeyID?, endpoint: String?, why: CheckExplanation, resource: Resource? = nil,
        rateLimit: RateLimitStatus? = nil, checkedAt: Instant? = nil
    ) {
        self.decision = decision
        self.keyID = keyID
        self.endpoint = endpoint
        self.why = why
        self.resource = resource
        self.rateLimit = rateLimit
        self.checkedAt = checkedAt
    }

    /// For `rate_limited`: in how many seconds a request would be allowed (`Retry-After`).
    public var retryAfterSeconds: Int64? {
        if case .rateLimited(_, _, _, _, let seconds) = why { return seconds }
        return nil
    }

    /// True when the decision is allow.
    public var allowed: Bool { decision.isAllowed }
    /// The HTTP status of the decision: 200, or the denial's (401, 403, 404 or 429).
    public var status: Int { decision.status }

    /// Equal when the decision, key id, endpoint and explanation match; the key, user, resource and rate-limit status are not compared directly.
    public static func == (a: CheckResult, b: CheckResult) -> Bool {
        a.decision == b.decision && a.keyID == b.keyID && a.endpoint == b.endpoint && a.explanation == b.explanation
    }

    /// Hashes the decision, key id and endpoint (a subset of what `==` compares).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(decision)
        hasher.combine(keyID)
        hasher.combine(endpoint)
    }
}
