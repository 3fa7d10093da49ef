/// Where a request stands against its endpoint's rate limit, read off the same window the
/// check counted in (Docs: The check): the limit, what is left of the window after this
/// request, and in how many seconds the window ends. A server sends it as the IETF
/// `RateLimit-Policy` and `RateLimit` fields.
package struct RateLimitStatus: Hashable, Sendable {
    package let limit: RateLimit
    /// Requests still allowed in the current window (0 once it is full).
    package let remaining: Int
    /// Seconds until the window ends and the full quota is available again (at least 1).
    package let resetSeconds: Int64

    package init(limit: RateLimit, remaining: Int, resetSeconds: Int64) {
        self.limit = limit
        self.remaining = remaining
        self.resetSeconds = resetSeconds
    }

    /// The status of a bucket whose stored window is `window` (nil: it has counted nothing),
    /// at `now`, under `limit`: after an admission, pass the admitted window; for a request
    /// that was not counted, the window as it stands.
    package static func of(_ window: RateWindow?, at now: Instant, under limit: RateLimit) -> RateLimitStatus {
        let period = limit.period.seconds
        guard let window else { return RateLimitStatus(limit: limit, remaining: limit.count, resetSeconds: max(1, period)) }
        let end = window.start.secondsSinceEpoch + period
        if now.secondsSinceEpoch >= end {
            return RateLimitStatus(limit: limit, remaining: limit.count, resetSeconds: max(1, period))
        }
        return RateLimitStatus(
            limit: limit, remaining: max(0, limit.count - window.count),
            resetSeconds: RateWindow.retryAfter(windowEnd: end, now: now))
    }
}
