public import HTTPTypes
import Hummingbird

/// The header names of the wire format (Docs: Verifying keys in your server).
public enum KeysmithHeader {
    package static let apiVersion = HTTPField.Name("Lucid-Api-Version")!
    package static let requestAs = HTTPField.Name("Lucid-Request-As")!
    package static let denyReason = HTTPField.Name("Keysmith-Deny-Reason")!
    /// `Keysmith-Accepted-Grants`: the grants the matched endpoint accepts, comma-separated.
    public static let acceptedGrants = HTTPField.Name("Keysmith-Accepted-Grants")!
    package static let keyID = HTTPField.Name("Keysmith-Key-Id")!
    package static let keyExpires = HTTPField.Name("Keysmith-Key-Expires")!
    /// On a rolled key in its grace period: when it retires (RFC 3339), sooner than it expires.
    package static let keyRetires = HTTPField.Name("Keysmith-Key-Retires")!
    /// The IETF rate-limit fields (``RateLimitFields``), on every answer of a limited endpoint.
    package static let rateLimitPolicy = HTTPField.Name("RateLimit-Policy")!
    package static let rateLimit = HTTPField.Name("RateLimit")!
    /// The request's own id, unique to it, for a server that tags every response with one (and
    /// sends a client's well-formed `X-Request-Id` back beside it as `X-Request-Id`).
    package static let requestID = HTTPField.Name("Keysmith-Request-Id")!
}
