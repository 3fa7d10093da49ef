import HTTPTypes
package import Hummingbird
import KeysmithCore
import KeysmithHTTP
import KeysmithOpenAPI
package import KeysmithStore
import NIOCore

/// keysmith's own routes under `/_keysmith/` (DESIGN §8; no catalog path may use the prefix):
/// the inspector page (`GET /_keysmith/`), the request journal, the keys, the catalog and its
/// OpenAPI description, the metrics and the reset of a memory store.
/// ``routes(_:)`` is the one place they are registered; a new admin route goes there.
package enum AdminAPI {
    package static let prefix = "/_keysmith"

    /// Whether `path` (as received) is keysmith's own.
    package static func owns(_ path: String) -> Bool {
        path == prefix || path.hasPrefix(prefix + "/")
    }

    /// What the admin routes answer from.
    package struct Resources: Sendable {
        package let service: KeyService
        package let journal: RequestJournal?
        package let metrics: ServeMetrics?
        /// Starts a `--memory` server afresh and answers the setup transcript; nil on a
        /// persistent store (`POST /_keysmith/reset` is then a 409).
        package let reset: (@Sendable () async throws -> String)?

        package init(
            service: KeyService, journal: RequestJournal?, metrics: ServeMetrics?,
            reset: (@Sendable () async throws -> String)? = nil
        ) {
            self.service = service
            self.journal = journal
            self.metrics = metrics
            self.reset = reset
        }
    }

    /// The admin router: every `/_keysmith/` route.
    package static func routes(_ resources: Resources) -> Router<ServeContext> {
        let router = Router(context: ServeContext.self)
        router.get(RouterPath(prefix + "/")) { _, _ in InspectorPage.response() }
        let admin = router.group(RouterPath(prefix))
        admin.get("requests") { request, _ in try JournalRoutes.list(request, journal: resources.journal) }
        admin.delete("requests") { _, _ in JournalRoutes.clear(resources.journal) }
        admin.get("requests/stream") { _, _ in try JournalRoutes.stream(resources.journal) }
        admin.get("keys") { _, _ in try await InventoryRoutes.keys(resources.service) }
        admin.get("catalog") { _, _ in try await InventoryRoutes.catalog(resources.service) }
        admin.get("openapi.json") { _, _ in try await openAPIDescription(resources.service) }
        admin.get("metrics") { _, _ in try metricsText(resources.metrics) }
        admin.post("reset") { _, _ in try await ResetRoute.reset(resources) }
        return router
    }

    /// The served catalog as OpenAPI 3.1 (DESIGN §9): what the server's denials follow.
    static func openAPIDescription(_ service: KeyService) async throws -> Response {
        let text: String
        do {
            text = try await service.openAPIDescription()
        } catch {
            throw KeysmithDenial.storeUnavailable(error)
        }
        return json(text)
    }

    static func metricsText(_ metrics: ServeMetrics?) throws -> Response {
        guard let metrics else {
            throw KeysmithDenial(statusCode: 404, code: "not_found", message: "this server keeps no metrics")
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: metrics.prometheusText())))
    }

    /// A 200 JSON answer.
    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// Answers `/_keysmith/` requests before the key check: from loopback peers (or with the
/// admin token, ``AdminAccess``) through ``AdminAPI/routes(_:)``; a 403 to anyone else; a 404
/// with the usual JSON body for a path it does not have. Other requests go on.
package struct AdminMiddleware: RouterMiddleware {
    package typealias Context = ServeContext

    let access: AdminAccess
    let responder: RouterResponder<ServeContext>

    package init(access: AdminAccess, resources: AdminAPI.Resources) {
        self.access = access
        self.responder = AdminAPI.routes(resources).buildResponder()
    }

    package func handle(
        _ request: Request, context: ServeContext,
        next: (Request, ServeContext) async throws -> Response
    ) async throws -> Response {
        guard AdminAPI.owns(request.uri.path) else { return try await next(request, context) }
        if let refusal = access.refusal(authorization: request.headers[values: .authorization], peer: context.remoteAddress) {
            throw refusal
        }
        let notFound = KeysmithDenial(
            statusCode: 404, code: "not_found",
            message: "no admin route \(KeysmithDenial.excerpt(request.method.rawValue)) \(KeysmithDenial.excerpt(request.uri.path))")
        let response: Response
        do {
            response = try await responder.respond(to: request, context: context)
        } catch {
            guard let http = error as? HTTPError, http.status == .notFound || http.status == .methodNotAllowed else { throw error }
            throw notFound
        }
        // The admin router's own answer to a path it lacks is a bare 404: the routes never
        // return one (they throw their denials).
        if response.status == .notFound { throw notFound }
        return response
    }
}
