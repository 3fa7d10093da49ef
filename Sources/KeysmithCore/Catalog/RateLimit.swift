/// A rate limit an API states for an endpoint: at most `count` requests per `period`, counted
/// per account (the only scope Lucid states). Catalog data only: keysmith shows it and a
/// counter may enforce it; the catalog itself counts nothing.
public struct RateLimit: Hashable, Sendable, CustomStringConvertible {
    /// What the requests are counted per.
    public enum Scope: String, Hashable, Sendable { case account, user, key }

    public let count: Int
    public let period: KeyDuration
    public let scope: Scope

    public init(count: Int, period: KeyDuration, scope: Scope = .account) {
        self.count = count
        self.period = period
        self.scope = scope
    }

    /// Parses `300/5s` (per account); nil unless a positive count, `/` and a duration.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let count = Int(parts[0]), count > 0,
              let period = KeyDuration(parsing: String(parts[1])) else { return nil }
        self.init(count: count, period: period)
    }

    /// `300/5s per account`.
    public var description: String { "\(count)/\(period) per \(scope.rawValue)" }
}
