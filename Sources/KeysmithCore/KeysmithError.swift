/// Everything that can go wrong with a request to the key model, in words a person can act on.
/// Messages never contain a secret or a control character: the values they quote are shown
/// through the printable-text escaper, so `user "ksk_…" does not exist`.
public struct KeysmithError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, with the values its message quotes. Package-level: a program outside
    /// keysmith reads ``code``, which later releases extend without breaking its `switch`.
    package enum Kind: Hashable, Sendable {
        // Keys
        case badKeyName(String)
        case noGrants
        case unknownGrant(String, suggestion: String?, known: [String])
        case adminGrantNeedsAdmin(grant: String, user: String)
        case expirationNotInFuture(Instant, now: Instant)
        case keyNotFound(KeyID)
        case keyDeleted(KeyID, at: Instant)
        /// A rolled key whose grace period is over.
        case keyRetired(KeyID, at: Instant, replacedBy: KeyID)
        case grantsImmutable(KeyID)
        case expirationFixed(KeyID, expiredAt: Instant?)
        /// Rolling an expired key: rolling would be a refresh.
        case rollExpired(KeyID, expiredAt: Instant)
        /// Rolling a key that a roll already replaced.
        case alreadyRolled(KeyID, replacedBy: KeyID)
        // The account
        /// The account's API-key switch is off: no key may be created.
        case apiKeysDisabled
        /// A change to the account that only an account admin may make.
        case adminOnly(action: String, user: String)
        // Time
        case badInstant(String, String)
        case badDuration(String, String)
        case instantOutOfRange(Instant, plus: KeyDuration)
        case clockBeforeStoreTime(Instant, latest: Instant)
        // Users and resources
        case unknownUser(String, suggestion: String?)
        case userExists(String)
        /// A name that differs from an existing user's only in case (`ME` next to `me`).
        case userNameTaken(String, existing: String)
        case badUserName(String, String)
        case unknownResource(ResourceKind, String)
        case resourceExists(ResourceKind, String)
        case badResourceID(String, String)
        case shareWithOwner(ResourceKind, String, user: String)
        // Catalog
        case badPath(String, String)
        case badMethod(String, suggestion: String?)
        case badAccessRule(String, String)
        case badGrantName(String)
        case tooManyGrants(Int)
        case endpointExists(String)
        case endpointNeedsGrants(String)
        /// An imported endpoint under a version other than 1, which a store's own endpoints cannot
        /// be (only a catalog a session starts with has versions).
        case versionedCustomEndpoint(String)
        /// A replacement catalog lacks grants that keys hold: for each such key, the grants it
        /// holds that the catalog would no longer have.
        case catalogDropsHeldGrants([KeyID: [String]])
        case noAPIKeyEndpointWithGrants(String)
        case badRateLimit(String, String)
        /// A rate limit set on an endpoint the catalog does not hold; `template` is the endpoint a
        /// concrete path reaches, when it reaches one (`/documents/d1` → `GET /documents/{id}`).
        case unknownEndpoint(String, template: String?)
        case limitOnNoAPIKeyEndpoint(String)
    }

    /// What went wrong, with its values.
    package let kind: Kind

    package init(_ kind: Kind) { self.kind = kind }

    /// Which error this is, to compare with the codes (`error.code == .keyNotFound`). Codes are
    /// added as keysmith grows, so a `switch` over them needs a `default`.
    public var code: Code { Code(kind) }

    package static func badKeyName(_ a0: String) -> KeysmithError { KeysmithError(.badKeyName(a0)) }
    package static var noGrants: KeysmithError { KeysmithError(.noGrants) }
    package static func unknownGrant(_ a0: String, suggestion a1: String?, known a2: [String]) -> KeysmithError {
        KeysmithError(.unknownGrant(a0, suggestion: a1, known: a2))
    }
    package static func adminGrantNeedsAdmin(grant a0: String, user a1: String) -> KeysmithError {
        KeysmithError(.adminGrantNeedsAdmin(grant: a0, user: a1))
    }
    package static func expirationNotInFuture(_ a0: Instant, now a1: Instant) -> KeysmithError {
        KeysmithError(.expirationNotInFuture(a0, now: a1))
    }
    package static func keyNotFound(_ a0: KeyID) -> KeysmithError { KeysmithError(.keyNotFound(a0)) }
    package static func keyDeleted(_ a0: KeyID, at a1: Instant) -> KeysmithError { KeysmithError(.keyDeleted(a0, at: a1)) }
    package static func keyRetired(_ a0: KeyID, at a1: Instant, replacedBy a2: KeyID) -> KeysmithError {
        KeysmithError(.keyRetired(a0, at: a1, replacedBy: a2))
    }
    package static func grantsImmutable(_ a0: KeyID) -> KeysmithError { KeysmithError(.grantsImmutable(a0)) }
    package static func expirationFixed(_ a0: KeyID, expiredAt a1: Instant?) -> KeysmithError {
        KeysmithError(.expirationFixed(a0, expiredAt: a1))
    }
    package static func rollExpired(_ a0: KeyID, expiredAt a1: Instant) -> KeysmithError { KeysmithError(.rollExpired(a0, expiredAt: a1)) }
    package static func alreadyRolled(_ a0: KeyID, replacedBy a1: KeyID) -> KeysmithError {
        KeysmithError(.alreadyRolled(a0, replacedBy: a1))
    }
    package static var apiKeysDisabled: KeysmithError { KeysmithError(.apiKeysDisabled) }
    package static func adminOnly(action a0: String, user a1: String) -> KeysmithError { KeysmithError(.adminOnly(action: a0, user: a1)) }
    package static func badInstant(_ a0: String, _ a1: String) -> KeysmithError { KeysmithError(.badInstant(a0, a1)) }
    package static func badDuration(_ a0: String, _ a1: String) -> KeysmithError { KeysmithError(.badDuration(a0, a1)) }
    package static func instantOutOfRange(_ a0: Instant, plus a1: KeyDuration) -> KeysmithError {
        KeysmithError(.instantOutOfRange(a0, plus: a1))
    }
    package static func clockBeforeStoreTime(_ a0: Instant, latest a1: Instant) -> KeysmithError {
        KeysmithError(.clockBeforeStoreTime(a0, latest: a1))
    }
    package static func unknownUser(_ a0: String, suggestion a1: String?) -> KeysmithError {
        KeysmithError(.unknownUser(a0, suggestion: a1))
    }
    package static func userExists(_ a0: String) -> KeysmithError { KeysmithError(.userExists(a0)) }
    package static func userNameTaken(_ a0: String, existing a1: String) -> KeysmithError {
        KeysmithError(.userNameTaken(a0, existing: a1))
    }
    package static func badUserName(_ a0: String, _ a1: String) -> KeysmithError { KeysmithError(.badUserName(a0, a1)) }
    package static func unknownResource(_ a0: ResourceKind, _ a1: String) -> KeysmithError { KeysmithError(.unknownResource(a0, a1)) }
    package static func resourceExists(_ a0: ResourceKind, _ a1: String) -> KeysmithError { KeysmithError(.resourceExists(a0, a1)) }
    package static func badResourceID(_ a0: String, _ a1: String) -> KeysmithError { KeysmithError(.badResourceID(a0, a1)) }
    package static func shareWithOwner(_ a0: ResourceKind, _ a1: String, user a2: String) -> KeysmithError {
        KeysmithError(.shareWithOwner(a0, a1, user: a2))
    }
    package static func badPath(_ a0: String, _ a1: String) -> KeysmithError { KeysmithError(.badPath(a0, a1)) }
    package static func badMethod(_ a0: String, suggestion a1: String?) -> KeysmithError { KeysmithError(.badMethod(a0, suggestion: a1)) }
    package static func badAccessRule(_ a0: String, _ a1: String) -> KeysmithError { KeysmithError(.badAccessRule(a0, a1)) }
    package static func badGrantName(_ a0: String) -> KeysmithError { KeysmithError(.badGrantName(a0)) }
    package static func tooManyGrants(_ a0: Int) -> KeysmithError { KeysmithError(.tooManyGrants(a0)) }
    package static func endpointExists(_ a0: String) -> KeysmithError { KeysmithError(.endpointExists(a0)) }
    package static func endpointNeedsGrants(_ a0: String) -> KeysmithError { KeysmithError(.endpointNeedsGrants(a0)) }
    package static func versionedCustomEndpoint(_ a0: String) -> KeysmithError { KeysmithError(.versionedCustomEndpoint(a0)) }
    package static func catalogDropsHeldGrants(_ a0: [KeyID: [String]]) -> KeysmithError {
        KeysmithError(.catalogDropsHeldGrants(a0))
    }
    package static func noAPIKeyEndpointWithGrants(_ a0: String) -> KeysmithError { KeysmithError(.noAPIKeyEndpointWithGrants(a0)) }
    package static func badRateLimit(_ a0: String, _ a1: String) -> KeysmithError { KeysmithError(.badRateLimit(a0, a1)) }
    package static func unknownEndpoint(_ a0: String, template a1: String?) -> KeysmithError {
        KeysmithError(.unknownEndpoint(a0, template: a1))
    }
    package static func limitOnNoAPIKeyEndpoint(_ a0: String) -> KeysmithError { KeysmithError(.limitOnNoAPIKeyEndpoint(a0)) }

    /// For a bad instant or duration, what is wrong with it (without the text itself); the
    /// whole description otherwise.
    public var reason: String {
        switch kind {
        case .badInstant(_, let reason), .badDuration(_, let reason), .badRateLimit(_, let reason):
            return PrintableText.shown(reason)
        default: return description
        }
    }

    /// The message a person reads, with every quoted value escaped to printable text.
    public var description: String { PrintableText.shown(message) }

    private var message: String {
        switch kind {
        case .badKeyName(let problem):
            return problem
        case .noGrants:
            return "a key needs at least one grant"
        case .unknownGrant(let name, let suggestion, let known):
            let hint = suggestion.map { " (did you mean \($0)?)" } ?? ""
            return "grant \"\(name)\" does not exist\(hint); known grants: \(known.joined(separator: ", "))"
        case .adminGrantNeedsAdmin(let grant, let user):
            return "grant \(grant) only works for account admins, and \(user) is a member"
        case .expirationNotInFuture(let when, let now):
            return "expiration \(when) is not in the future (now is \(now)); a key must expire after it is created"
        case .keyNotFound(let id):
            return "key \(id) does not exist"
        case .keyDeleted(let id, let at):
            return "key \(id) was deleted on \(at); a deleted key cannot be changed"
        case .keyRetired(let id, let at, let replacement):
            return "key \(id) retired on \(at) (key \(replacement) replaced it); a retired key cannot be changed"
        case .grantsImmutable(let id):
            return "the grants of key \(id) cannot be changed after creation — create a new key with the grants you need"
        case .expirationFixed(let id, let expiredAt):
            if let expiredAt {
                return "key \(id) expired on \(expiredAt); expired keys cannot be renewed — create a new key"
            }
            return "the expiration of key \(id) is fixed at creation and cannot be extended — create a new key"
        case .rollExpired(let id, let expiredAt):
            return "key \(id) expired on \(expiredAt); an expired key cannot be refreshed; create a new key"
        case .alreadyRolled(let id, let replacement):
            return "key \(id) was already rolled: key \(replacement) replaces it (roll \(replacement) to replace it again)"
        case .apiKeysDisabled:
            return "API keys are turned off for this account: no key can be created and no key authenticates"
        case .adminOnly(let action, let user):
            return "only an account admin may \(action), and \(user) is a member"
        case .badInstant(let text, let reason):
            return "bad instant \"\(text)\": \(reason)"
        case .badDuration(let text, let reason):
            return "bad duration \"\(text)\": \(reason)"
        case .instantOutOfRange(let start, let duration):
            return "\(start) plus \(duration) is after \(Instant.latest), the latest instant keysmith keeps"
        case .clockBeforeStoreTime(let requested, let latest):
            return "cannot set the clock back to \(requested): this store has already seen \(latest), and time only moves forward"
        case .unknownUser(let name, let suggestion):
            return "user \"\(name)\" does not exist" + (suggestion.map { " (did you mean \($0)?)" } ?? "")
        case .userExists(let name):
            return "user \"\(name)\" already exists"
        case .userNameTaken(let name, let existing):
            return
                "user \"\(existing)\" already exists, and user names are unique without regard to case; choose a name other than \"\(name)\""
        case .badUserName(let name, let problem):
            return "bad user name \"\(name)\": \(problem)"
        case .unknownResource(let kind, let id):
            return "\(kind) \"\(id)\" does not exist"
        case .resourceExists(let kind, let id):
            return "\(kind) \"\(id)\" already exists"
        case .badResourceID(let id, let problem):
            return "bad id \"\(id)\": \(problem)"
        case .shareWithOwner(let kind, let id, let user):
            return "\(user) owns \(kind) \"\(id)\"; an owner needs no share"
        case .badPath(let path, let problem):
            return "bad path \"\(path)\": \(problem)"
        case .badMethod(let method, let suggestion):
            return "\"\(method)\" is not an HTTP method" + (suggestion.map { " (did you mean \($0)?)" } ?? "")
                + "; use one of \(Catalog.methods.joined(separator: ", "))"
        case .badAccessRule(let rule, let problem):
            return "bad access rule \"\(rule)\": \(problem)"
        case .badGrantName(let name) where SecretRedaction.containsSecret(name):
            return SecretRedaction.problem(in: name, what: "a grant name") ?? ""
        case .badGrantName(let name):
            return "bad grant name \"\(name)\": a grant name starts with a letter and has letters, digits and _ only (at most 64)"
        case .tooManyGrants(let limit):
            return "the catalog already has \(limit) grants, the most it can hold"
        case .endpointExists(let signature):
            return "endpoint \(signature) is already in the catalog"
        case .noAPIKeyEndpointWithGrants(let signature):
            return "endpoint \(signature) does not accept API keys, so it cannot list grants"
        case .badRateLimit(let text, let reason):
            return "bad rate limit \"\(text)\": \(reason)"
        case .unknownEndpoint(let signature, let template?):
            return "endpoint \(signature) is not in the catalog; that path reaches \(template)"
        case .unknownEndpoint(let signature, nil):
            return "endpoint \(signature) is not in the catalog"
        case .limitOnNoAPIKeyEndpoint(let signature):
            return "endpoint \(signature) does not accept API keys, so no key request would ever count toward a limit"
        case .endpointNeedsGrants(let signature):
            return "endpoint \(signature) accepts API keys, so it needs at least one grant"
        case .catalogDropsHeldGrants(let held):
            let keys = held.keys.sorted()
            let shown = keys.prefix(5).map { "\($0) holds \(held[$0]!.joined(separator: ", "))" }
            let more = held.count > 5 ? " and \(held.count - 5) more keys" : ""
            return
                "the catalog would no longer have grants that keys hold: \(shown.joined(separator: "; "))\(more); a key's grants never change and every key keeps its record (deleted ones too), so the description must keep those grants"
        case .versionedCustomEndpoint(let signature):
            return
                "endpoint \(signature) is not in the catalog, and endpoints added to a store answer under version 1 only"
        }
    }
}
