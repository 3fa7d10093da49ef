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
    let why: CheckExplanation
    /// The key the secret belongs to (a tombstone for `deleted`), as stored: never the secret.
    public let key: APIKey?
    /// The matched catalog endpoint, when routing got that far.
    public let matchedEndpoint: Endpoint?
    /// The document or folder the check was about, when the endpoint's rule names one and it exists.
    public let resource: Resource?
    /// The user the key acts as, when a live key matched.
    public let user: User?
    /// The catalog the check ran against (for grant names); nil when no key matched.
    let catalog: Catalog?

    /// Names of the grants the key holds, in catalog order; empty when no key matched.
    public var grantNames: [String] {
        guard let key, let catalog else { return [] }
        return catalog.names(of: key.grants)
    }

    init(decision: Decision, keyID: KeyID?, endpoint: String?, why: CheckExplanation, key: APIKey? = nil,
         matchedEndpoint: Endpoint? = nil, resource: Resource? = nil, user: User? = nil, catalog: Catalog? = nil) {
        self.decision = decision
        self.keyID = keyID
        self.endpoint = endpoint
        self.why = why
        self.key = key
        self.matchedEndpoint = matchedEndpoint
        self.resource = resource
        self.user = user
        self.catalog = catalog
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
