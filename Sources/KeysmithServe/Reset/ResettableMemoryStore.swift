import KeysmithCore
import KeysmithStore
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

    /// From now on, a fresh, empty store (the user `me` and nothing else) over the same catalog.
    package func reset() {
        current.withLock { $0 = MemoryStore(catalog: catalog) }
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
