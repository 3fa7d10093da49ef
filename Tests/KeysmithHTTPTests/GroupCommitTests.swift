import Hummingbird
import HummingbirdTesting
import KeysmithCore
import KeysmithStore
import Synchronization
import Testing

@testable import KeysmithHTTP

/// Checks of concurrent requests are written together, and each request still gets its own
/// answer with its own audit entry committed before it.
@Suite struct GroupCommitTests {
    @Test("200 concurrent requests, allowed and denied mixed: each answers its own decision and each is audited once")
    func concurrentChecksKeepTheirOwnAnswers() async throws {
        let world = try await HTTPWorld()
        // About group commit, not rate limits: 100 reads of one document exceed Lucid's 75 per 5 s.
        try await world.service.setRateLimit(nil, method: "GET", path: "/documents/{id}", actor: "me")
        let before = try await world.service.auditLog().count
        let statuses = try await world.test { client in
            try await withThrowingTaskGroup(of: (Int, Int).self) { group in
                for i in 0..<200 {
                    group.addTask {
                        let path = i.isMultiple(of: 2) ? "/documents/d1" : "/documents/d2"
                        return (i, try await client.call(.get, path, secret: world.reader.secret).status)
                    }
                }
                var statuses = [Int](repeating: 0, count: 200)
                for try await (i, status) in group { statuses[i] = status }
                return statuses
            }
        }
        for (i, status) in statuses.enumerated() { #expect(status == (i.isMultiple(of: 2) ? 200 : 403), "request \(i)") }
        let entries = try await world.service.auditLog()
        #expect(entries.count == before + 200)
        #expect(entries.suffix(200).filter { $0.outcome == .decided(.allow) }.count == 100)
    }

    @Test("KeyService.checks decides a batch in order, as single checks would")
    func batchMatchesSingleChecks() async throws {
        let world = try await HTTPWorld()
        let requests = [
            CheckRequest(secret: world.reader.secret, method: "GET", path: "/documents/d1"),
            CheckRequest(secret: "nonsense", method: "GET", path: "/documents/d1"),
            CheckRequest(secret: world.deleted.secret, method: "GET", path: "/documents/d1"),
            CheckRequest(secret: world.reader.secret, method: "GET", path: "/documents/d2"),
        ]
        let results = try await world.service.checks(requests)
        #expect(results.map(\.decision) == [.allow, .deny(.unknownKey), .deny(.deleted), .deny(.noAccess)])
        #expect(!String(describing: requests[0]).contains(world.reader.secret))
    }
}

/// Group commit as serve runs it: a long-lived service.
@Suite struct GroupCommitServiceTests {
    /// A store whose batches wait at a gate and then fail (a store past its deadline).
    final class FailingStore: KeyStore {
        let inner = MemoryStore()
        let batches = Mutex(0)
        let gate = Mutex<CheckedContinuation<Void, Never>?>(nil)
        var location: String { "failing" }
        func read<T: Sendable>(_ body: @Sendable (any StoreReader) async throws -> T) async throws -> T { try await inner.read(body) }
        func write<T: Sendable>(_ body: @Sendable (any StoreWriter) async throws -> T) async throws -> T { try await inner.write(body) }
        func runChecks(_ batch: CheckBatch) async throws -> [CheckResult] {
            batches.withLock { $0 += 1 }
            await withCheckedContinuation { continuation in gate.withLock { $0 = continuation } }
            throw StoreError.failure("the store did not answer in time")
        }
        func open() {
            gate.withLock {
                $0?.resume()
                $0 = nil
            }
        }
        var waitingAtGate: Bool { gate.withLock { $0 != nil } }
    }

    @Test("a maximum batch below 1 counts as 1: checks are still answered")
    func maximumBatchBelowOneStillAnswers() async throws {
        let groupCommit = GroupCommit(service: KeyService(store: MemoryStore()), maximumBatch: 0)
        let running = Task { try await groupCommit.run() }
        defer { running.cancel() }
        while !groupCommit.isRunning { try await Task.sleep(for: .milliseconds(5)) }
        let request = CheckRequest(secret: "ksk_x", method: "GET", path: "/users/me/profile")
        let results = try await withThrowingTaskGroup(of: CheckResult.self) { group in
            for _ in 0..<3 { group.addTask { try await groupCommit.check(request) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.map(\.decision) == Array(repeating: .deny(.unknownKey), count: 3))
        running.cancel()
        _ = await running.result
    }

    @Test("checks queued behind a batch that fails fail with it at once, instead of each waiting out a deadline")
    func queuedChecksFailWithTheFailingBatch() async throws {
        let store = FailingStore()
        let groupCommit = GroupCommit(service: KeyService(store: store))
        let running = Task { try await groupCommit.run() }
        defer { running.cancel() }
        while !groupCommit.isRunning { try await Task.sleep(for: .milliseconds(5)) }
        let request = CheckRequest(secret: "ksk_x", method: "GET", path: "/users/me/profile")
        let first = Task { try await groupCommit.check(request) }
        while !store.waitingAtGate { try await Task.sleep(for: .milliseconds(5)) }
        let queued = (0..<5).map { _ in Task { try await groupCommit.check(request) } }
        while groupCommit.waitingCount < 5 { try await Task.sleep(for: .milliseconds(5)) }
        store.open()
        for task in [first] + queued {
            await #expect(throws: StoreError.self) { _ = try await task.value }
        }
        #expect(store.batches.withLock { $0 } == 1, "the queued checks never went to the store")
        running.cancel()
        _ = await running.result
    }
}
