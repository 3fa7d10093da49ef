import Hummingbird
import HummingbirdTesting
import KeysmithCore
import KeysmithHTTP
import KeysmithServe
import KeysmithStore
import Synchronization
import Testing

/// A store that cannot answer gives 503 `store_unavailable`: the client learns only that, the
/// operator's request log learns which store failed and how.
@Suite struct StoreUnavailableTests {
    /// Every transaction fails as an unreachable PostgreSQL server's would.
    struct UnreachableStore: KeyStore {
        let location = "postgres://ops@db.internal:6543/keys?schema=team_a"
        func read<T: Sendable>(_ body: @Sendable (any StoreReader) async throws -> T) async throws -> T {
            throw StoreError.failure("\(location): cannot connect: connection refused")
        }
        func write<T: Sendable>(_ body: @Sendable (any StoreWriter) async throws -> T) async throws -> T {
            throw StoreError.failure("\(location): cannot connect: connection refused")
        }
    }

    @Test("503 names no host, user, port or schema to the client; the request log names them")
    func storeDetailsStayInTheLog() async throws {
        let world = try await HTTPWorld()
        let lines = Mutex<[String]>([])
        let log = RequestLog(format: .text) { line in lines.withLock { $0.append(line) } }
        let service = KeyService(store: UnreachableStore())
        let app = Application(router: KeysmithServer.router(service: service, log: log))
        let answer = try await app.test(.router) { client in
            try await client.call(.get, "/v1/documents/d1", secret: world.reader.secret, version: nil)
        }
        #expect(answer.status == 503)
        #expect(answer.body.contains(#""code":"store_unavailable""#))
        for detail in ["db.internal", "ops", "6543", "team_a", "postgres://"] {
            #expect(!answer.body.contains(detail), "the body shows \(detail): \(answer.body)")
            #expect(!answer.headers.contains { $0.value.contains(detail) })
        }
        let logged = lines.withLock { $0 }.joined()
        #expect(logged.contains("503 store_unavailable"))
        #expect(logged.contains("postgres://ops@db.internal:6543/keys?schema=team_a: cannot connect: connection refused"))
        #expect(!logged.contains(world.reader.secret))
    }
}
