import Hummingbird
import KeysmithHTTP

/// Keeps a denial's ``KeysmithDenial/operatorDetail`` (why a reset's setup script failed, which
/// store failed) in the request's ``RequestRecord`` for the log line. Needed on the admin
/// router: its responder turns a thrown denial into a response before the observer, outside
/// it, could read the detail from the error.
struct OperatorDetailMiddleware: RouterMiddleware {
    typealias Context = ServeContext

    func handle(
        _ request: Request, context: ServeContext,
        next: (Request, ServeContext) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            if let denial = error as? KeysmithDenial, let detail = denial.operatorDetail { context.record.setDetail(detail) }
            throw error
        }
    }
}
