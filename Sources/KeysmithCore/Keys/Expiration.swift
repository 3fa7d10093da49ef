/// When a key stops working: at an instant, or never. Fixed at creation.
public enum Expiration: Hashable, Sendable, CustomStringConvertible {
    case at(Instant)
    case never

    /// Whether a key with this expiration is expired at `now` (valid while `now < expiresAt`).
    public func isExpired(at now: Instant) -> Bool {
        if case .at(let end) = self { return now >= end }
        return false
    }

    public var instant: Instant? {
        if case .at(let end) = self { return end }
        return nil
    }

    public var description: String {
        switch self {
        case .at(let instant): return instant.description
        case .never: return "never"
        }
    }
}

/// How a person asks for an expiration: a duration from now, an instant, or never.
public enum ExpirationRequest: Hashable, Sendable {
    case after(KeyDuration)
    case at(Instant)
    case never

    /// Parses `30d`, `2026-01-31`, `2026-01-31T00:00:00Z` or `never`.
    public init?(parsing text: String) {
        if text == "never" { self = .never }
        else if let d = KeyDuration(parsing: text) { self = .after(d) }
        else if let i = Instant(parsing: text) { self = .at(i) }
        else { return nil }
    }

    /// The concrete expiration, counting durations from `now`.
    public func resolved(now: Instant) -> Expiration {
        switch self {
        case .after(let d): return .at(now + d)
        case .at(let i): return .at(i)
        case .never: return .never
        }
    }
}
