package import KeysmithCore
package import KeysmithStore
import Synchronization

/// What the serve application learned about one request while answering it, for its journal
/// entry, log line and metrics: its id, and what its check found (or that its answer was
/// forced). Filled in along the chain, read by ``ServeObserverMiddleware`` once the request
/// is answered.
package final class RequestRecord: Sendable {
    package struct State: Sendable {
        /// `Keysmith-Request-Id`.
        package var requestID = ""
        /// The client's well-formed `X-Request-Id`.
        package var clientRequestID: String?
        /// What the check found (a real one, or the one a forced answer stands for): only what
        /// the journal shows, so a request copies no whole `CheckResult`.
        package var checked: Checked?
        package var mode: RequestMode = .user
        /// `Prefer` (`serve --allow-prefer`) shaped the answer: forced its outcome, or delayed
        /// the real one.
        package var forced = false
        /// Why the server could not answer, for the log line only (a denial's operator detail
        /// that a responder turned into a response on the way out).
        package var detail: String?
    }

    /// The journal's view of a check.
    package struct Checked: Sendable {
        package let storeTime: Instant?
        /// The key's id, for an answer that does not send it (a forced 503, a `bad_prefer`).
        package let keyID: String?
        package let keyName: String?
        package let user: String?
        package let endpoint: String?
        /// The grants the matched endpoint accepts (any one of them will do).
        package let acceptedGrants: [String]?
        /// The grants the key holds, in catalog order.
        package let keyGrants: [String]?
        /// The check's explanation sentence, for a denial only (an allowed request pays nothing for it).
        package let explanation: String?
        /// The endpoint's rate-limit window as the check left it.
        package let rateLimit: RateLimitStatus?
    }

    private let state = Mutex(State())

    package init() {}

    package var current: State { state.withLock { $0 } }

    package func setRequestID(_ id: String, client: String?) {
        state.withLock {
            $0.requestID = id
            $0.clientRequestID = client
        }
    }

    package func setDetail(_ detail: String) {
        state.withLock { $0.detail = detail }
    }

    /// What `result` found; `explanation` in place of the check's own (why a `Prefer` header
    /// was refused after the key was checked).
    package func record(_ result: CheckResult?, mode: RequestMode, forced: Bool, explanation: String? = nil) {
        let checked = result.map { result in
            Checked(
                storeTime: result.checkedAt, keyID: result.key?.id.description, keyName: result.key.map { PrintableText.shown($0.name) },
                user: result.user?.name ?? result.key?.owner, endpoint: result.endpoint,
                acceptedGrants: result.matchedEndpoint?.grantNames,
                keyGrants: result.key == nil ? nil : result.grantNames,
                explanation: explanation ?? (result.decision.isAllowed ? nil : result.explanation),
                rateLimit: result.rateLimit)
        }
        state.withLock {
            $0.checked = checked
            $0.mode = mode
            $0.forced = forced
        }
    }
}
