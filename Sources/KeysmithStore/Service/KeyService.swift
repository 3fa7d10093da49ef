public import KeysmithCore

/// The one entry point to the key model, for every program that manages or checks keys.
///
/// Every operation is one store transaction, acts as a named user, enforces every rule of the
/// key model, returns typed results and throws ``KeysmithError`` with a plain-words message.
///
/// ```swift
/// let service = KeyService(store: MemoryStore())
/// let created = try await service.createKey(name: "ci", expires: .after(KeyDuration(seconds: 86_400)),
///                                           grants: ["DocumentReadonly"], actor: "me")
/// let result = try await service.check(secret: created.secret, method: "POST", path: "/documents/search")
/// ```
public final class KeyService: Sendable {
    /// The store every operation runs in, one transaction each.
    public let store: any KeyStore
    /// The session's clock, shared with whatever runs a session over this service. Built from
    /// the clock given at init (a ``SessionClock`` is used as it is; any other clock becomes
    /// the base of a new one).
    public let clock: SessionClock
    /// Where new secrets and key ids come from.
    public let random: any RandomSource
    /// The store, when it is a ``MemoryStore``: creating and checking keys then run without
    /// suspending (`KeyService+Synchronous`).
    let memoryStore: MemoryStore?

    /// A service over `store`, reading time from `clock` (wrapped in a ``SessionClock`` unless it is one) and drawing secrets from `random`.
    public init(store: any KeyStore, clock: any WallClock = SystemClock(), random: any RandomSource = SystemRandomSource()) {
        self.store = store
        self.clock = (clock as? SessionClock) ?? SessionClock(following: clock)
        self.random = random
        self.memoryStore = store as? MemoryStore
    }

    // MARK: Users

    /// The user named `name`, or `unknownUser` with a suggestion.
    public func user(named name: String) async throws -> User {
        try await store.read { try await Self.existingUser(name, in: $0) }
    }

    /// Every user of the account, in the order they were added.
    public func users() async throws -> [User] { try await store.read { try await $0.users() } }

    /// Adds a user, audited as `actor`. Throws on a bad name, an existing user, or a name that differs from one only in case.
    public func addUser(_ name: String, role: User.Role, actor: String) async throws -> User {
        if let problem = User.problem(withName: name) { throw KeysmithError.badUserName(name, problem) }
        let clock = self.clock
        return try await store.write { tx in
            let now = try await Self.moment(recordedIn: tx, clock: clock)
            guard try await tx.user(named: name) == nil else { throw KeysmithError.userExists(name) }
            if let taken = try await tx.users().first(where: { User.namesCollide($0.name, name) }) {
                throw KeysmithError.userNameTaken(name, existing: taken.name)
            }
            let user = User(name: name, role: role)
            try await tx.insert(user)
            try await tx.append(
                AuditEntry(time: now, actor: actor, action: .userAdd, keyID: nil, outcome: .ok, detail: .text("\(name) (\(role.rawValue))"))
            )
            return user
        }
    }

    static func existingUser(_ name: String, in tx: any StoreReader) async throws -> User {
        if let user = try await tx.user(named: name) { return user }
        throw KeysmithError.unknownUser(name, suggestion: Suggestions.closest(to: name, in: try await tx.users().map(\.name)))
    }

    // MARK: Documents and folders

    /// Every document and folder, with its shares.
    public func resources() async throws -> [Resource] { try await store.read { try await $0.resources() } }

    /// Adds a document or folder owned by `owner` (who must exist), audited as `actor`; throws on a bad or taken id.
    public func addResource(_ kind: ResourceKind, id: String, owner: String, actor: String) async throws -> Resource {
        if let problem = Resource.problem(withID: id, kind: kind) { throw KeysmithError.badResourceID(id, problem) }
        let clock = self.clock
        return try await store.write { tx in
            let now = try await Self.moment(recordedIn: tx, clock: clock)
            _ = try await Self.existingUser(owner, in: tx)
            guard try await tx.resource(kind, id: id) == nil else { throw KeysmithError.resourceExists(kind, id) }
            let resource = Resource(kind: kind, id: id, owner: owner)
            try await tx.insert(resource)
            try await tx.append(
                AuditEntry(time: now, actor: actor, action: .add(kind), keyID: nil, outcome: .ok, detail: .text("\(id) owned by \(owner)")))
            return resource
        }
    }

