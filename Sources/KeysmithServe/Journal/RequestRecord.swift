import KeysmithCore
import KeysmithStore
import Synchronization

/// What the serve application learned about one request while answering it, for its journal
/// entry, log line and metrics: its id, and what its check found (or that its answer was
/// forced). Filled in along the chain, read by ``ServeObserverMiddleware`` once the request
/// is answered.
package final class RequestRecord: Sendable {
    package struct State: Sendable {
        /// `Keysmith-Request-Id`.
        package var requestID = ""
        /// The check's result (a real one, or the one a forced answer stands for).
        package var result: CheckResult?
        package var mode: RequestMode = .user
        /// The answer was forced by `Prefer` (`serve --allow-prefer`), not decided by a check.
        package var forced = false
    }

    private let state = Mutex(State())

    package init() {}

    package var current: State { state.withLock { $0 } }

    package func setRequestID(_ id: String) { state.withLock { $0.requestID = id } }

    package func record(_ result: CheckResult?, mode: RequestMode, forced: Bool) {
        state.withLock {
            $0.result = result
            $0.mode = mode
            $0.forced = forced
        }
    }
}
