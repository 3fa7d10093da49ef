/// What one rate-limit bucket has counted: the start of its current window and how many
/// allowed requests fell in it.
///
/// Windows are fixed and begin with the first request counted after the previous window
/// ended, so `N` requests at one instant fill a window and the next request is allowed
/// exactly one period after the first: 301 checks at one instant, then the clock moved on by
/// 5 s, test a limit of 300 per 5 s exactly.
public struct RateWindow: Hashable, Sendable {
    /// When the window began: the first request counted after the previous window ended.
    public let start: Instant
    /// Allowed requests counted in the window so far, from 1.
    public let count: Int

    /// A window as a store read it back.
    public init(start: Instant, count: Int) {
        self.start = start
        self.count = count
    }

    /// The answer for a request at `now` under `limit`, given the bucket's stored window
    /// (nil when it has counted nothing yet).
    package static func admit(_ window: RateWindow?, at now: Instant, under limit: RateLimit) -> RateAdmission {
        guard let window else { return .admitted(RateWindow(start: now, count: 1)) }
        // In plain seconds, not instants: a window may end after the latest instant keysmith
        // keeps (the sum cannot overflow: both are bounded far below Int64.max).
        let end = window.start.secondsSinceEpoch + limit.period.seconds
        if now.secondsSinceEpoch >= end { return .admitted(RateWindow(start: now, count: 1)) }
        if window.count < limit.count { return .admitted(RateWindow(start: window.start, count: window.count + 1)) }
        return .limited(retryAfterSeconds: retryAfter(windowEnd: end, now: now))
    }

    /// Seconds from `now` to the window's end, but never past ``Instant/latest``: a window
    /// longer than keysmith's time (`1/3650000d`) would otherwise answer a wait no clock can
    /// reach (and an HTTP client may not parse). At least 1, so a client never retries at once
    /// (at the latest instant itself, 1 is all there is to say).
    static func retryAfter(windowEnd end: Int64, now: Instant) -> Int64 {
        max(1, min(end, Instant.latest.secondsSinceEpoch) - now.secondsSinceEpoch)
    }
}

/// Whether a request fits its endpoint's rate limit.
package enum RateAdmission: Hashable, Sendable {
    /// Allowed; the bucket's window becomes this one.
    case admitted(RateWindow)
    /// Over the limit: a request would be allowed in this many seconds.
    case limited(retryAfterSeconds: Int64)
}

/// The counter a request is counted in: its endpoint and who it counts for (the account, the
/// key's user, or the key), by the limit's scope. Made of strings the check already holds, so
/// finding a bucket allocates nothing; ``id`` spells it out for a store's table.
public struct RateBucket: Hashable, Sendable, CustomStringConvertible {
    /// The endpoint's signature (`GET /documents/{id}`).
    public let endpoint: String
    package let scope: RateLimit.Scope
    /// The user's name or the key's id; empty for the account.
    package let subject: String

    /// The bucket `key`'s requests to `endpoint` count in under `scope`: the account's, the key's user's, or the key's own.
    public init(endpoint: Endpoint, scope: RateLimit.Scope, key: APIKey) {
        self.endpoint = endpoint.signature
        self.scope = scope
        switch scope {
        case .account: subject = ""
        case .user: subject = key.owner
        case .key: subject = key.id.rawValue
        }
    }

    /// The bucket of `endpoint` (its signature) for `subject` (a user's name, a key's id, or
    /// empty for the account), for a reader that lists buckets rather than checks a key.
    package init(endpoint signature: String, scope: RateLimit.Scope, subject: String) {
        self.endpoint = signature
        self.scope = scope
        self.subject = scope == .account ? "" : subject
    }

    /// `POST /documents/search per account`, `GET /documents/{id} per user alice`.
    public var id: String {
        scope == .account ? "\(endpoint) per account" : "\(endpoint) per \(scope.rawValue) \(subject)"
    }

    /// The same text as ``id``.
    public var description: String { id }
}
