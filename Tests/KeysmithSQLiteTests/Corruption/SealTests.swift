import Foundation
import GRDB
import KeysmithStore
import KeysmithTestSupport
import Testing

@testable import KeysmithSQLite

/// The seal (README: damaged stores) vouches only for what this process saw: damage made by
/// someone else while a store is open is never sealed in when the process lets go.
@Suite struct SealTests {
    @Test func damageMadeWhileAStoreIsOpenIsNotSealedInWhenItCloses() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("store.sqlite")
        let first = try SQLiteStore(path: path)
        let world = TestWorld(store: first)
        let damaged = try await world.service.createKey(name: "damaged", expires: .never, grants: ["User"], actor: "me")
        let sound = try await world.service.createKey(name: "sound", expires: .never, grants: ["User"], actor: "me")
        _ = damaged
        first.close()
        #expect(StoreSeal.holds(path), "a clean close seals")

        let open = try SQLiteStore(path: path)
        try DamagedFixture.execute(
            on: path, "PRAGMA ignore_check_constraints = 1; UPDATE api_keys SET expires_at = 'abc' WHERE name = 'damaged'")
        // This process writes after the damage (a check on the other key), then lets go.
        #expect(try await TestWorld(store: open).check(sound.secret, "GET /users/me/profile").allowed)
        open.close()
        #expect(!StoreSeal.holds(path), "files someone else changed are not sealed")
        #expect(throws: SQLiteStoreError.self) { try SQLiteStore(path: path) }
    }

    @Test func aStoreOpenedToVerifyIsNotSealedUnlessItIsSound() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("store.sqlite")
        let store = try SQLiteStore(path: path)
        _ = try await TestWorld(store: store).service.createKey(name: "k", expires: .never, grants: ["User"], actor: "me")
        store.close()
        try DamagedFixture.execute(on: path, "PRAGMA ignore_check_constraints = 1; UPDATE users SET role = 'root' WHERE name = 'me'")
        let verifying = try SQLiteStore(path: path, refusingDamage: false)
        #expect(try await !verifying.verify().isClean)
        verifying.close()
        #expect(!StoreSeal.holds(path))
        #expect(throws: SQLiteStoreError.self) { try SQLiteStore(path: path) }
    }
}
