import KeysmithCore
import KeysmithPostgres
import KeysmithSQLite
import KeysmithStore
import KeysmithTestSupport
import Synchronization
import Testing

/// The stores the service tests run on, each test once per store: memory, a temporary SQLite
/// file and, when `KEYSMITH_TEST_POSTGRES` names a database, a temporary PostgreSQL schema
/// (dropped after the test by ``DropsTemporarySchemas``).
enum StoreKind: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case memory, sqlite, postgres

    static let postgresDatabase: PostgresURL? = TestEnvironment.postgres.flatMap { try? PostgresURL(parsing: $0) }

    /// Every store this run can use.
    static let all: [StoreKind] = postgresDatabase == nil ? [.memory, .sqlite] : allCases

    var testDescription: String { rawValue }

    /// The PostgreSQL stores the running test made, to drop when it ends.
    @TaskLocal static var made: MadeStores?

    /// A fresh, empty store of this kind, whose catalog is `catalog` (Lucid's by default).
    func make(catalog: Catalog = .lucid) async throws -> any KeyStore {
        switch self {
        case .memory: return MemoryStore(catalog: catalog)
        case .sqlite: return try SQLiteStore.temporary(catalog: catalog)
        case .postgres:
            let database = try #require(Self.postgresDatabase)
            let store = try await PostgresStore.temporary(in: database, catalog: catalog)
            Self.made?.add(store)
            return store
        }
    }
}

/// PostgreSQL stores made during one test.
final class MadeStores: Sendable {
    private let stores = Mutex<[PostgresStore]>([])
    func add(_ store: PostgresStore) { stores.withLock { $0.append(store) } }
    func dropAll() async {
        for store in stores.withLock({ $0 }) { try? await store.dropSchemaAndClose() }
    }
}

/// Drops the temporary PostgreSQL schemas each test of a suite made, however it ended.
struct DropsTemporarySchemas: SuiteTrait, TestTrait, TestScoping {
    var isRecursive: Bool { true }

    func scopeProvider(for test: Test, testCase: Test.Case?) -> Self? { testCase == nil ? nil : self }

    func provideScope(
        for test: Test, testCase: Test.Case?,
        performing function: @Sendable () async throws -> Void
    ) async throws {
        let made = MadeStores()
        try await StoreKind.$made.withValue(made) {
            do {
                try await function()
            } catch {
                await made.dropAll()
                throw error
            }
            await made.dropAll()
        }
    }
}

extension Trait where Self == DropsTemporarySchemas {
    /// See ``DropsTemporarySchemas``.
    static var dropsTemporarySchemas: Self { Self() }
}
