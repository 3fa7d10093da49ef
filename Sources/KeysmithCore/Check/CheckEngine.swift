/// The decision procedure of the check (Docs: The check), as a pure function over what a store found.
///
/// The caller parses the secret and looks its digest up (reasons `unknown_key`, `deleted`);
/// this decides the rest, strictly in order: `expired`, `api_keys_disabled`,
/// `unknown_endpoint`, `not_api_key_endpoint`, `missing_grant`, `no_access`. The last reason,
/// `rate_limited`, needs the store's counters: the caller applies it to an allowed request
/// (``RateWindow/admit(_:at:under:)``).
package enum CheckEngine {
    /// Decides a check for a live (not deleted) `key` acting as `user`.
    /// - Parameter apiKeysEnabled: the account's API-key switch.
    /// - Parameter mode: user mode unless the request asked for admin mode (`Lucid-Request-As`).
    /// - Parameter resource: looks a document or folder up by kind and id.
    package static func decide(
        key: APIKey, user: User, now: Instant, catalog: Catalog, method: String, path: String,
        mode: RequestMode = .user, apiKeysEnabled: Bool = true, resource: (ResourceKind, Substring) throws -> Resource?
    ) rethrows -> (decision: Decision, endpoint: Endpoint?) {
        switch step(
            key: key, user: user, now: now, catalog: catalog, method: method, path: path, mode: mode,
            apiKeysEnabled: apiKeysEnabled)
        {
        case .decided(let decision, let endpoint):
            return (decision, endpoint)
        case .needsResource(let question):
            return (question.answer(try resource(question.kind, question.id)), question.endpoint)
        }
    }

    /// ``decide(key:user:now:catalog:method:path:mode:apiKeysEnabled:resource:)`` up to the
    /// document or folder it may need, for a caller whose lookup is asynchronous (a store):
    /// either the decision, or the question the resource answers.
    package static func step(
        key: APIKey, user: User, now: Instant, catalog: Catalog, method: String, path: String,
        mode: RequestMode = .user, apiKeysEnabled: Bool = true
    ) -> CheckStep {
        if key.expiration.isExpired(at: now) { return .decided(.deny(.expired), nil) }
        if !apiKeysEnabled { return .decided(.deny(.apiKeysDisabled), nil) }
        guard let match = catalog.route(method: method, path: path) else { return .decided(.deny(.unknownEndpoint), nil) }
        let endpoint = catalog.endpoints[match.endpointIndex]
        guard endpoint.acceptsAPIKeys else { return .decided(.deny(.notAPIKeyEndpoint), endpoint) }
        let usable = usableGrants(of: key, user: user, on: endpoint, catalog: catalog)
        guard !usable.isEmpty else { return .decided(.deny(.missingGrant), endpoint) }
        switch endpoint.access {
        case .none:
            return .decided(.allow, endpoint)
        case .admin:
            return .decided(user.isAdmin ? .allow : .deny(.noAccess), endpoint)
        case .view(let kind, _), .edit(let kind, _):
            let need: ShareRole
            if case .edit = endpoint.access { need = .edit } else { need = .view }
            return .needsResource(
                ResourceQuestion(
                    kind: kind, id: match.segment(endpoint.accessSegment), endpoint: endpoint, user: user.name, need: need,
                    adminMayView: need == .view
                        && adminPermissionsApply(
                            usable: usable, user: user, endpoint: endpoint,
                            catalog: catalog, mode: mode)
                ))
        }
    }

    /// The key's grants that count on `endpoint`: the ones it accepts (all of them when it
    /// accepts any grant), less the `*Admin` grants unless the user is an account admin.
    package static func usableGrants(of key: APIKey, user: User, on endpoint: Endpoint, catalog: Catalog) -> GrantSet {
        let held = user.isAdmin ? key.grants : key.grants.subtracting(catalog.adminGrants)
        return endpoint.acceptsAnyGrant ? held : held.intersection(endpoint.grants)
    }

    /// Whether the request runs with an account admin's admin permissions, which let an
    /// accepted `*Admin` grant view any document or folder of the account: only in admin mode,
    /// only on an endpoint that takes `Lucid-Request-As`, only for an admin holding such a grant.
    package static func adminPermissionsApply(
        usable: GrantSet, user: User, endpoint: Endpoint, catalog: Catalog,
        mode: RequestMode
    ) -> Bool {
        mode == .admin && endpoint.takesRequestAs && user.isAdmin && !usable.intersection(catalog.adminGrants).isEmpty
    }
}

/// Where ``CheckEngine/step(key:user:now:catalog:method:path:mode:apiKeysEnabled:)`` got to.
package enum CheckStep: Sendable {
    /// The decision, and the endpoint the request matched (if it got that far).
    case decided(Decision, Endpoint?)
    /// Everything else is settled: the decision depends on one document or folder.
    case needsResource(ResourceQuestion)
}

/// The last step of a check on an endpoint with a `view` or `edit` rule: may `user` do `need`
/// on the document or folder `kind` `id`?
package struct ResourceQuestion: Sendable {
    package let kind: ResourceKind
    package let id: Substring
    package let endpoint: Endpoint
    let user: String
    let need: ShareRole
    /// An account admin in admin mode with an accepted `*Admin` grant may view any of them.
    let adminMayView: Bool

    /// The decision, given the resource found (nil: there is no such document or folder).
    package func answer(_ found: Resource?) -> Decision {
        guard let found else { return .deny(.noAccess) }
        return found.allows(user, to: need) || adminMayView ? .allow : .deny(.noAccess)
    }
}
