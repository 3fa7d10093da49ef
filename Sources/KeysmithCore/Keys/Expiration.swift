/// When a key stops working: at an instant, or never. Fixed at creation.
/// Frozen: these are all the cases there will be, so a switch may list them without a default.
public enum Expiration: Hashable, Sendable, CustomStringConvertible {
    case at(Instant)
    case never

    /// Whether a key with this expiration is expired at `now` (valid while `now < expiresAt`).
    public func isExpired(at now: Instant) -> Bool {
        if case .at(let end) = self { return now >= end }
        return false
    }

    /// The expiry instant; nil when the key never expires.
    public var instant: Instant? {
        if case .at(let end) = self { return end }
        return nil
    }

    /// The instant in RFC 3339, or `never`.
    public var description: String {
        switch self {
        case .at(let instant): return instant.description
        case .never: return "never"
        }
    }
}

/// How a person asks for an expiration: a duration from now, an instant, or never.
/// Frozen: these are all the cases there will be, so a switch may list them without a default.
public enum ExpirationRequest: Hashable, Sendable {
    case after(KeyDuration)
    case at(Instant)
    case never

    /// Parses `30d`, `2026-01-31`, `2026-01-31T00:00:00Z` or `never`.
    public init?(parsing text: String) {
        guard let request = try? ExpirationRequest(validating: text) else { return nil }
        self = request
    }

    /// Parses an expiration or throws saying what is wrong: text that starts like a date is
    /// judged as an instant, anything else as a duration.
    public init(validating text: String) throws(KeysmithError) {
        if text == "never" {
            self = .never
            return
        }
        let looksLikeDate =
            text.utf8.count >= 5 && text.utf8.prefix(4).allSatisfy { $0 >= 48 && $0 <= 57 }
            && text.utf8.dropFirst(4).first == 45
        self = looksLikeDate ? .at(try Instant(validating: text)) : .after(try KeyDuration(validating: text))
    }

    /// The concrete expiration, counting durations from `now` (an error past ``Instant/latest``).
    package func resolved(now: Instant) throws(KeysmithError) -> Expiration {
        switch self {
        case .after(let d): return .at(try now.adding(d))
        case .at(let i): return .at(i)
        case .never: return .never
        }
    }
}
