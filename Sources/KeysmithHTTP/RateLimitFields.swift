package import HTTPTypes
import KeysmithCore

/// The IETF rate-limit fields (draft-ietf-httpapi-ratelimit-headers, structured fields) for a
/// check's ``RateLimitStatus``: `RateLimit-Policy: "user";q=300;w=5` (the quota and the window
/// in seconds, the policy named by what the limit counts per) and `RateLimit: "user";r=12;t=3`
/// (requests remaining in the window, seconds until it resets).
package enum RateLimitFields {
    /// The `RateLimit-Policy` value.
    package static func policy(_ status: RateLimitStatus) -> String {
        "\"\(status.limit.scope.rawValue)\";q=\(status.limit.count);w=\(status.limit.period.seconds)"
    }

    /// The `RateLimit` value.
    package static func current(_ status: RateLimitStatus) -> String {
        "\"\(status.limit.scope.rawValue)\";r=\(status.remaining);t=\(status.resetSeconds)"
    }

    /// Sets both fields in `fields`.
    package static func add(_ status: RateLimitStatus, to fields: inout HTTPFields) {
        fields[KeysmithHeader.rateLimitPolicy] = policy(status)
        fields[KeysmithHeader.rateLimit] = current(status)
    }
}
