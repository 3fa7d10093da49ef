/// One line of the audit log: who did what, to which key, when, and how it ended.
/// Never holds a secret: keys appear by id only.
public struct AuditEntry: Hashable, Sendable {
    /// Position in the log, from 1.
    public var sequence: Int
    public let time: Instant
    /// The acting user; for a check, the key's owner, or `-` when no key matched.
    public let actor: String
    /// What was done, e.g. `key.create`, `key.rename`, `check`, `user.add`.
    public let action: String
    public let keyID: KeyID?
    /// `ok`, `allow` or `deny:REASON`.
    public let outcome: String
    /// Extra context without secrets, e.g. the new name or `GET /documents/d1`.
    public let detail: String

    public init(sequence: Int = 0, time: Instant, actor: String, action: String, keyID: KeyID?, outcome: String, detail: String) {
        self.sequence = sequence
        self.time = time
        self.actor = actor
        self.action = action
        self.keyID = keyID
        self.outcome = outcome
        self.detail = detail
    }
}
