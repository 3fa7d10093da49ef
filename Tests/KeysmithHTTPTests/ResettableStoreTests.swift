import KeysmithCore
import KeysmithServe
import KeysmithStore
import Testing

/// `POST /_keysmith/reset` builds the fresh store aside and swaps it in whole: a reset whose
/// setup fails leaves the store as it was, and resets that race each other leave exactly one
/// setup's state, never two setups' keys in one store.
@Suite struct ResettableStoreTests {
    struct SetupFailed: Error {}

    static func keyNames(_ store: ResettableMemoryStore) async throws -> [String] {
        try await KeyService(store: store).keys(actor: "me").map(\.key.name)
    }

    static func setUp(_ store: MemoryStore) async throws -> String {
        _ = try await KeyService(store: store).createKey(name: "client", expires: .never, grants: ["User"], actor: "me")
        return "set up"
    }

    @Test func aResetWhoseSetupFailsLeavesTheStoreAsItWas() async throws {
        let store = ResettableMemoryStore()
        _ = try await store.reset(Self.setUp)
        #expect(try await Self.keyNames(store) == ["client"])
        await #expect(throws: SetupFailed.self) { _ = try await store.reset { _ in throw SetupFailed() } }
        #expect(try await Self.keyNames(store) == ["client"])
    }

    @Test func racingResetsLeaveExactlyOneSetupsState() async throws {
        let store = ResettableMemoryStore()
        try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<16 { group.addTask { try await store.reset(Self.setUp) } }
            for try await transcript in group { #expect(transcript == "set up") }
        }
        #expect(try await Self.keyNames(store) == ["client"])
    }
}
