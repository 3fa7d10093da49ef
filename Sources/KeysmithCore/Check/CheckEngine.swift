/// The decision procedure of the check (Docs: The check), as a pure function over what a store found.
///
/// The caller parses the secret and looks its digest up (reasons `unknown_key`, `deleted`);
/// this decides the rest, strictly in order: `expired`, `api_keys_disabled`,
/// `unknown_endpoint`, `not_api_key_endpoint`, `missing_grant`, `no_access`. The last reason,
/// `rate_limited`, needs the store's counters: the caller applies it to an allowed request
/// (``RateWindow/admit(_:at:under:)``).
public enum CheckEngine {
    /// Decides a check for a live (not deleted) `key` acting as `user`.
    /// - Parameter apiKeysEnabled: the account's API-key switch.
    /// - Parameter mode: user mode unless the request asked for admin mode (`Lucid-Request-As`).
    /// - Parameter resource: looks a document or folder up by kind and id (in a store, so async).
    public static func decide(
        key: APIKey, user: User, now: Instant, catalog: Catalog, method: String, path: String,
        mode: RequestMode = .user, apiKeysEnabled: Bool = true,
        resource: (ResourceKind, Substring) async throws -> Resource?
    ) async rethrows -> (decision: Decision, endpoint: Endpoint?) {
        if key.expiration.isExpired(at: now) { return (.deny(.expired), nil) }
        if !apiKeysEnabled { return (.deny(.apiKeysDisabled), nil) }
        guard let match = catalog.route(method: method, path: path) else { return (.deny(.unknownEndpoint), nil) }
        let endpoint = catalog.endpoints[match.endpointIndex]
        guard endpoint.acceptsAPIKeys else { return (.deny(.notAPIKeyEndpoint), endpoint) }
        let usable = usableGrants(of: key, user: user, on: endpoint, catalog: catalog)
        guard !usable.isEmpty else { return (.deny(.missingGrant), endpoint) }
        switch endpoint.access {
        case .none:
            return (.allow, endpoint)
        case .admin:
            return (user.isAdmin ? .allow : .deny(.noAccess), endpoint)
        case .view(let kind, _), .edit(let kind, _):
            guard let found = try await resource(kind, match.segment(endpoint.accessSegment)) else {
                return (.deny(.noAccess), endpoint)
            }
            let need: ShareRole
            if case .edit = endpoint.access { need = .edit } else { need = .view }
            if found.allows(user.name, to: need) { return (.allow, endpoint) }
            if need == .view && adminPermissionsApply(usable: usable, user: user, endpoint: endpoint, catalog: catalog,
                                                      mode: mode) {
                return (.allow, endpoint)
            }
            return (.deny(.noAccess), endpoint)
        }
    }

    /// The key's grants that count on `endpoint`: the ones it accepts (all of them when it
    /// accepts any grant), less the `*Admin` grants unless the user is an account admin.
    public static func usableGrants(of key: APIKey, user: User, on endpoint: Endpoint, catalog: Catalog) -> GrantSet {
        let held = user.isAdmin ? key.grants : key.grants.subtracting(catalog.adminGrants)
        return endpoint.acceptsAnyGrant ? held : held.intersection(endpoint.grants)
    }

    /// Whether the request runs with an account admin's admin permissions, which let an
    /// accepted `*Admin` grant view any document or folder of the account: only in admin mode,
    /// only on an endpoint that takes `Lucid-Request-As`, only for an admin holding such a grant.
    public static func adminPermissionsApply(usable: GrantSet, user: User, endpoint: Endpoint, catalog: Catalog,
                                             mode: RequestMode) -> Bool {
        mode == .admin && endpoint.takesRequestAs && user.isAdmin && !usable.intersection(catalog.adminGrants).isEmpty
    }
}
