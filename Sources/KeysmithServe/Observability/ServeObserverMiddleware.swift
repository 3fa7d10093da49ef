import HTTPTypes
package import Hummingbird
package import KeysmithCore
import KeysmithHTTP

/// The outermost middleware of `keysmith serve`: gives every request its own
/// `Keysmith-Request-Id` (sent on every response, denials included, with the client's
/// well-formed `X-Request-Id` sent back beside it), and once it is answered
/// writes it to the request log, the journal and the metrics — each from the same facts (the
/// response's status and reason, and what the check found, from the request's
/// ``RequestRecord``). A denial thrown further in is turned into its response here, so it
/// carries the id too. Requests for `/_keysmith/` are logged but neither journaled nor
/// counted: a page polling the journal would otherwise fill it.
package struct ServeObserverMiddleware: RouterMiddleware {
    package typealias Context = ServeContext

    let log: RequestLog?
    let journal: RequestJournal?
    let metrics: ServeMetrics?
    let clock: any WallClock
    /// The admin token, never shown in a journalled path nor taken as a request id.
    let hidden: HiddenToken

    package init(
        log: RequestLog?, journal: RequestJournal?, metrics: ServeMetrics?, hidden: HiddenToken = .none,
        clock: any WallClock = SystemClock()
    ) {
        self.hidden = hidden
        self.log = log
        self.journal = journal
        self.metrics = metrics
        self.clock = clock
    }

    package func handle(
        _ request: Request, context: ServeContext,
        next: (Request, ServeContext) async throws -> Response
    ) async throws -> Response {
        let started = ContinuousClock.now
        let arrived = clock.now()
        let requestID = RequestID.fresh()
        let clientRequestID = RequestID.client(request.headers[values: Self.incomingRequestID]).flatMap { hidden.holds($0) ? nil : $0 }
        context.record.setRequestID(requestID, client: clientRequestID)
        var response: Response
        var detail: String?
        do {
            response = try await next(request, context)
        } catch let denial as KeysmithDenial {
            detail = denial.operatorDetail
            response = try denial.response(from: request, context: context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        // DESIGN §8: a well-formed incoming X-Request-Id is kept as the answer's request id;
        // the journal still gives the request an id of its own (unique), beside the client's.
        response.headers[KeysmithHeader.requestID] = clientRequestID ?? requestID
        let elapsed = ContinuousClock.now - started
        record(request, response, arrived: arrived, elapsed: elapsed, detail: detail, context: context)
        return response
    }

    private func record(
        _ request: Request, _ response: Response, arrived: Instant, elapsed: Duration, detail: String?,
        context: ServeContext
    ) {
        let facts = context.record.current
        let status = response.status.code
        let reason = response.headers[KeysmithHeader.denyReason] ?? (status < 400 ? "allow" : "-")
        // An answer that names no key (a forced 503 looks like a real one) still had its key checked.
        let keyID = response.headers[KeysmithHeader.keyID] ?? facts.checked?.keyID
        let (seconds, attoseconds) = elapsed.components
        let nanoseconds = seconds * 1_000_000_000 + attoseconds / 1_000_000_000
        if let log, log.format != .off {
            var entry = RequestLog.Entry(
                time: arrived, method: request.method.rawValue, path: request.uri.path, status: status,
                reason: reason, keyID: keyID, microseconds: nanoseconds / 1_000, detail: detail ?? facts.detail)
            entry.requestID = facts.requestID
            entry.clientRequestID = facts.clientRequestID
            entry.forced = facts.forced
            log.record(entry)
        }
        guard !AdminAPI.owns(request.uri.path) else { return }
        if let journal, journal.capacity > 0 {
            var entry = JournalEntry(
                requestID: facts.requestID, clientRequestID: facts.clientRequestID, time: arrived, storeTime: facts.checked?.storeTime,
                method: String(PrintableText.shown(request.method.rawValue).prefix(24)),
                // The reason and the key id are keysmith's own words (a code, a key id), never a client's.
                path: JournalEntry.shownPath(request.uri.path, hiding: hidden), status: status, reason: reason,
                keyID: keyID, keyName: facts.checked?.keyName,
                user: facts.checked?.user, endpoint: facts.checked?.endpoint,
                mode: facts.checked == nil ? nil : facts.mode.rawValue, forced: facts.forced,
                micros: nanoseconds / 1_000)
            // The check's sentence may name the path, admin token and all: hidden as the path is.
            entry.explanation = facts.checked?.explanation.map(hidden.hiding)
            entry.acceptedGrants = facts.checked?.acceptedGrants
            entry.keyGrants = facts.checked?.keyGrants
            entry.rateLimit = facts.checked?.rateLimit
            entry.responseHeaders = JournalEntry.recordedHeaders(response.headers)
            journal.add(entry)
        }
        if let metrics {
            metrics.answered(outcome: status < 400 ? "allow" : "deny", reason: reason, forced: facts.forced, took: nanoseconds)
            if let journal { metrics.journalHolds(journal.count) }
        }
    }

    static let incomingRequestID = HTTPField.Name("X-Request-Id")!
}
