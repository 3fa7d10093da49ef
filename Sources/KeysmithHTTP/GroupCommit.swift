import KeysmithStore
import Synchronization

/// Group commit for key checks (issue 10, item 6): checks that arrive while a transaction is
/// running wait together and are written in the next one, so a busy server runs one store
/// transaction per batch instead of one per request, and only one task at a time does the
/// store's work. Every caller resumes after the transaction holding its own check (its
/// `lastUsedAt` and audit entry) has committed: no audit entry is dropped or written after
/// its response.
final class GroupCommit: Sendable {
    private struct Waiting: Sendable {
        let request: CheckRequest
        let continuation: CheckedContinuation<CheckResult, any Error>
    }

    private struct State: Sendable {
        var pending: [Waiting] = []
        var draining = false
    }

    let service: KeyService
    /// Most checks written in one transaction.
    let maximumBatch: Int
    private let state = Mutex(State())

    init(service: KeyService, maximumBatch: Int = 256) {
        self.service = service
        self.maximumBatch = maximumBatch
    }

    /// The check's result, once the transaction holding it has committed.
    func check(_ request: CheckRequest) async throws -> CheckResult {
        try await withCheckedThrowingContinuation { continuation in
            let leads = state.withLock { state -> Bool in
                state.pending.append(Waiting(request: request, continuation: continuation))
                guard !state.draining else { return false }
                state.draining = true
                return true
            }
            if leads { Task { await self.drain() } }
        }
    }

    /// Writes batches until none is waiting.
    private func drain() async {
        while true {
            let batch = state.withLock { state -> [Waiting] in
                guard !state.pending.isEmpty else {
                    state.draining = false
                    return []
                }
                let count = min(state.pending.count, maximumBatch)
                let batch = Array(state.pending.prefix(count))
                state.pending.removeFirst(count)
                return batch
            }
            if batch.isEmpty { return }
            do {
                let results = try await service.checks(batch.map(\.request))
                for (waiting, result) in zip(batch, results) { waiting.continuation.resume(returning: result) }
            } catch {
                for waiting in batch { waiting.continuation.resume(throwing: error) }
            }
        }
    }
}
