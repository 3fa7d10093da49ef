import HTTPTypes
package import Hummingbird
import HummingbirdCore
import KeysmithCore
package import KeysmithHTTP
package import KeysmithStore
import Logging
import NIOCore
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `keysmith serve` application (README: Serving keys over HTTP): `GET /healthz` without a key, and every other
/// request through ``KeysmithMiddleware`` against the store's whole catalog (custom endpoints
/// included, read at each check, so endpoints added by another process are served at once).
/// An allowed request answers 200 with JSON: the document, folder or user profile it is about,
/// or else the decision (endpoint, key id, user).
///
/// The chain, outermost first: ``ServeObserverMiddleware`` (request id, log, journal, metrics),
/// ``HealthCheckMiddleware``, ``AdminMiddleware`` (everything under `/_keysmith/`, before any
/// key is asked for), then ``KeysmithMiddleware`` running ``ServeCheck`` (the real check, or a
/// forced answer with `Prefer`).
package enum KeysmithServer {
    /// The router of the serve application, for `serve` and for in-process tests.
    /// - Parameters:
    ///   - service: the key service the requests are checked against.
    ///   - log: the request log, or nil for none.
    ///   - groupCommit: batches concurrent checks (``GroupCommit``); it must run in the same
    ///     service group as the server.
    ///   - features: the journal, metrics, `Prefer` and admin API (``ServeFeatures``).
    package static func router(
        service: KeyService, log: RequestLog? = nil, groupCommit: GroupCommit? = nil,
        features: ServeFeatures = ServeFeatures()
    ) -> Router<ServeContext> {
        let router = Router(context: ServeContext.self)
        router.add(
            middleware: ServeObserverMiddleware(
                log: log.map { $0.hiding(features.adminAccess.hidden) }, journal: features.journal, metrics: features.metrics,
                hidden: features.adminAccess.hidden))
        router.add(middleware: HealthCheckMiddleware())
        router.add(
            middleware: AdminMiddleware(
                access: features.adminAccess,
                resources: .init(
                    service: service, journal: features.journal, metrics: features.metrics, reset: features.reset,
                    streamHeartbeat: features.streamHeartbeat)))
        var keys = KeysmithMiddleware<ServeContext>(service: service, rules: features.rules, groupCommit: groupCommit)
        let standard = keys
        let hidden = features.adminAccess.hidden
        let check = ServeCheck(
            service: service, allowPrefer: features.allowPrefer, metrics: features.metrics,
            measuresTransactions: groupCommit == nil,
            standard: { request in
                // The admin token pasted into a path is cut from the store's audit entry too.
                try await standard.standardCheck(hidden.holds(request.path) ? request.auditing(path: hidden.hiding(request.path)) : request)
            })
        keys.checkOverride = { request, httpRequest, context in try await check.run(request, httpRequest, context) }
        router.add(middleware: keys)
        for method in Catalog.methods {
            guard let method = HTTPRequest.Method(method) else { continue }
            router.on("/", method: method) { request, context in try allowedResponse(request, context) }
            router.on("**", method: method) { request, context in try allowedResponse(request, context) }
        }
        return router
    }

    /// The 200 answer for an allowed request: see ``AllowedBody``; to HEAD, without the body.
    static func allowedResponse(_ request: Request, _ context: ServeContext) throws -> Response {
        guard let identity = context.keysmithIdentity else {
            throw KeysmithDenial(statusCode: 500, code: "internal", message: "no identity on an allowed request")
        }
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        let response = Response(
            status: .ok, headers: headers,
            body: .init(byteBuffer: ByteBuffer(string: AllowedBody.json(for: identity))))
        return request.method == .head ? response.createHeadResponse() : response
    }

    /// Bounded headers (8 KB a field, 32 KB in all, 100 fields: a longer request is refused by the
    /// parser with 431, see ``ParserRefusalHandler``, and its connection closed) and an idle timeout, so a slow or half-closed client
    /// holds a connection for 30 seconds at most and never another client.
    static let httpConfiguration = HTTP1Channel.Configuration(
        idleTimeout: .seconds(30),
        httpDecoderConfiguration: .init(maxHeaderFieldSize: 8 * 1024, maxHeaderListSize: 32 * 1024, maxHeaderFieldCount: 100))

    /// Serves `service` on `host:port` until SIGINT or SIGTERM, then stops accepting, finishes
    /// requests in flight and returns. `listening` is called once the socket is bound, with
    /// the address to print (`http://127.0.0.1:8080`; the real port when `port` is 0).
    /// Throws ``ServeError/cannotListen(host:port:reason:)`` when the address cannot be bound.
    package static func run(
        service: KeyService, host: String, port: Int, log: RequestLog,
        features: ServeFeatures = ServeFeatures(),
        listening: @escaping @Sendable (String) -> Void
    ) async throws(ServeError) {
        let started = Atomic<Bool>(false)
        let shownHost = host.contains(":") ? "[\(host)]" : host
        // A database store answers a batch of checks in a fixed number of statements, so
        // concurrent checks go to it together; the memory store decides in place, and gains
        // nothing from waiting.
        let metrics = features.metrics
        let inMemory = service.store is MemoryStore || service.store is ResettableMemoryStore
        let groupCommit =
            inMemory
            ? nil
            : GroupCommit(service: service) { size, took in
                metrics?.transaction(size: size, took: took)
            }
        var app = Application(
            router: router(service: service, log: log.format == .off ? nil : log, groupCommit: groupCommit, features: features),
            server: .keysmithHTTP1(configuration: httpConfiguration, log: log.format == .off ? nil : log),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                started.store(true, ordering: .sequentiallyConsistent)
                listening("http://\(shownHost):\(channel.localAddress?.port ?? port)")
            },
            logger: Logger(label: "keysmith.serve", factory: { _ in SwiftLogNoOpLogHandler() }))
        if let groupCommit { app.addServices(groupCommit) }
        do {
            try await app.runService()
        } catch {
            if started.load(ordering: .sequentiallyConsistent) { throw .failed(ServeError.describe(error)) }
            throw .cannotListen(host: host, port: port, reason: ServeError.describe(error))
        }
        if !started.load(ordering: .sequentiallyConsistent) {
            throw .cannotListen(host: host, port: port, reason: "the server stopped before it was listening")
        }
    }
}

/// Why `serve` could not run, in plain words.
package enum ServeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The address could not be bound (in use, not an address of this machine, not resolvable).
    case cannotListen(host: String, port: Int, reason: String)
    /// The server failed after it started.
    case failed(String)

    package var description: String {
        switch self {
        case .cannotListen(let host, let port, let reason):
            return "cannot listen on \(PrintableText.shown(host)):\(port): \(reason)"
        case .failed(let reason):
            return "the server stopped: \(reason)"
        }
    }

    /// A NIO or resolver error in lower-case plain words.
    static func describe(_ error: any Error) -> String {
        if let io = error as? IOError {
            return String(cString: strerror(io.errnoCode)).lowercased()
        }
        if let address = error as? SocketAddressError {
            switch address {
            case .unknown(let host, _): return "no such host \"\(PrintableText.shown(host))\""
            default: return PrintableText.shown("\(address)")
            }
        }
        return PrintableText.shown("\(error)")
    }
}