    /// Gives `user` a `view` or `edit` share of a document or folder (replacing an earlier one).
    public func share(_ kind: ResourceKind, id: String, with user: String, role: ShareRole, actor: String) async throws -> Resource {
        let clock = self.clock
        return try await store.write { tx in
            let now = try await Self.moment(recordedIn: tx, clock: clock)
            guard var resource = try await tx.resource(kind, id: id) else { throw KeysmithError.unknownResource(kind, id) }
            _ = try await Self.existingUser(user, in: tx)
            guard resource.owner != user else { throw KeysmithError.shareWithOwner(kind, id, user: user) }
            try await tx.setShare(kind, id: id, user: user, role: role)
            resource.shares[user] = role
            try await tx.append(
                AuditEntry(
                    time: now, actor: actor, action: .share(kind), keyID: nil, outcome: .ok,
                    detail: .text("\(id) \(role.rawValue) for \(user)")))
            return resource
        }
    }

    // MARK: Catalog

    /// The store's catalog as it stands, custom endpoints and limits included.
    public func catalog() async throws -> Catalog { try await store.read { try await $0.catalog() } }

    /// Adds an endpoint to the store's catalog, from the words a script writes: the path and the
    /// access rule as text (`/reports/{id}`, `view document id`). See the typed overload.
    public func addEndpoint(
        method: String, path: String, grants: [String], access: String?, acceptsAPIKeys: Bool,
        actor: String
    ) async throws -> Endpoint {
        let template = try PathTemplate(parsing: path)
        let rule = try access.map { text throws(KeysmithError) in try AccessRule.parse(text, template: template) } ?? .none
        return try await addEndpoint(
            method: method, path: template, grants: grants, access: rule,
            acceptsAPIKeys: acceptsAPIKeys, actor: actor)
    }

    /// Adds an endpoint to the store's catalog; grants it names join the grant list. The path
    /// starts after the API version (every endpoint answers under `/v1/` and without a prefix).
    public func addEndpoint(
        method: String, path template: PathTemplate, grants: [String], access: AccessRule = .none,
        acceptsAPIKeys: Bool = true, actor: String
    ) async throws -> Endpoint {
        if let version = Catalog.versionPrefix(of: template) {
            throw KeysmithError.badPath(
                template.description,
                "give the path without its API version (/v\(version)/…): every endpoint answers under /v1/ and without a prefix by itself")
        }
        if case .literal(let first)? = template.segments.first, first == Catalog.reservedSegment {
            throw KeysmithError.badPath(
                template.description,
                "paths under /\(Catalog.reservedSegment)/ are reserved for keysmith's own admin API; choose another first segment"
            )
        }
        if !acceptsAPIKeys && !grants.isEmpty {
            throw KeysmithError.noAPIKeyEndpointWithGrants("\(method.uppercased()) \(template)")
        }
        // Only here: an imported operation may accept any grant, a typed-in endpoint names them.
        if acceptsAPIKeys && grants.isEmpty && Catalog.methods.contains(method.uppercased()) {
            throw KeysmithError.endpointNeedsGrants("\(method.uppercased()) \(template)")
        }
        let endpoint = try Endpoint(
            method: method.uppercased(), path: template, acceptsAPIKeys: acceptsAPIKeys,
            grantNames: grants, access: access, isCustom: true)
        let clock = self.clock
        return try await store.write { tx in
            let now = try await Self.moment(recordedIn: tx, clock: clock)
            try await tx.insertCustomEndpoint(endpoint)
            try await tx.append(
                AuditEntry(time: now, actor: actor, action: .endpointAdd, keyID: nil, outcome: .ok, detail: .text(endpoint.signature)))
            return endpoint
        }
    }

    // MARK: Audit

    /// The newest `limit` audit entries (all when nil), oldest first.
    public func auditLog(limit: Int? = nil) async throws -> [AuditEntry] {
        try await store.read { tx in try await tx.auditLog(limit: limit) }
    }
}
