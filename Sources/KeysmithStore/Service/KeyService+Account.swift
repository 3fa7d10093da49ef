public import KeysmithCore

extension KeyService {
    /// The account's settings (the API-key switch) and users.
    public func account() async throws -> AccountState {
        try await store.read { tx in AccountState(apiKeysEnabled: try await tx.apiKeysEnabled(), users: try await tx.users()) }
    }

    /// Turns API keys on or off for the whole account (admins only). While off, no key can be
    /// created or rolled and every check of a live key is denied `api_keys_disabled`; keys are
    /// not touched, so turning them on again restores every unexpired, undeleted key. Setting
    /// the state it already has changes nothing and is not an error. Audited.
    @discardableResult
    public func setAPIKeys(enabled: Bool, actor: String) async throws -> AccountState {
        let clock = self.clock
        return try await store.write { tx in
            let user = try await Self.existingUser(actor, in: tx)
            guard user.isAdmin else { throw KeysmithError.adminOnly(action: "turn API keys on or off", user: actor) }
            let now = try await Self.moment(recordedIn: tx, clock: clock)
            let was = try await tx.apiKeysEnabled()
            if was != enabled { try await tx.setAPIKeysEnabled(enabled) }
            let state = enabled ? "on" : "off"
            try await tx.append(
                AuditEntry(
                    time: now, actor: actor, action: .accountAPIKeys, keyID: nil, outcome: .ok,
                    detail: .text(was == enabled ? "\(state) (already \(state))" : state)))
            return AccountState(apiKeysEnabled: enabled, users: try await tx.users())
        }
    }

    /// Sets, or with nil removes, the rate limit of the catalog endpoint `method path` (its
    /// template, `/documents/{id}`, as the catalog holds it). Counting starts afresh for nobody: requests
    /// already counted in the current window still count. Audited.
    @discardableResult
    public func setRateLimit(_ limit: RateLimit?, method: String, path: String, actor: String) async throws -> Endpoint {
        let template = try PathTemplate(parsing: path)
        let clock = self.clock
        return try await store.write { tx in
            let now = try await Self.moment(recordedIn: tx, clock: clock)
            let catalog = try await tx.catalog()
            guard let endpoint = catalog.endpoint(method: method, template: template) else {
                // A concrete path (`/documents/d1`) names the endpoint it reaches: suggest its template.
                let reached = catalog.route(method: method, path: path).map { catalog.endpoints[$0.endpointIndex] }
                throw KeysmithError.unknownEndpoint(
                    "\(PrintableText.shown(method).uppercased()) \(template)",
                    template: reached?.signature)
            }
            if limit != nil && !endpoint.acceptsAPIKeys {
                throw KeysmithError.limitOnNoAPIKeyEndpoint(endpoint.signature)
            }
            try await tx.setRateLimit(limit, on: endpoint)
            try await tx.append(
                AuditEntry(
                    time: now, actor: actor, action: .endpointLimit, keyID: nil, outcome: .ok,
                    detail: .text("\(endpoint.signature): \(limit.map(\.description) ?? "no limit")")))
            return try await tx.catalog().endpoint(method: endpoint.method, template: template) ?? endpoint
        }
    }
}
