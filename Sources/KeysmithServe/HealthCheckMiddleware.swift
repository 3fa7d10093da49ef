import HTTPTypes
package import Hummingbird
import KeysmithHTTP

/// Answers `GET /healthz` with 200 `ok` before any key check: the server's liveness, and the
/// baseline the benchmark compares key checks with.
package struct HealthCheckMiddleware<Context: RequestContext>: RouterMiddleware {
    package init() {}

    package func handle(
        _ request: Request, context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard request.method == .get || request.method == .head, request.uri.path == "/healthz" else {
            return try await next(request, context)
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        let response = Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: "ok")))
        return request.method == .head ? response.createHeadResponse() : response
    }
}
