/// The API's endpoints and grant names. Ships as ``Catalog/lucid`` (Lucid's REST API); custom
/// endpoints can be added, and the grants they name join the grant list. Grants keep the
/// index they were given, so a ``GrantSet`` stays meaningful as the catalog grows.
public struct Catalog: Sendable {
    public private(set) var grantNames: [String] = []
    private var grantIndex: [String: Int] = [:]
    public private(set) var endpoints: [Endpoint] = []
    /// Grants that only work for account admins (`*Admin`).
    public private(set) var adminGrants = GrantSet()
    private var router = Router()

    /// An empty catalog (no endpoints, no grants).
    public init() {}

    /// Declares grant names (in this order) without endpoints.
    public mutating func declareGrants(_ names: [String]) throws(KeysmithError) {
        for name in names { _ = try index(declaring: name) }
    }

    private mutating func index(declaring name: String) throws(KeysmithError) -> Int {
        if let i = grantIndex[name] { return i }
        guard Catalog.isValidGrantName(name) else {
            throw .badGrantName(name)
        }
        guard grantNames.count < GrantSet.capacity else { throw .tooManyGrants(GrantSet.capacity) }
        grantNames.append(name)
        grantIndex[name] = grantNames.count - 1
        if name.hasSuffix("Admin") { adminGrants.insert(grantNames.count - 1) }
        return grantNames.count - 1
    }

    static func isValidGrantName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("A"..."Z").contains(first) || ("a"..."z").contains(first) else { return false }
        return name.count <= 64 && name.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
            && !SecretRedaction.containsSecret(name)
    }

    /// Adds an endpoint; its grants join the grant list. Fails if the method and path are
    /// already in the catalog, the method is not an HTTP method, or an API-key endpoint has no grants.
    public mutating func add(_ endpoint: Endpoint) throws(KeysmithError) {
        let method = endpoint.method
        guard Catalog.methods.contains(method) else {
            throw .badMethod(method, suggestion: Suggestions.closest(to: method.uppercased(), in: Catalog.methods))
        }
        if endpoint.acceptsAPIKeys && endpoint.grantNames.isEmpty { throw .endpointNeedsGrants(endpoint.signature) }
        var copy = self
        var stored = endpoint
        for name in endpoint.grantNames { stored.grants.insert(try copy.index(declaring: name)) }
        guard copy.router.insert(endpoint.path, method: method, endpoint: copy.endpoints.count) else {
            throw .endpointExists(endpoint.signature)
        }
        copy.endpoints.append(stored)
        self = copy
    }

    /// HTTP methods an endpoint may have.
    public static let methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

    /// The endpoint for `method` (any case) and a concrete `path`, and the raw path segments.
    /// A leading version segment (`/v1/...`) is accepted as Lucid does.
    public func route(method: String, path: String) -> RouteMatch? {
        guard let segments = PathSegments(path) else { return nil }
        let upper = method.utf8.contains(where: { $0 >= 97 && $0 <= 122 }) ? method.uppercased() : method
        if let i = router.match(method: upper, segments: segments) {
            return RouteMatch(endpointIndex: i, segments: segments)
        }
        if segments.count > 1, Catalog.isVersionSegment(segments[0]) {
            let rest = segments.droppingFirst()
            if let i = router.match(method: upper, segments: rest) { return RouteMatch(endpointIndex: i, segments: rest) }
        }
        return nil
    }

    private static func isVersionSegment(_ s: Substring) -> Bool {
        s.count >= 2 && s.first == "v" && s.dropFirst().allSatisfy(\.isASCII) && s.dropFirst().allSatisfy(\.isNumber)
    }

    /// The grant set for `names`; unknown names are an error that lists the known ones.
    public func grantSet(_ names: [String]) throws(KeysmithError) -> GrantSet {
        var set = GrantSet()
        for name in names {
            guard let i = grantIndex[name] else {
                throw .unknownGrant(name, suggestion: Suggestions.closest(to: name, in: grantNames), known: grantNames)
            }
            set.insert(i)
        }
        return set
    }

    /// The grant set of names already known to be valid (unknown names are skipped).
    public func knownGrantSet(_ names: [String]) -> GrantSet {
        var set = GrantSet()
        for name in names { if let i = grantIndex[name] { set.insert(i) } }
        return set
    }

    /// Grant names in catalog order.
    public func names(of set: GrantSet) -> [String] { set.indices.compactMap { $0 < grantNames.count ? grantNames[$0] : nil } }

    public func isGrant(_ name: String) -> Bool { grantIndex[name] != nil }

    /// Endpoints added on top of the default catalog, in the order they were added.
    public var customEndpoints: [Endpoint] { endpoints.filter(\.isCustom) }
}

/// The result of routing a request: which endpoint, and the path's segments (to read parameters).
public struct RouteMatch {
    public let endpointIndex: Int
    let segments: PathSegments

    /// The value of the path segment at `index`.
    public func segment(_ index: Int) -> Substring { segments[index] }
}
