/// The decision procedure of DESIGN §2, as a pure function over what a store found.
///
/// The caller parses the secret and looks its digest up (reasons `unknown_key`, `deleted`);
/// this decides the rest, strictly in order: `expired`, `unknown_endpoint`,
/// `not_api_key_endpoint`, `missing_grant`, `no_access`.
public enum CheckEngine {
    /// Decides a check for a live (not deleted) `key` acting as `user`.
    /// - Parameter resource: looks a document or folder up by kind and id.
    public static func decide(
        key: APIKey, user: User, now: Instant, catalog: Catalog, method: String, path: String,
        resource: (ResourceKind, Substring) throws -> Resource?
    ) rethrows -> (decision: Decision, endpoint: Endpoint?) {
        if key.expiration.isExpired(at: now) { return (.deny(.expired), nil) }
        guard let match = catalog.route(method: method, path: path) else { return (.deny(.unknownEndpoint), nil) }
        let endpoint = catalog.endpoints[match.endpointIndex]
        guard endpoint.acceptsAPIKeys else { return (.deny(.notAPIKeyEndpoint), endpoint) }
        var held = key.grants
        // `*Admin` grants only work for account admins.
        if !user.isAdmin { held = held.subtracting(catalog.adminGrants) }
        let usable = held.intersection(endpoint.grants)
        guard !usable.isEmpty else { return (.deny(.missingGrant), endpoint) }
        switch endpoint.access {
        case .none:
            return (.allow, endpoint)
        case .admin:
            return (user.isAdmin ? .allow : .deny(.noAccess), endpoint)
        case .view(let kind, _), .edit(let kind, _):
            guard let found = try resource(kind, match.segment(endpoint.accessSegment)) else {
                return (.deny(.noAccess), endpoint)
            }
            let need: ShareRole
            if case .edit = endpoint.access { need = .edit } else { need = .view }
            if found.allows(user.name, to: need) { return (.allow, endpoint) }
            // An admin holding an accepted `*Admin` grant may view anything in the account.
            if need == .view && user.isAdmin && !usable.intersection(catalog.adminGrants).isEmpty {
                return (.allow, endpoint)
            }
            return (.deny(.noAccess), endpoint)
        }
    }
}
