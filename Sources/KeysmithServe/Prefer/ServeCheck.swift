import Hummingbird
import KeysmithCore
import KeysmithHTTP
import KeysmithStore
import ServiceLifecycle

/// The check of `keysmith serve`, run by ``KeysmithMiddleware`` in place of its own: the real
/// check, whose result goes to the request's ``RequestRecord`` (for the journal) and the
/// metrics; or, with `--allow-prefer` and a `Prefer` header, a forced answer (``Preference``).
///
/// A forced answer still authenticates the key: the check is previewed (decided on a read of
/// the store, changing nothing: no audit entry, no rate count), and only a live key's answer
/// is replaced; an unknown, deleted or expired key gets its real check and its real answer —
/// also when its `Prefer` header cannot be read, which a live key's request is refused for
/// (400 `bad_prefer`), as is a reason that could never be this key's on this endpoint
/// (``CheckResult/impossibility(of:)``).
struct ServeCheck: Sendable {
    let service: KeyService
    let allowPrefer: Bool
    let metrics: ServeMetrics?
    /// The group commit's own batches are measured by it; without one, each check is its own
    /// store transaction and is measured here.
    let measuresTransactions: Bool

    /// The standard check (through the group commit when there is one).
    let standard: @Sendable (CheckRequest) async throws -> CheckResult

    func run(_ check: CheckRequest, _ request: Request, _ context: ServeContext) async throws -> CheckResult {
        var preference = Preference()
        if allowPrefer {
            do {
                preference = try Preference.parse(request.headers[values: Preference.header])
            } catch {
                // The key first: only a live key's request learns its Prefer was wrong.
                let preview = try await service.previewCheck(secret: check.secret, method: check.method, path: check.path, mode: check.mode)
                if Self.isLive(preview) {
                    context.record.record(preview, mode: check.mode, forced: false, explanation: error.message)
                    throw error
                }
            }
        }
        // A forced delay gives way to a graceful shutdown: SIGTERM does not wait for it.
        if let delay = preference.delay { try? await cancelWhenGracefulShutdown { try await Task.sleep(for: delay) } }
        if let outcome = preference.outcome, let forced = try await forced(outcome, check, context) { return forced }
        let started = ContinuousClock.now
        let result = try await standard(check)
        if measuresTransactions { metrics?.transaction(size: 1, took: ContinuousClock.now - started) }
        metrics?.checked(outcome: result.allowed ? "allow" : "deny", reason: result.decision.reason?.rawValue ?? "allow")
        // A delay alone still gives the real answer, but Prefer shaped it (its timing): marked forced.
        context.record.record(result, mode: check.mode, forced: preference.delay != nil)
        return result
    }

    /// The forced answer for a live key; nil (run the real check) for any other.
    private func forced(_ outcome: Preference.Outcome, _ check: CheckRequest, _ context: ServeContext) async throws -> CheckResult? {
        let preview = try await service.previewCheck(secret: check.secret, method: check.method, path: check.path, mode: check.mode)
        guard Self.isLive(preview) else { return nil }
        switch outcome {
        case .storeUnavailable:
            // A real store failure's answer names no key, nor does this one; the journal and the
            // log still name the key that was checked.
            context.record.record(preview, mode: check.mode, forced: true)
            throw ForcedStoreFailure()
        case .reason(let reason):
            if let impossible = preview.impossibility(of: reason) {
                throw refused("Prefer: reason=\(reason) cannot happen here: \(impossible)", preview, check, context)
            }
            guard let forced = preview.forcing(reason, method: check.method, path: check.path, mode: check.mode) else {
                throw refused("Prefer: reason=\(reason) cannot be forced on this request", preview, check, context)
            }
            context.record.record(forced, mode: check.mode, forced: true)
            return forced
        }
    }
}

extension ServeCheck {
    /// A 400 `bad_prefer` saying `message`; the journal names the key checked and says why.
    func refused(_ message: String, _ preview: CheckResult, _ check: CheckRequest, _ context: ServeContext) -> KeysmithDenial {
        context.record.record(preview, mode: check.mode, forced: false, explanation: message)
        return KeysmithDenial(statusCode: 400, code: "bad_prefer", message: message)
    }

    /// Whether the previewed check found a live key (not unknown, deleted or expired).
    static func isLive(_ preview: CheckResult) -> Bool {
        preview.user != nil && preview.decision != .deny(.expired)
    }
}

/// The failure a forced `Prefer: code=503` stands for: the middleware answers it as any store
/// failure (503 `store_unavailable`); the operator's log says it was forced.
struct ForcedStoreFailure: Error, CustomStringConvertible {
    var description: String { "forced by Prefer: code=503" }
}
