/// A rate limit on an endpoint: at most `count` allowed requests per `period`, counted per
/// account (the only scope Lucid states), per user or per key. The catalog holds it; the
/// check counts requests against it in the store (``RateWindow``).
public struct RateLimit: Hashable, Sendable, CustomStringConvertible {
    /// What the requests are counted per.
    /// Frozen: these are all the cases there will be, so a switch may list them without a default.
    public enum Scope: String, Hashable, Sendable, CaseIterable { case account, user, key }

    /// The most requests allowed in one window.
    public let count: Int
    /// The length of one window.
    public let period: KeyDuration
    /// What the requests are counted per.
    public let scope: Scope

    /// A limit as given; unlike ``init(validating:scope:)`` it does not check the count.
    public init(count: Int, period: KeyDuration, scope: Scope = .account) {
        self.count = count
        self.period = period
        self.scope = scope
    }

    /// Parses `300/5s` (per account); nil unless a positive count, `/` and a duration.
    public init?(parsing text: String) {
        guard let limit = try? RateLimit(validating: text, scope: .account) else { return nil }
        self = limit
    }

    /// The most requests a limit may count in one window.
    package static let largestCount = 1_000_000_000

    /// Parses `N/DURATION` (`300/5s`, `10/1m`), saying what is wrong with anything else.
    public init(validating text: String, scope: Scope) throws(KeysmithError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw .badRateLimit(text, "a rate limit is N/DURATION, such as 300/5s (N requests per DURATION)")
        }
        guard let count = Int(parts[0]), count > 0, count <= RateLimit.largestCount else {
            throw .badRateLimit(text, "the number of requests must be a whole number from 1 to \(RateLimit.largestCount)")
        }
        let period: KeyDuration
        do {
            period = try KeyDuration(validating: String(parts[1]))
        } catch {
            throw .badRateLimit(text, error.reason)
        }
        self.init(count: count, period: period, scope: scope)
    }

    /// `300/5s per account`.
    public var description: String { "\(count)/\(period) per \(scope.rawValue)" }
}
