import KeysmithHTTP
import HTTPTypes
import Hummingbird
import KeysmithCore

/// Records every request that passes through it in a ``RequestLog``: status, reason and key id
/// are read off the response (or the ``KeysmithDenial`` thrown in its place), the time taken
/// is measured around the rest of the chain.
package struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    package let log: RequestLog
    let clock: any WallClock

    package init(log: RequestLog, clock: any WallClock = SystemClock()) {
        self.log = log
        self.clock = clock
    }

    package func handle(_ request: Request, context: Context,
                       next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var entry = RequestLog.Entry(time: clock.now(), method: request.method.rawValue, path: request.uri.path,
                                     status: 500, reason: "-", keyID: nil, microseconds: 0)
        do {
            let response = try await next(request, context)
            entry.status = response.status.code
            entry.reason = response.headers[KeysmithHeader.denyReason] ?? (response.status.code < 400 ? "allow" : "-")
            entry.keyID = response.headers[KeysmithHeader.keyID]
            entry.microseconds = Self.microseconds(since: started)
            log.record(entry)
            return response
        } catch let denial as KeysmithDenial {
            entry.status = denial.statusCode
            entry.reason = denial.code
            entry.keyID = denial.keyID?.description
            entry.detail = denial.operatorDetail
            entry.microseconds = Self.microseconds(since: started)
            log.record(entry)
            throw denial
        } catch let error as any HTTPResponseError {
            entry.status = error.status.code
            entry.microseconds = Self.microseconds(since: started)
            log.record(entry)
            throw error
        } catch {
            entry.microseconds = Self.microseconds(since: started)
            log.record(entry)
            throw error
        }
    }

    static func microseconds(since start: ContinuousClock.Instant) -> Int64 {
        let elapsed = ContinuousClock.now - start
        let (seconds, attoseconds) = elapsed.components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }
}
