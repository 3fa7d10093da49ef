/// One API endpoint in the catalog: method and path template, whether API keys are accepted,
/// the accepted grants (any one suffices) and the access rule.
public struct Endpoint: Hashable, Sendable {
    public let method: String
    public let path: PathTemplate
    public let acceptsAPIKeys: Bool
    /// Accepted grant names, as given (empty when API keys are not accepted).
    public let grantNames: [String]
    public let access: AccessRule
    /// True for endpoints added by the user rather than shipped in the default catalog.
    public let isCustom: Bool

    /// Accepted grants as a bit set over the catalog's grant indices (set by the catalog).
    public internal(set) var grants = GrantSet()
    /// For `view`/`edit` rules: which path segment holds the resource id.
    var accessSegment = -1

    public init(method: String, path: PathTemplate, acceptsAPIKeys: Bool, grantNames: [String],
                access: AccessRule, isCustom: Bool = false) {
        self.method = method
        self.path = path
        self.acceptsAPIKeys = acceptsAPIKeys
        self.grantNames = grantNames
        self.access = access
        self.isCustom = isCustom
        self.signature = "\(method) \(path)"
        switch access {
        case .view(_, let p), .edit(_, let p):
            accessSegment = path.segmentIndex(ofParameterAt: path.parameterNames.firstIndex(of: p)!)
        case .none, .admin:
            break
        }
    }

    /// `GET /documents/{id}`. Stored: every check returns it.
    public let signature: String
}
