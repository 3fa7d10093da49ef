import HTTPTypes
public import Hummingbird
import KeysmithCore
import KeysmithStore

/// Verifies keysmith keys on every request through it (Docs: Verifying keys in your server): the
/// request rules of ``KeysmithAPIRules`` (Lucid's by default: the API version,
/// `Lucid-Api-Version: 1` or a `/v1/` prefix, and the mode, `Lucid-Request-As`), the secret in
/// `Authorization: Bearer`, then the key check for the request's method and path against a
/// `KeyService`. An allowed request goes on with a ``KeysmithIdentity`` in its context and
/// answers with `Keysmith-Key-Id` and `Keysmith-Key-Expires`; anything else is answered here
/// with a ``KeysmithDenial`` (status, headers, JSON body). Every check is audited by the
/// service, by key id; no secret reaches a response, a header or an error.
///
/// HEAD is checked as the GET it mirrors (unless the catalog has a HEAD endpoint at the path)
/// and its denials carry no body; OPTIONS needs no key and is answered here, 204 with `Allow`
/// (see ``optionsAnswer(_:)``).
///
/// ```swift
/// let router = Router(context: KeysmithContext.self)
/// router.group("api").add(middleware: KeysmithMiddleware(service: service, rules: .none))
///     .get("documents/{id}") { _, context in context.keysmithIdentity?.user.name ?? "" }
/// ```
public struct KeysmithMiddleware<Context: KeysmithRequestContext>: RouterMiddleware {
    /// The service whose store holds the keys and the catalog; every check is audited by it.
    public let service: KeyService
    /// A prefix that the router group adds to paths and the catalog does not know (`/api`);
    /// stripped before the check. Empty by default.
    public let mountPath: String
    /// How requests name the API version and the mode (``KeysmithAPIRules/lucid`` by default).
    public let rules: KeysmithAPIRules

    /// Batches the checks of concurrent requests into one transaction each, when given and
    /// running; otherwise each check is its own transaction.
    let groupCommit: GroupCommit?

    /// Runs a request's check in place of ``standardCheck(_:)``, for the serve application
    /// (its journal and forced outcomes); nil for everyone else.
    package var checkOverride: (@Sendable (CheckRequest, Request, Context) async throws -> CheckResult)?

    /// - Parameters:
    ///   - service: the key service whose store holds the keys and the catalog.
    ///   - mountPath: the prefix the router group adds (`/api`), stripped before the check.
    ///   - rules: how requests name the API version and the mode: Lucid's by default,
    ///     ``KeysmithAPIRules/none`` for an API of your own.
    ///   - groupCommit: a ``GroupCommit`` run in the application's service group, for a
    ///     database store under concurrent load (a memory store gains nothing from it).
    public init(
        service: KeyService, mountPath: String = "", rules: KeysmithAPIRules = .lucid,
        groupCommit: GroupCommit? = nil
    ) {
        self.service = service
        self.rules = rules
        self.groupCommit = groupCommit
        var mount = mountPath
        while mount.hasSuffix("/") { mount.removeLast() }
        if !mount.isEmpty && !mount.hasPrefix("/") { mount = "/" + mount }
        self.mountPath = mount
    }

    /// Answers OPTIONS itself (unless the catalog has an OPTIONS endpoint there, see ``optionsAnswer(_:)``); otherwise checks the request and throws a ``KeysmithDenial`` if refused, or calls `next` with the identity in the context and adds `Keysmith-Key-Id`, `Keysmith-Key-Expires` and, where they apply, `Keysmith-Key-Retires`, `Keysmith-Accepted-Grants` and the rate-limit fields to its response.
    public func handle(
        _ request: Request, context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if request.method == .options, let answer = try await optionsAnswer(request) { return answer }
        let identity = try await authorize(request, context: context)
        var context = context
        context.keysmithIdentity = identity
        var response = try await next(request, context)
        response.headers[KeysmithHeader.keyID] = identity.keyID.description
        response.headers[KeysmithHeader.keyExpires] = identity.expiration.description
        if let retires = identity.retiresAt { response.headers[KeysmithHeader.keyRetires] = retires.description }
        if !identity.acceptedGrants.isEmpty {
            response.headers[KeysmithHeader.acceptedGrants] = identity.acceptedGrants.joined(separator: ", ")
        }
        if let rateLimit = identity.rateLimit { RateLimitFields.add(rateLimit, to: &response.headers) }
        return response
    }

    /// The check for `request`: through the group commit when it runs, else alone.
    package func standardCheck(_ request: CheckRequest) async throws -> CheckResult {
        if let groupCommit { return try await groupCommit.check(request) }
        return try await service.check(request)
    }

    /// The identity an allowed request acts as; throws the ``KeysmithDenial`` otherwise.
    package func authorize(_ request: Request) async throws(KeysmithDenial) -> KeysmithIdentity {
        try await authorize(request, context: nil)
    }

    private func authorize(_ request: Request, context: Context?) async throws(KeysmithDenial) -> KeysmithIdentity {
        let path = try parsedPath(request)
        var mode = RequestMode.user
        if let header = rules.requestAsHeader {
            let modeValues = request.headers[values: header]
            guard let chosen = RequestMode(headerValues: modeValues) else { throw .badRequestAs(modeValues, header: header.canonicalName) }
            mode = chosen
        }
        let secret = try BearerCredential.token(in: request.headers[values: .authorization]).get()
        let method = try await checkedMethod(request, path: path.decoded)
        let result: CheckResult
        let checkRequest = CheckRequest(secret: secret, method: method, path: path.decoded, mode: mode)
        do {
            if let checkOverride, let context {
                result = try await checkOverride(checkRequest, request, context)
            } else {
                result = try await standardCheck(checkRequest)
            }
        } catch {
            if let denial = error as? KeysmithDenial { throw denial }
            throw .storeUnavailable(error)
        }
        if let denial = KeysmithDenial(result) { throw denial }
        guard let key = result.key, let endpoint = result.matchedEndpoint else {
            throw KeysmithDenial(statusCode: 500, code: "internal", message: "an allowed check named no key or endpoint")
        }
        return KeysmithIdentity(
            keyID: key.id, user: result.user ?? User(name: key.owner, role: .member), grants: result.grantNames,
            endpointTemplate: endpoint.path.description, method: endpoint.method,
            pathParameters: Self.parameters(of: endpoint.path, in: path.segments),
            expiration: key.expiration, retiresAt: key.retiresAt, resource: result.resource, mode: mode,
            acceptedGrants: endpoint.grantNames, rateLimit: result.rateLimit)
    }

    /// The template's parameters read off the request's segments (version prefix dropped).
    static func parameters(of template: PathTemplate, in segments: [Substring]) -> [String: String] {
        guard template.segments.count == segments.count else { return [:] }
        var found: [String: String] = [:]
        for (segment, value) in zip(template.segments, segments) {
            if case .parameter(let name) = segment { found[name] = String(value) }
        }
        return found
    }
}
