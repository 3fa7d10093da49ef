/// `Codable` for the model values an embedder stores or sends, in the forms people read:
/// instants as RFC 3339 (`"2026-01-31T00:00:00Z"`), durations as keysmith writes them
/// (`"1d12h"`), an expiration as an instant or `"never"`, a decision as `"allow"` or
/// `"deny:missing_grant"`. Decoding checks what it reads as the language does: a bad value is
/// a `DecodingError` that says why, never a trap.

extension Instant: Codable {
    /// Decodes RFC 3339 text; a malformed or out-of-range instant is a `DecodingError`.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            self = try Instant(validating: text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    /// Encodes as RFC 3339 text in UTC (``description``).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension KeyDuration: Codable {
    /// Decodes keysmith's duration text (`1d12h`); zero, no unit or too long is a `DecodingError`.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            self = try KeyDuration(validating: text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    /// Encodes as keysmith's duration text (``description``).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Expiration: Codable {
    /// Decodes `"never"` or an RFC 3339 instant.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        if text == "never" {
            self = .never
            return
        }
        self = .at(try Instant(from: decoder))
    }

    /// Encodes as `"never"` or an RFC 3339 instant.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension KeyID: Codable {
    /// Decodes the id string as is; its form is not checked.
    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes as the id string (`key_…`).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension Decision: Codable {
    /// Decodes `allow` or `deny:REASON`; anything else is a `DecodingError`.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        if text == "allow" {
            self = .allow
            return
        }
        guard text.hasPrefix("deny:"), let reason = DenyReason(rawValue: String(text.dropFirst(5))) else {
            throw corrupted(decoder, "expected allow or deny:REASON, not \(text)")
        }
        self = .deny(reason)
    }

    /// Encodes as `allow` or `deny:REASON` (``description``).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension DenyReason: Codable {}
extension RequestMode: Codable {}
extension User.Role: Codable {}
extension ResourceKind: Codable {}
extension ShareRole: Codable {}
extension RateLimit.Scope: Codable {}

/// A refusal while decoding, worded like the language's own errors.
private func corrupted(_ decoder: any Decoder, _ message: String) -> DecodingError {
    DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: message))
}

extension User: Codable {
    private enum CodingKeys: String, CodingKey { case name, role }

    /// Decodes `name` and `role`; a name that breaks the user-name rule is a `DecodingError`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let name = try container.decode(String.self, forKey: .name)
        if let problem = User.problem(withName: name) { throw corrupted(decoder, "bad user name: \(problem)") }
        self.init(name: name, role: try container.decode(Role.self, forKey: .role))
    }

    /// Encodes `name` and `role`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(role, forKey: .role)
    }
}

extension Resource: Codable {
    private enum CodingKeys: String, CodingKey { case kind, id, owner, shares }

    /// Decodes `kind`, `id`, `owner` and optional `shares` (default none); a bad id is a `DecodingError`, the owner and share names are not checked.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(ResourceKind.self, forKey: .kind)
        let id = try container.decode(String.self, forKey: .id)
        if let problem = Resource.problem(withID: id, kind: kind) { throw corrupted(decoder, "bad id: \(problem)") }
        self.init(
            kind: kind, id: id, owner: try container.decode(String.self, forKey: .owner),
            shares: try container.decodeIfPresent([String: ShareRole].self, forKey: .shares) ?? [:])
    }

    /// Encodes `kind`, `id`, `owner` and `shares`, even when there are no shares.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(id, forKey: .id)
        try container.encode(owner, forKey: .owner)
        try container.encode(shares, forKey: .shares)
    }
}

extension RateLimit: Codable {
    private enum CodingKeys: String, CodingKey { case count, period, scope }

    /// Decodes `count` (1 to 1000000000), `period` and optional `scope` (default `account`).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let count = try container.decode(Int.self, forKey: .count)
        guard count > 0 && count <= RateLimit.largestCount else {
            throw corrupted(decoder, "the number of requests must be from 1 to \(RateLimit.largestCount), not \(count)")
        }
        self.init(
            count: count, period: try container.decode(KeyDuration.self, forKey: .period),
            scope: try container.decodeIfPresent(Scope.self, forKey: .scope) ?? .account)
    }

    /// Encodes `count`, `period` and `scope`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(count, forKey: .count)
        try container.encode(period, forKey: .period)
        try container.encode(scope, forKey: .scope)
    }
}
