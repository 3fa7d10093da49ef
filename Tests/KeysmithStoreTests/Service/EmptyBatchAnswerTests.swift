import KeysmithCore
import KeysmithStore
import Testing

/// An embedder's store that answers a batch with too few results makes a single check fail
/// with a store error naming the store, instead of trapping the program.
@Suite struct EmptyBatchAnswerTests {
    final class SilentStore: KeyStore {
        let inner = MemoryStore()
        var location: String { "silent" }
        func read<T: Sendable>(_ body: @Sendable (any StoreReader) async throws -> T) async throws -> T { try await inner.read(body) }
        func write<T: Sendable>(_ body: @Sendable (any StoreWriter) async throws -> T) async throws -> T { try await inner.write(body) }
        func runChecks(_ batch: CheckBatch) async throws -> [CheckResult] { [] }
    }

    @Test("a check on a store that answers no result throws a store error")
    func emptyAnswerThrows() async throws {
        let service = KeyService(store: SilentStore())
        do {
            _ = try await service.check(secret: "ksk_x", method: "GET", path: "/users/me/profile")
            Issue.record("the check returned a result the store never gave")
        } catch {
            let failure = try #require(error as? StoreError)
            #expect(failure.code == .failure && failure.description.contains("silent"))
        }
    }
}
