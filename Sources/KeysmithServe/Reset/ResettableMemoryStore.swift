package import KeysmithCore
package import KeysmithStore
import Synchronization

/// The store of `keysmith serve --memory`: a ``MemoryStore`` that ``reset()`` replaces with a
/// fresh one (`POST /_keysmith/reset`), so a client's test suite can start each run from the
/// same keys. A transaction already running finishes on the store it began on.
package final class ResettableMemoryStore: KeyStore {
    private let current: Mutex<MemoryStore>
    /// The catalog every fresh store starts from.
    private let catalog: Catalog

    package init(catalog: Catalog = .lucid) {
        self.catalog = catalog
        current = Mutex(MemoryStore(catalog: catalog))
    }

    private var store: MemoryStore { current.withLock { $0 } }

    /// Resets take turns: each builds its store aside and swaps it in whole.
    private let resetting = TransactionLock()

    /// Builds a fresh store over the same catalog (the user `me` and nothing else), lets
    /// `prepare` fill it (the `--setup` script), and only then makes it the store: requests in
    /// flight see the old store or the new one, never one half set up, and when `prepare`
    /// throws the old store stays. Resets take turns. Returns what `prepare` returned.
    package func reset(_ prepare: @Sendable (MemoryStore) async throws -> String) async throws -> String {
        await resetting.lock()
        defer { resetting.unlock() }
        let fresh = MemoryStore(catalog: catalog)
        let result = try await prepare(fresh)
        current.withLock { $0 = fresh }
        return result
    }

    package var location: String { store.location }

    package func read<T: Sendable>(_ body: @Sendable (any StoreReader) async throws -> T) async throws -> T {
        try await store.read(body)
    }

    package func write<T: Sendable>(_ body: @Sendable (any StoreWriter) async throws -> T) async throws -> T {
        try await store.write(body)
    }

    package func runChecks(_ batch: CheckBatch) async throws -> [CheckResult] {
        try await store.runChecks(batch)
    }

    package func runCheck(_ request: CheckRequest, clock: SessionClock) async throws -> CheckResult {
        try await store.runCheck(request, clock: clock)
    }
}
