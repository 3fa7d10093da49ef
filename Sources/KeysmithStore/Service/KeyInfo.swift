import KeysmithCore

/// A key as shown to its owner: the stored record, its grant names and its status now.
/// Never the secret.
public struct KeyInfo: Hashable, Sendable {
    public let key: APIKey
    public let grantNames: [String]
    public let status: KeyStatus

    public var id: KeyID { key.id }
    public var name: String { key.name }
}

/// What `createKey` returns: the key and its secret, which is never available again.
public struct CreatedKey: Sendable {
    public let info: KeyInfo
    /// The secret, shown once.
    public let secret: String
    /// Set when the request deserves a warning (a key that never expires).
    public let warning: String?
}

/// The outcome of a check and why.
public struct CheckResult: Hashable, Sendable {
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

    /// The key the secret belongs to (a tombstone for `deleted`), as stored: never the secret.
    public var key: APIKey? {
        switch why {
        case .fixed: return nil
        case .deleted(let key): return key
        case .decided(_, let key, _, _, _, _, _, _): return key
        }
    }

    /// The matched catalog endpoint, when routing got that far.
    public var matchedEndpoint: Endpoint? {
        if case .decided(_, _, _, let endpoint, _, _, _, _) = why { return endpoint }
        return nil
    }

    /// The user the key acts as, when a live key matched.
    public var user: User? {
        if case .decided(_, _, let user, _, _, _, _, _) = why { return user }
        return nil
    }

    /// The catalog the check ran against (for grant names); nil when no live key matched.
    var catalog: Catalog? {
        if case .decided(_, _, _, _, let catalog, _, _, _) = why { return catalog }
        return nil
    }

    /// Names of the grants the key holds, in catalog order; empty when no key matched.
    public var grantNames: [String] {
        guard let key, let catalog else { return [] }
        return catalog.names(of: key.grants)
    }

    init(decision: Decision, keyID: KeyID?, endpoint: String?, why: CheckExplanation, resource: Resource? = nil) {
        self.decision = decision
        self.keyID = keyID
        self.endpoint = endpoint
        self.why = why
        self.resource = resource
    }

    public var allowed: Bool { decision.isAllowed }
    public var status: Int { decision.status }

    public static func == (a: CheckResult, b: CheckResult) -> Bool {
        a.decision == b.decision && a.keyID == b.keyID && a.endpoint == b.endpoint && a.explanation == b.explanation
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(decision)
        hasher.combine(keyID)
        hasher.combine(endpoint)
    }
}
