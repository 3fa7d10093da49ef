/// One line of the audit log: who did what, to which key, when, and how it ended.
/// Never holds a secret: keys appear by id only.
public struct AuditEntry: Hashable, Sendable, Codable {
    /// Position in the log, from 1.
    public var sequence: Int
    /// When the action happened, to the second.
    public let time: Instant
    /// The acting user; for a check, the key's owner, or `-` when no key matched.
    public let actor: String
    /// What was done.
    public let action: AuditAction
    /// The key acted on or checked; nil when the action is not about a key or no key matched.
    public let keyID: KeyID?
    /// `ok` for a change; the decision for a check.
    public let outcome: AuditOutcome
    /// Extra context without secrets, e.g. the new name or `GET /documents/d1`.
    public let detail: AuditDetail

    /// An entry as given. A store numbers entries as it appends them, so `sequence` matters only on one read back.
    public init(
        sequence: Int = 0, time: Instant, actor: String, action: AuditAction, keyID: KeyID?,
        outcome: AuditOutcome = .ok, detail: AuditDetail
    ) {
        self.sequence = sequence
        self.time = time
        self.actor = actor
        self.action = action
        self.keyID = keyID
        self.outcome = outcome
        self.detail = detail
    }
}

/// What an audit entry records. Stores keep the raw value (`key.create`).
/// Not frozen: new cases may come in a later version, so a switch outside keysmith needs an
/// `@unknown default` (`@nonexhaustive`; inside the package switches stay exhaustive).
@nonexhaustive
public enum AuditAction: String, CaseIterable, Hashable, Sendable, Codable, CustomStringConvertible {
    case userAdd = "user.add"
    case documentAdd = "document.add"
    case folderAdd = "folder.add"
    case documentShare = "document.share"
    case folderShare = "folder.share"
    case keyCreate = "key.create"
    case keyRename = "key.rename"
    case keyDelete = "key.delete"
    case keyRoll = "key.roll"
    /// A rolled key's grace period cut short (its replacement was deleted or rolled).
    case keyRetire = "key.retire"
    case check
    case endpointAdd = "endpoint.add"
    case endpointLimit = "endpoint.limit"
    case accountAPIKeys = "account.api-keys"
    /// A custom endpoint removed by a catalog import that replaced the custom endpoints.
    case endpointRemove = "endpoint.remove"

    /// `document.add` or `folder.add`.
    public static func add(_ kind: ResourceKind) -> AuditAction { kind == .document ? .documentAdd : .folderAdd }
    /// `document.share` or `folder.share`.
    public static func share(_ kind: ResourceKind) -> AuditAction { kind == .document ? .documentShare : .folderShare }

    /// The raw value, as the log shows and stores keep it (`key.create`).
    public var description: String { rawValue }
}

/// How an audited action ended: `ok` for a change, the decision for a check.
/// Frozen: these are all the cases there will be, so a switch may list them without a default.
public enum AuditOutcome: Hashable, Sendable, Codable, CustomStringConvertible {
    case ok
    case decided(Decision)

    /// Reads `ok`, `allow` or `deny:REASON` back; nil for anything else.
    public init?(_ text: String) {
        if text == "ok" {
            self = .ok
            return
        }
        if text == "allow" {
            self = .decided(.allow)
            return
        }
        guard text.hasPrefix("deny:"), let reason = DenyReason(rawValue: String(text.dropFirst(5))) else { return nil }
        self = .decided(.deny(reason))
    }

    /// `ok`, `allow` or `deny:REASON`: the text ``init(_:)`` reads back.
    public var description: String {
        switch self {
        case .ok: return "ok"
        case .decided(let decision): return decision.description
        }
    }

    /// Decodes the text form (`ok`, `allow`, `deny:REASON`); anything else is a `DecodingError`.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let outcome = AuditOutcome(text) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "expected ok, allow or deny:REASON, not \(text)"))
        }
        self = outcome
    }

    /// Encodes as the single string ``description``.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// The context of an audit entry. Typed where the log has a fixed form (a created key's
/// expiration and grants); text otherwise. A store may pack it however it likes (the memory
/// store rebuilds a created key's detail from the key rather than keep the text).
/// Not frozen: new cases may come in a later version, so a switch outside keysmith needs an
/// `@unknown default` (`@nonexhaustive`; inside the package switches stay exhaustive).
@nonexhaustive
public enum AuditDetail: Hashable, Sendable, Codable, CustomStringConvertible {
    case text(String)
    /// `key.create`: what the key was made with, which never changes.
    case keyCreated(expiration: Expiration, grants: [String])

    /// Reads a stored text back: `expires …; grants …` for a created key, else the text as is.
    public init(stored text: String, action: AuditAction) {
        self = .text(text)
        guard action == .keyCreate, text.hasPrefix("expires ") else { return }
        let parts = text.dropFirst("expires ".count).split(separator: ";", maxSplits: 1)
        guard parts.count == 2, parts[1].hasPrefix(" grants ") else { return }
        let expiration: Expiration
        if parts[0] == "never" {
            expiration = .never
        } else if let instant = Instant(parsing: String(parts[0])) {
            expiration = .at(instant)
        } else {
            return
        }
        let grants = parts[1].dropFirst(" grants ".count).split(separator: ",").map(String.init)
        self = .keyCreated(expiration: expiration, grants: grants)
    }

    /// The text as is, or `expires INSTANT|never; grants A,B` for a created key.
    public var description: String {
        switch self {
        case .text(let text): return text
        case .keyCreated(let expiration, let grants): return "expires \(expiration); grants \(grants.joined(separator: ","))"
        }
    }
}
