/// One API endpoint in the catalog: method, API version and path template, whether API keys
/// are accepted, the accepted grants (any one suffices; none listed means any grant), the
/// access rule, the rate limit the API states, and whether it takes `Lucid-Request-As`.
public struct Endpoint: Hashable, Sendable {
    /// The HTTP method as given (`GET`).
    public let method: String
    /// The path template without its version prefix (`/dataSources/aws/regions`).
    public let path: PathTemplate
    /// The API version the endpoint answers under: a request reaches a version-1 endpoint with
    /// no prefix or `/v1/`, any other version only with its prefix (`/v2/...`).
    public let version: Int
    /// Whether an API key may call the endpoint at all; when it does not, a live key's check of it is denied `not_api_key_endpoint`.
    public let acceptsAPIKeys: Bool
    /// Accepted grant names, as given (empty when API keys are not accepted, or when any grant
    /// is accepted).
    public let grantNames: [String]
    /// What the key's user must be able to do for the call to be allowed.
    public let access: AccessRule
    /// The endpoint's rate limit, if any: the one the API states, or one set with
    /// ``Catalog/setRateLimit(_:method:path:version:)``.
    public internal(set) var rateLimit: RateLimit?
    /// The endpoint takes `Lucid-Request-As` (user or admin mode).
    package let takesRequestAs: Bool
    /// True for endpoints added by the user rather than shipped in the default catalog.
    public let isCustom: Bool

    /// Accepted grants as a bit set over the catalog's grant indices (set by the catalog).
    public internal(set) var grants = GrantSet()
    /// For `view`/`edit` rules: which path segment holds the resource id.
    package var accessSegment = -1

    /// Throws when the access rule names a path parameter the template does not have
    /// (`view document id` on `/reports/{reportId}`).
    public init(
        method: String, path: PathTemplate, version: Int = 1, acceptsAPIKeys: Bool, grantNames: [String],
        access: AccessRule, rateLimit: RateLimit? = nil, takesRequestAs: Bool = false,
        isCustom: Bool = false
    ) throws(KeysmithError) {
        self.method = method
        self.path = path
        self.version = version
        self.acceptsAPIKeys = acceptsAPIKeys
        self.grantNames = grantNames
        self.access = access
        self.rateLimit = rateLimit
        self.takesRequestAs = takesRequestAs
        self.isCustom = isCustom
        self.displayPath = version == 1 ? path.description : "/v\(version)\(path)"
        self.signature = "\(method) \(displayPath)"
        switch access {
        case .view(_, let p), .edit(_, let p):
            guard let index = path.parameterNames.firstIndex(of: p) else {
                throw .badAccessRule(access.description, "\(path) has no parameter {\(p)}")
            }
            accessSegment = path.segmentIndex(ofParameterAt: index)
        case .none, .admin:
            break
        }
    }

    /// The same method, version and path (with the same parameter names), and the same rules:
    /// API keys, grants, access rule, rate limit and `Lucid-Request-As`. Whether either is
    /// custom does not count: an import that describes a catalog endpoint as it is adds nothing.
    package func hasSameRules(as other: Endpoint) -> Bool {
        signature == other.signature && path.description == other.path.description
            && acceptsAPIKeys == other.acceptsAPIKeys && grantNames == other.grantNames && access == other.access
            && rateLimit == other.rateLimit && takesRequestAs == other.takesRequestAs
    }

    /// Each rule in which `other` differs from this endpoint, with both values, this one's first
    /// (`grants User in the catalog, User, ProfileRead here`); empty when ``hasSameRules(as:)``.
    /// Says why an import that holds the same method and path is refused.
    package func differingRules(from other: Endpoint) -> [String] {
        func grants(_ e: Endpoint) -> String {
            !e.acceptsAPIKeys ? "none (no API keys)" : e.grantNames.isEmpty ? "any" : e.grantNames.joined(separator: ", ")
        }
        func taken(_ flag: Bool) -> String { flag ? "taken" : "not taken" }
        var rules: [String] = []
        func add(_ rule: String, _ mine: String, _ theirs: String) {
            if mine != theirs { rules.append("\(rule) \(mine) in the catalog, \(theirs) here") }
        }
        add("path", path.description, other.path.description)
        add("grants", grants(self), grants(other))
        add("access", access.description, other.access.description)
        add("rate limit", rateLimit?.description ?? "none", other.rateLimit?.description ?? "none")
        add("Lucid-Request-As", taken(takesRequestAs), taken(other.takesRequestAs))
        return rules
    }

    /// An API-key endpoint that lists no grant: a key holding any grant may call it.
    package var acceptsAnyGrant: Bool { acceptsAPIKeys && grantNames.isEmpty }

    /// The path as a request reaches it: the template, with `/vN` in front for a version other than 1.
    package let displayPath: String

    /// `GET /documents/{id}`, `GET /v2/dataSources/aws/regions`. Stored: every check returns it.
    package let signature: String
}
