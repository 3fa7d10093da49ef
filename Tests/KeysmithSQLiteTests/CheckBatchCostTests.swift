import KeysmithStore
import KeysmithTestSupport
import Synchronization
import Testing

@testable import KeysmithSQLite

/// A batch of checks costs the SQLite store a fixed number of statements, whatever its size:
/// one load and one write (Docs: The check). A per-check query put back in the load or the
/// write makes the larger batches cost more, and fails here.
@Suite struct CheckBatchCostTests {
    @Test func aBatchOf1Or8Or64ChecksRunsTheSameNumberOfStatements() async throws {
        let store = try SQLiteStore.temporary()
        let service = TestWorld(store: store, random: SystemRandomSource()).service
        var secrets: [String] = []
        for n in 0..<64 {
            let created = try await service.createKey(
                name: "k\(n)", expires: .never, grants: ["DocumentReadonly", "User"],
                actor: "me")
            secrets.append(created.secret)
        }
        _ = try await service.addResource(.document, id: "d1", owner: "me", actor: "me")
        // Warm the catalog cache: the first transaction builds the catalog once.
        _ = try await service.check(secret: secrets[0], method: "GET", path: "/users/me/profile")

        let statements = Mutex<[String]>([])
        store.traceStatements { sql in statements.withLock { $0.append(sql) } }
        var costs: [Int: Int] = [:]
        for size in [1, 8, 64] {
            statements.withLock { $0.removeAll() }
            // Every kind of thing a check loads: keys, owners, a document (a view rule), a rate window
            // (GET /documents/{id} is limited per account), and a malformed secret among them.
            let requests = (0..<size).map { n in
                n == 1
                    ? CheckRequest(secret: "ksk_not-a-secret", method: "GET", path: "/documents/d1")
                    : CheckRequest(secret: secrets[n], method: "GET", path: n.isMultiple(of: 2) ? "/documents/d1" : "/users/me/profile")
            }
            let results = try await service.checks(requests)
            #expect(results.count == size)
            #expect(results[0].allowed)
            costs[size] = statements.withLock { $0.count }
        }
        store.traceStatements(nil)
        #expect(costs[1] == costs[8] && costs[8] == costs[64], "statements per batch of 1, 8, 64: \(costs)")
        // BEGIN and COMMIT, the load and the write.
        #expect(costs[64]! <= SQLiteTransaction.statementsPerBatch + 2, "a batch of 64 ran \(costs[64]!) statements")
    }
}
