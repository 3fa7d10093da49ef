import KeysmithStore
public import ServiceLifecycle
import Synchronization

/// Group commit for key checks (Docs: The check), as one long-lived service of the server's
/// service group: checks that arrive while a batch is being written wait together in a queue
/// and go to the store as the next batch (`KeyService.checks(_:)`: one load, one decision,
/// one write), so a busy server costs one store transaction per batch, not per request.
/// Every caller resumes after the transaction holding its own check (its `lastUsedAt` and
/// audit entry) has committed: no audit entry is dropped or written after its response. When
/// a batch fails, the checks queued behind it fail with it: a request waits for at most one
/// store deadline, not one per batch ahead of it.
///
/// Run it in the same service group as the HTTP server, after it (a graceful shutdown stops
/// the server first, so the requests still in flight are written before the queue stops).
/// While it is not running — before `run()`, after it returns, or never run by an embedder —
/// each check goes to the store alone.
public final class GroupCommit: Service, Sendable {
    private struct Waiting: Sendable {
        let request: CheckRequest
        let continuation: CheckedContinuation<CheckResult, any Error>
    }

    private struct State: Sendable {
        /// Checks waiting for the next batch, oldest first from `head` (a queue that does not
        /// move its elements).
        var pending: [Waiting] = []
        var head = 0
        var running = false
        /// The run loop, parked until a check arrives or the service stops.
        var parked: CheckedContinuation<Void, Never>?
        var stopping = false
    }

    let service: KeyService
    /// Most checks written in one transaction.
    let maximumBatch: Int
    private let state = Mutex(State())

    /// Told each batch's size and how long its store transaction took (for metrics).
    let observeBatch: (@Sendable (_ size: Int, _ took: Duration) -> Void)?

    /// A group commit over `service` that writes at most `maximumBatch` checks per transaction
    /// (a value below 1 counts as 1: every batch carries at least one check).
    public init(service: KeyService, maximumBatch: Int = 256) {
        self.service = service
        self.maximumBatch = max(1, maximumBatch)
        self.observeBatch = nil
    }

    /// A group commit that reports every batch it writes to `observeBatch`.
    package init(
        service: KeyService, maximumBatch: Int = 256,
        observeBatch: @escaping @Sendable (_ size: Int, _ took: Duration) -> Void
    ) {
        self.service = service
        self.maximumBatch = max(1, maximumBatch)
        self.observeBatch = observeBatch
    }

    /// Whether ``run()`` is taking checks.
    package var isRunning: Bool { state.withLock { $0.running } }
    /// How many checks wait for the next batch.
    package var waitingCount: Int { state.withLock { $0.pending.count - $0.head } }

    /// The check's result, once the transaction holding it has committed.
    func check(_ request: CheckRequest) async throws -> CheckResult {
        if !state.withLock({ $0.running }) { return try await alone(request) }
        return try await withCheckedThrowingContinuation { continuation in
            let (queued, wake) = state.withLock { state -> (Bool, CheckedContinuation<Void, Never>?) in
                guard state.running else { return (false, nil) }
                state.pending.append(Waiting(request: request, continuation: continuation))
                defer { state.parked = nil }
                return (true, state.parked)
            }
            if queued {
                wake?.resume()
                return
            }
            // The service stopped in the meantime (a shutdown): this check alone.
            Task {
                do {
                    continuation.resume(returning: try await self.alone(request))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    /// One check in its own transaction.
    private func alone(_ request: CheckRequest) async throws -> CheckResult {
        try await service.check(request)
    }

    /// Writes batches as checks arrive, until a graceful shutdown finds the queue empty.
    public func run() async throws {
        state.withLock { $0.running = true }
        await withTaskCancellationHandler {
            await drainUntilShutdown()
        } onCancel: {
            stop()
        }
    }

    /// Stops taking checks once the queue is empty (a graceful shutdown, or cancellation).
    private func stop() {
        let parked = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.stopping = true
            defer { state.parked = nil }
            return state.parked
        }
        parked?.resume()
    }

    private func drainUntilShutdown() async {
        await withGracefulShutdownHandler {
            while let batch = await self.nextBatch() {
                do {
                    let started = ContinuousClock.now
                    let results = try await self.service.checks(batch.map(\.request))
                    self.observeBatch?(batch.count, ContinuousClock.now - started)
                    for (waiting, result) in zip(batch, results) { waiting.continuation.resume(returning: result) }
                } catch {
                    // The store just failed (it is away, or busy past its deadline): the checks
                    // that queued up meanwhile fail with it at once, rather than each wait out
                    // a deadline of its own behind the one before.
                    for waiting in batch + self.takeEveryWaiting() { waiting.continuation.resume(throwing: error) }
                }
            }
        } onGracefulShutdown: {
            self.stop()
        }
    }

    /// Every check waiting now, oldest first.
    private func takeEveryWaiting() -> [Waiting] {
        state.withLock { state in
            let all = Array(state.pending[state.head...])
            state.pending.removeAll(keepingCapacity: true)
            state.head = 0
            return all
        }
    }

    /// The next batch (up to ``maximumBatch`` of the oldest checks), waiting for one to
    /// arrive; nil once the service is stopping and nothing waits.
    private func nextBatch() async -> [Waiting]? {
        while true {
            enum Next { case batch([Waiting]), stop, wait }
            let next = state.withLock { state -> Next in
                let available = state.pending.count - state.head
                if available > 0 {
                    let count = min(available, maximumBatch)
                    let batch = Array(state.pending[state.head..<state.head + count])
                    state.head += count
                    if state.head == state.pending.count {
                        state.pending.removeAll(keepingCapacity: true)
                        state.head = 0
                    }
                    return .batch(batch)
                }
                if state.stopping {
                    // Later checks go to the store alone.
                    state.running = false
                    return .stop
                }
                return .wait
            }
            switch next {
            case .batch(let batch): return batch
            case .stop: return nil
            case .wait:
                await withCheckedContinuation { (parked: CheckedContinuation<Void, Never>) in
                    let resumeNow = state.withLock { state -> Bool in
                        if state.pending.count > state.head || state.stopping { return true }
                        state.parked = parked
                        return false
                    }
                    if resumeNow { parked.resume() }
                }
            }
        }
    }
}
