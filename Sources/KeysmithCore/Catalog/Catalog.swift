/// The API's endpoints and grant names. Ships as ``Catalog/lucid`` (Lucid's REST API); custom
/// endpoints can be added, and the grants they name join the grant list. Grants keep the
/// index they were given, so a ``GrantSet`` stays meaningful as the catalog grows.
public struct Catalog: Sendable {
    /// Every grant name, in the order declared; a grant's position is its index in a ``GrantSet``.
    public private(set) var grantNames: [String] = []
    private var grantIndex: [String: Int] = [:]
    /// The endpoints, in the order added.
    public private(set) var endpoints: [Endpoint] = []
    /// Grants that only work for account admins (`*Admin`).
    package private(set) var adminGrants = GrantSet()
    /// One line per grant saying what it allows (default grants; custom grants have none).
    package private(set) var grantSummaries: [String: String] = [:]
    private var router = Router()

    /// An empty catalog (no endpoints, no grants).
    public init() {}

    /// Declares grant names (in this order) without endpoints.
    package mutating func declareGrants(_ names: [String]) throws(KeysmithError) {
        for name in names { _ = try index(declaring: name) }
    }

    /// Declares a grant with a one-line summary of what it allows (an imported OpenAPI
    /// description's grant descriptions arrive this way).
    package mutating func declareGrant(_ name: String, summary: String) throws(KeysmithError) {
        _ = try index(declaring: name)
        grantSummaries[name] = summary
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
        return name.count <= 64
            && name.unicodeScalars.allSatisfy {
                ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
            }
            && !SecretRedaction.containsSecret(name)
    }

    /// Adds an endpoint; its grants join the grant list. Fails if the method, version and path
    /// are already in the catalog or the method is not an HTTP method. An API-key endpoint that
    /// lists no grant accepts any grant, custom or not (an imported OpenAPI operation whose
    /// security names the key scheme with `[]`); a caller that wants grants required checks for them first.
    public mutating func add(_ endpoint: Endpoint) throws(KeysmithError) {
        let method = endpoint.method
        guard Catalog.methods.contains(method) else {
            throw .badMethod(method, suggestion: Suggestions.closest(to: method.uppercased(), in: Catalog.methods))
        }
        // Whatever adds it (one endpoint, an OpenAPI import, a catalog file): `/_keysmith/` is reserved.
        if case .literal(let first)? = endpoint.path.segments.first, first == Catalog.reservedSegment {
            throw .badPath(
                endpoint.path.description,
                "paths under /\(Catalog.reservedSegment)/ are reserved for keysmith's own admin API; choose another first segment"
            )
        }
        // Everything that can fail is checked before anything changes, and the catalog changes
        // in place: a copy of it (to keep on failure) would copy every endpoint and the whole
        // router on each add, so reading a description of n operations cost n² copies.
        guard router.match(template: endpoint.path, method: method, version: endpoint.version) == nil else {
            throw .endpointExists(endpoint.signature)
        }
        try checkDeclarable(endpoint.grantNames)
        var stored = endpoint
        for name in endpoint.grantNames { stored.grants.insert(try index(declaring: name)) }
        let inserted = router.insert(endpoint.path, method: method, version: endpoint.version, endpoint: endpoints.count)
        precondition(inserted, "the router refused \(endpoint.signature) after matching nothing there")
        endpoints.append(stored)
    }

    /// Throws what ``index(declaring:)`` would throw for the first of `names` it refuses, in
    /// the same order, without declaring anything.
    private func checkDeclarable(_ names: [String]) throws(KeysmithError) {
        var count = grantNames.count
        var added: Set<String> = []
        for name in names where grantIndex[name] == nil && !added.contains(name) {
            guard Catalog.isValidGrantName(name) else { throw .badGrantName(name) }
            guard count < GrantSet.capacity else { throw .tooManyGrants(GrantSet.capacity) }
            count += 1
            added.insert(name)
        }
    }

    /// Adds a custom endpoint read back from a store. When the default catalog has since come
    /// to hold the same method and path, the default endpoint stays and the stored one is
    /// dropped, but its grants are still declared (keys may hold them); returns false then.
    package mutating func restore(_ endpoint: Endpoint) throws(KeysmithError) -> Bool {
        if let match = router.match(template: endpoint.path, method: endpoint.method, version: endpoint.version),
            !endpoints[match].isCustom
        {
            var copy = self
            for name in endpoint.grantNames { _ = try copy.index(declaring: name) }
            self = copy
            return false
        }
        try add(endpoint)
        return true
    }

    /// Sets (or, with nil, removes) the rate limit of the endpoint `method path` of `version`,
    /// given as its template (`/documents/{id}`); returns the endpoint as it now is.
    @discardableResult
    public mutating func setRateLimit(
        _ limit: RateLimit?, method: String, path: PathTemplate,
        version: Int = 1
    ) throws(KeysmithError) -> Endpoint {
        guard let index = router.match(template: path, method: method.uppercased(), version: version) else {
            throw .unknownEndpoint("\(method.uppercased()) \(version == 1 ? path.description : "/v\(version)\(path)")", template: nil)
        }
        endpoints[index].rateLimit = limit
        return endpoints[index]
    }

