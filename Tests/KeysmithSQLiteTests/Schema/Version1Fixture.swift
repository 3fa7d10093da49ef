import Foundation
import KeysmithCore
import KeysmithStore
import KeysmithTestSupport
import Testing

@testable import KeysmithSQLite

/// `Fixtures/store-v1.sqlite`: a store written at schema version 1, kept to prove that every
/// later keysmith opens it. The recipe is frozen: it says what the fixture holds.
enum Version1Fixture {
    static let resource = "store-v1"
    static let seed: UInt64 = 1_001

    /// Where the fixture lives in the source tree (for regenerating it).
    static var sourcePath: String {
        SourceTree.path("Tests/KeysmithSQLiteTests/Fixtures/\(resource).sqlite")
    }

    /// The fixture as bundled with the tests.
    static var bundledPath: String? {
        Bundle.module.path(forResource: resource, ofType: "sqlite", inDirectory: "Fixtures")
    }

    /// What was done to the store. Returns the secrets: [alice's, me's (deleted)].
    static func recipe(_ world: TestWorld) async throws -> [String] {
        let s = world.service
        _ = try await s.addUser("alice", role: .member, actor: "me")
        _ = try await s.addUser("boss", role: .admin, actor: "me")
        _ = try await s.addResource(.document, id: "d1", owner: "alice", actor: "alice")
        _ = try await s.addResource(.folder, id: "f1", owner: "alice", actor: "alice")
        _ = try await s.share(.document, id: "d1", with: "me", role: .view, actor: "alice")
        _ = try await s.addEndpoint(
            method: "GET", path: "/reports/{id}", grants: ["ReportRead"], access: "view document id",
            acceptsAPIKeys: true, actor: "boss")
        let a = try await s.createKey(
            name: "alice reports", expires: .after(TestWorld.thirtyDays), grants: ["ReportRead", "User"],
            actor: "alice")
        let m = try await s.createKey(name: "old", expires: .never, grants: ["DocumentReadonly"], actor: "me")
        _ = try await world.check(a.secret, "GET /reports/d1")
        _ = try await s.deleteKey(m.info.id, actor: "me")
        return [a.secret, m.secret]
    }
}

/// Regenerates the fixture (only when asked: `KEYSMITH_WRITE_FIXTURES=1 swift test --filter writeVersion1Fixture`).
@Suite struct Version1FixtureWriter {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["KEYSMITH_WRITE_FIXTURES"] == "1"))
    func writeVersion1Fixture() async throws {
        let path = Version1Fixture.sourcePath
        for file in Files.storeFiles(path) { try FileManager.default.removeItem(atPath: file) }
        do {
            let store = try SQLiteStore(path: path, schemaVersion: 1, temporaryDirectory: nil)
            _ = try await Version1Fixture.recipe(TestWorld(store: store, seed: Version1Fixture.seed))
        }
        #expect(Files.storeFiles(path) == [path], "the WAL is folded back in when the store closes")
    }
}
