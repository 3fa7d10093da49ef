import HTTPTypes
package import Hummingbird
import KeysmithCore
import KeysmithHTTP
import KeysmithOpenAPI
package import KeysmithStore
import NIOCore

/// keysmith's own routes under `/_keysmith/` (DESIGN §8; no catalog path may use the prefix):
/// the inspector page (`GET /_keysmith/`), the request journal, the keys, the limits' current
/// windows, the catalog and its OpenAPI description, the metrics and the reset of a memory
/// store. ``routes(_:)`` is the one place they are registered, from ``methods``; a new admin
/// route goes in both. As on the API's routes, HEAD works wherever GET does (without the
/// body) and OPTIONS answers 204 with `Allow`; another method on an admin path is a 405 with
/// `Allow` (``AdminMiddleware``).
package enum AdminAPI {
    package static let prefix = "/_keysmith"

    /// Whether `path` (as received) is keysmith's own.
    package static func owns(_ path: String) -> Bool {
        path == prefix || path.hasPrefix(prefix + "/")
    }

    /// Every admin path (after the prefix) and the methods it answers, besides HEAD (wherever
    /// GET) and OPTIONS.
    package static let methods: [String: [HTTPRequest.Method]] = [
        "/": [.get], "/requests": [.get, .delete], "/requests/stream": [.get], "/keys": [.get],
        "/catalog": [.get], "/limits": [.get], "/openapi.json": [.get], "/metrics": [.get], "/reset": [.post],
    ]

    /// The methods `path` (as received) answers, HEAD and OPTIONS included, in `Allow`'s
    /// order; nil for a path that is not an admin route.
    static func allowedMethods(at path: String) -> [HTTPRequest.Method]? {
        guard owns(path), let methods = methods[String(path.dropFirst(prefix.count))] else { return nil }
        return methods + (methods.contains(.get) ? [.head] : []) + [.options]
    }

    /// What the admin routes answer from.
    package struct Resources: Sendable {
        package let service: KeyService
        package let journal: RequestJournal?
        package let metrics: ServeMetrics?
        /// Starts a `--memory` server afresh and answers the setup transcript; nil on a
        /// persistent store (`POST /_keysmith/reset` is then a 409).
        package let reset: (@Sendable () async throws -> String)?
        /// How often the journal's stream writes a comment when nothing else happens.
        package let streamHeartbeat: Duration

        package init(
            service: KeyService, journal: RequestJournal?, metrics: ServeMetrics?,
            reset: (@Sendable () async throws -> String)? = nil, streamHeartbeat: Duration = .seconds(15)
        ) {
            self.service = service
            self.journal = journal
            self.metrics = metrics
            self.reset = reset
            self.streamHeartbeat = streamHeartbeat
        }
    }

    /// The admin router: every `/_keysmith/` route, each GET route for HEAD too (the
    /// middleware drops the body).
    package static func routes(_ resources: Resources) -> Router<ServeContext> {
        let router = Router(context: ServeContext.self)
        router.add(middleware: OperatorDetailMiddleware())
        let get: [String: @Sendable (Request) async throws -> Response] = [
            "/": { _ in InspectorPage.response() },
            "/requests": { request in try JournalRoutes.list(request, journal: resources.journal) },
            "/requests/stream": { request in
                try JournalRoutes.stream(request, journal: resources.journal, heartbeat: resources.streamHeartbeat)
            },
            "/keys": { _ in try await InventoryRoutes.keys(resources.service) },
            "/catalog": { _ in try await InventoryRoutes.catalog(resources.service) },
            "/limits": { _ in try await InventoryRoutes.limits(resources.service) },
            "/openapi.json": { _ in try await openAPIDescription(resources.service) },
            "/metrics": { _ in try metricsText(resources.metrics) },
        ]
        for (path, handler) in get {
            // Only the journal's routes take parameters (``JournalQuery``); the others refuse any.
            let takesQuery = path.hasPrefix("/requests")
            let checked: @Sendable (Request) async throws -> Response = { request in
                if !takesQuery { try AdminQuery.none(request, route: "GET \(prefix + path)") }
                return try await handler(request)
            }
            router.get(RouterPath(prefix + path)) { request, _ in try await checked(request) }
            router.head(RouterPath(prefix + path)) { request, _ in try await checked(request) }
        }
        router.delete(RouterPath(prefix + "/requests")) { request, _ in
            try AdminQuery.none(request, route: "DELETE \(prefix)/requests")
            return try JournalRoutes.clear(resources.journal, metrics: resources.metrics)
        }
        router.post(RouterPath(prefix + "/reset")) { request, _ in
            try AdminQuery.none(request, route: "POST \(prefix)/reset")
            return try await ResetRoute.reset(resources)
        }
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
    /// `Host`, which HTTPTypes offers only as the request's authority.
    private static let hostField = HTTPField.Name("Host")!

    package init(access: AdminAccess, resources: AdminAPI.Resources) {
        self.access = access
        self.responder = AdminAPI.routes(resources).buildResponder()
    }

    package func handle(
        _ request: Request, context: ServeContext,
        next: (Request, ServeContext) async throws -> Response
    ) async throws -> Response {
        guard AdminAPI.owns(request.uri.path) else { return try await next(request, context) }
        if let refusal = access.refusal(
            authorization: request.headers[values: .authorization], peer: context.remoteAddress,
            // NIO moves the first Host into the authority; any further one stays a header.
            host: (request.head.authority.map { [$0] } ?? []) + request.headers[values: Self.hostField],
            origin: request.headers[values: .origin])
        {
            throw refusal
        }
        guard let allowed = AdminAPI.allowedMethods(at: request.uri.path) else {
            throw KeysmithDenial(
                statusCode: 404, code: "not_found",
                message: "no admin route \(KeysmithDenial.excerpt(request.method.rawValue)) \(KeysmithDenial.excerpt(request.uri.path))")
        }
        let allow = allowed.map(\.rawValue).joined(separator: ", ")
        if request.method == .options {
            var headers = HTTPFields()
            headers[.allow] = allow
            return Response(status: .noContent, headers: headers)
        }
        guard allowed.contains(request.method) else {
            let method = KeysmithDenial.excerpt(request.method.rawValue)
            let denial = KeysmithDenial(
                statusCode: 405, code: "method_not_allowed",
                message: "\(KeysmithDenial.excerpt(request.uri.path)) answers \(allow), not \(method)")
            var response = try denial.response(from: request, context: context)
            response.headers[.allow] = allow
            return response
        }
        let response = try await responder.respond(to: request, context: context)
        return request.method == .head ? Self.headResponse(response) : response
    }

    /// The GET's answer without its body. A body of unknown length (the journal's stream)
    /// keeps the GET's framing (no `Content-Length`: HTTP/1.1 sends it chunked, and NIO
    /// writes no body to a HEAD); `createHeadResponse()` would announce `Content-Length: 0`.
    static func headResponse(_ response: Response) -> Response {
        guard response.body.contentLength == nil else { return response.createHeadResponse() }
        return Response(status: response.status, headers: response.headers, body: ResponseBody { writer in try await writer.finish(nil) })
    }
}