    /// The endpoint `method` of `version` whose template is `path` without its version prefix
    /// (parameter names aside: `/documents/{docId}` finds `/documents/{id}`).
    package func endpoint(method: String, path: PathTemplate, version: Int) -> Endpoint? {
        router.match(template: path, method: method.uppercased(), version: version).map { endpoints[$0] }
    }

    /// The endpoint whose template is `path` (as a request reaches it: `/v2/…` for version 2;
    /// `/v1/…` and no prefix both name version 1).
    public func endpoint(method: String, template path: PathTemplate) -> Endpoint? {
        if let i = router.match(template: path, method: method.uppercased(), version: 1) { return endpoints[i] }
        let text = path.description
        for version in Set(endpoints.map(\.version)).union([1]) where text.hasPrefix("/v\(version)/") {
            guard let rest = try? PathTemplate(parsing: String(text.dropFirst("/v\(version)".count))),
                let i = router.match(template: rest, method: method.uppercased(), version: version)
            else { continue }
            return endpoints[i]
        }
        return nil
    }

    /// HTTP methods an endpoint may have.
    public static let methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

    /// The endpoint for `method` (any case) and a concrete `path`, and the raw path segments.
    /// A path without a version prefix, or with `/v1/`, reaches version-1 endpoints; `/vN/`
    /// reaches only the endpoints of version N (as Lucid answers `/v2/` operations).
    package func route(method: String, path: String) -> RouteMatch? {
        guard let segments = PathSegments(path) else { return nil }
        let upper = method.utf8.contains(where: { $0 >= 97 && $0 <= 122 }) ? method.uppercased() : method
        if let i = router.match(method: upper, version: 1, segments: segments) {
            return RouteMatch(endpointIndex: i, segments: segments)
        }
        if segments.count > 1, let version = Catalog.version(named: segments[0]) {
            let rest = segments.droppingFirst()
            if let i = router.match(method: upper, version: version, segments: rest) {
                return RouteMatch(endpointIndex: i, segments: rest)
            }
        }
        return nil
    }

    /// The endpoint `method path` would reach under another version's prefix, for a request
    /// that reached nothing (`GET /dataSources/aws/regions` answers only under `/v2/`).
    package func otherVersion(method: String, path: String) -> Endpoint? {
        guard let segments = PathSegments(path) else { return nil }
        for version in Set(endpoints.map(\.version)).sorted() where version != 1 {
            if let i = router.match(method: method.uppercased(), version: version, segments: segments) { return endpoints[i] }
        }
        return nil
    }

    /// The first segment no catalog path may begin with: `/_keysmith/` is kept for keysmith's own
    /// admin API (DESIGN §8), so that no endpoint of a catalog can stand in its place.
    package static let reservedSegment = "_keysmith"

    /// The version a template's first segment names (`/v1/users` → 1), if it names one: a
    /// custom endpoint's path starts after the version, which routing adds by itself.
    package static func versionPrefix(of template: PathTemplate) -> Int? {
        guard case .literal(let first)? = template.segments.first, template.segments.count > 0 else { return nil }
        return version(named: Substring(first))
    }

    /// `v1` → 1, `v2` → 2; nil for anything else (up to four digits).
    private static func version(named s: Substring) -> Int? {
        guard s.utf8.count >= 2, s.utf8.count <= 5, s.utf8.first == UInt8(ascii: "v") else { return nil }
        var value = 0
        for byte in s.utf8.dropFirst() {
            guard byte >= 48 && byte <= 57 else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return value
    }

    /// Endpoints whose path (as a request reaches it) starts with `prefix`, segment by segment
    /// (`/teams` lists `/teams` and `/teams/{id}`, not `/teamsX`), and that accept `grant`
    /// when one is given; in catalog order.
    public func endpoints(pathPrefix prefix: String? = nil, grant: String? = nil) -> [Endpoint] {
        var trimmed = prefix ?? "/"
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        return endpoints.filter { e in
            if let grant, !e.grantNames.contains(grant) { return false }
            guard trimmed != "/" else { return true }
            let path = e.displayPath
            return path == trimmed || path.hasPrefix(trimmed + "/")
        }
    }

    /// The grant set for `names`; unknown names are an error that lists the known ones.
    package func grantSet(_ names: [String]) throws(KeysmithError) -> GrantSet {
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
    package func knownGrantSet(_ names: [String]) -> GrantSet {
        var set = GrantSet()
        for name in names { if let i = grantIndex[name] { set.insert(i) } }
        return set
    }

    /// Grant names in catalog order.
    public func names(of set: GrantSet) -> [String] { set.indices.compactMap { $0 < grantNames.count ? grantNames[$0] : nil } }

    package func isGrant(_ name: String) -> Bool { grantIndex[name] != nil }

    /// Endpoints added on top of the default catalog, in the order they were added.
    package var customEndpoints: [Endpoint] { endpoints.filter(\.isCustom) }
}

/// The result of routing a request: which endpoint, and the path's segments (to read parameters).
package struct RouteMatch {
    package let endpointIndex: Int
    let segments: PathSegments

    /// The value of the path segment at `index`.
    package func segment(_ index: Int) -> Substring { segments[index] }
}
