import KeysmithCore

/// Who an allowed request acts as, put in the request context by ``KeysmithMiddleware``:
/// the key (by id, never its secret), its user, the grants it holds, the matched endpoint and
/// its path parameters, the key's expiration and the request's mode.
public struct KeysmithIdentity: Sendable, Hashable {
    /// The id of the key that authenticated the request.
    public let keyID: KeyID
    /// The user the key acts as.
    public let user: User
    /// Names of the grants the key holds, in catalog order.
    public let grants: [String]
    /// The matched endpoint's template, e.g. `/documents/{id}`.
    public let endpointTemplate: String
    /// The matched endpoint's method, e.g. `GET`.
    public let method: String
    /// `GET /documents/{id}`.
    public var endpoint: String { "\(method) \(endpointTemplate)" }
    /// Path parameter name → value, from the request's path (`id` → `d1`).
    public let pathParameters: [String: String]
    /// When the key expires, as `Keysmith-Key-Expires` says.
    public let expiration: Expiration
    /// For a rolled key in its grace period, when it retires (`Keysmith-Key-Retires`).
    package let retiresAt: Instant?
    /// The document or folder the check was about, when the endpoint's rule names one.
    public let resource: Resource?
    /// From `Lucid-Request-As`.
    public let mode: RequestMode
    /// The grants the matched endpoint accepts (`Keysmith-Accepted-Grants`); empty when it
    /// accepts any grant.
    package let acceptedGrants: [String]
    /// Where the request stands against the endpoint's rate limit, after it was counted
    /// (`RateLimit-Policy`, `RateLimit`).
    package let rateLimit: RateLimitStatus?

    /// An identity as given; it carries no accepted grants or rate-limit status.
    public init(
        keyID: KeyID, user: User, grants: [String], endpointTemplate: String, method: String,
        pathParameters: [String: String], expiration: Expiration, retiresAt: Instant? = nil, resource: Resource?,
        mode: RequestMode
    ) {
        self.init(
            keyID: keyID, user: user, grants: grants, endpointTemplate: endpointTemplate, method: method,
            pathParameters: pathParameters, expiration: expiration, retiresAt: retiresAt, resource: resource,
            mode: mode, acceptedGrants: [], rateLimit: nil)
    }

    /// The identity with the matched endpoint's grants and rate-limit status, for the headers
    /// the middleware adds to an allowed answer.
    package init(
        keyID: KeyID, user: User, grants: [String], endpointTemplate: String, method: String,
        pathParameters: [String: String], expiration: Expiration, retiresAt: Instant?, resource: Resource?,
        mode: RequestMode, acceptedGrants: [String], rateLimit: RateLimitStatus?
    ) {
        self.acceptedGrants = acceptedGrants
        self.rateLimit = rateLimit
        self.keyID = keyID
        self.user = user
        self.grants = grants
        self.endpointTemplate = endpointTemplate
        self.method = method
        self.pathParameters = pathParameters
        self.expiration = expiration
        self.retiresAt = retiresAt
        self.resource = resource
        self.mode = mode
    }
}
