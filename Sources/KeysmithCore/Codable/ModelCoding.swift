/// `Codable` for the model values an embedder stores or sends, in the forms people read:
/// instants as RFC 3339 (`"2026-01-31T00:00:00Z"`), durations as keysmith writes them
/// (`"1d12h"`), an expiration as an instant or `"never"`, a decision as `"allow"` or
/// `"deny:missing_grant"`. Decoding checks what it reads as the language does: a bad value is
/// a `DecodingError` that says why, never a trap.

extension Instant: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            self = try Instant(validating: text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension KeyDuration: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            self = try KeyDuration(validating: text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Expiration: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        if text == "never" {
            self = .never
            return
        }
        self = .at(try Instant(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension KeyID: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension Decision: Codable {
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

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let name = try container.decode(String.self, forKey: .name)
        if let problem = User.problem(withName: name) { throw corrupted(decoder, "bad user name: \(problem)") }
        self.init(name: name, role: try container.decode(Role.self, forKey: .role))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(role, forKey: .role)
    }
}

extension Resource: Codable {
    private enum CodingKeys: String, CodingKey { case kind, id, owner, shares }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(ResourceKind.self, forKey: .kind)
        let id = try container.decode(String.self, forKey: .id)
        if let problem = Resource.problem(withID: id, kind: kind) { throw corrupted(decoder, "bad id: \(problem)") }
        self.init(
            kind: kind, id: id, owner: try container.decode(String.self, forKey: .owner),
            shares: try container.decodeIfPresent([String: ShareRole].self, forKey: .shares) ?? [:])
    }

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

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(count, forKey: .count)
        try container.encode(period, forKey: .period)
        try container.encode(scope, forKey: .scope)
    }
}
