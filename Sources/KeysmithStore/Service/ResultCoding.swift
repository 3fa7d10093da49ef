import KeysmithCore

/// A key as JSON, the way its owner sees it: never the secret, never the digest; grants by
/// name. Encodable only: a key is made by ``KeyService/createKey(name:expires:grants:actor:)``.
extension KeyInfo: Encodable {
    private enum CodingKeys: String, CodingKey {
        case id, name, owner, status, expires, grants, createdAt, lastUsedAt, deletedAt, replaces, replacedBy, retiresAt
        case secondsLeft
    }

    /// Encodes `id`, `name`, `owner`, `status`, `expires`, `grants` and `createdAt`, then whichever of `lastUsedAt`, `deletedAt`, `replaces`, `replacedBy`, `retiresAt` and `secondsLeft` are set.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(key.owner, forKey: .owner)
        try container.encode(status.rawValue, forKey: .status)
        try container.encode(key.expiration, forKey: .expires)
        try container.encode(grantNames, forKey: .grants)
        try container.encode(key.createdAt, forKey: .createdAt)
        try container.encodeIfPresent(key.lastUsedAt, forKey: .lastUsedAt)
        try container.encodeIfPresent(key.deletedAt, forKey: .deletedAt)
        try container.encodeIfPresent(key.replaces, forKey: .replaces)
        try container.encodeIfPresent(key.replacedBy, forKey: .replacedBy)
        try container.encodeIfPresent(key.retiresAt, forKey: .retiresAt)
        try container.encodeIfPresent(timeLeft?.seconds, forKey: .secondsLeft)
    }
}

/// A check's answer as JSON: the decision, its status and reason, why, and what it was about.
extension CheckResult: Encodable {
    private enum CodingKeys: String, CodingKey {
        case decision, status, reason, explanation, key, endpoint, retryAfter
    }

    /// Encodes `decision`, `status` and `explanation`, then whichever of `reason`, `key`, `endpoint` and `retryAfter` (seconds) are set.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(decision, forKey: .decision)
        try container.encode(status, forKey: .status)
        try container.encodeIfPresent(decision.reason, forKey: .reason)
        try container.encode(explanation, forKey: .explanation)
        try container.encodeIfPresent(keyID, forKey: .key)
        try container.encodeIfPresent(endpoint, forKey: .endpoint)
        try container.encodeIfPresent(retryAfterSeconds, forKey: .retryAfter)
    }
}
