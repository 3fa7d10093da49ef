import KeysmithStore
import Synchronization

/// A ``MemoryStore`` that counts the transactions run on it, to prove what the REPL reads.
final class CountingStore: KeyStore {
    let inner = MemoryStore()
    private let counts = Mutex((reads: 0, writes: 0))

    var location: String { inner.location }
    var reads: Int { counts.withLock { $0.reads } }
    var writes: Int { counts.withLock { $0.writes } }

    func read<T: Sendable>(_ body: @Sendable (any StoreReader) async throws -> T) async throws -> T {
        counts.withLock { $0.reads += 1 }
        return try await inner.read(body)
    }

    func write<T: Sendable>(_ body: @Sendable (any StoreWriter) async throws -> T) async throws -> T {
        counts.withLock { $0.writes += 1 }
        return try await inner.write(body)
    }
}
