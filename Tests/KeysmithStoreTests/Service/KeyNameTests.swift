import KeysmithTestSupport
import Testing

@testable import KeysmithCore
@testable import KeysmithStore

/// Docs: The key model: a name of 1–100 characters, any text, duplicates allowed, changeable.
@Suite(.dropsTemporarySchemas) struct KeyNameTests {
    static let accepted: [String] = [
        "a", String(repeating: "n", count: 100), "🔑 clé façade 日本語", String(repeating: "🔑", count: 100),
        String(repeating: "e\u{301}", count: 100), "  padded  ", "with \"quotes\" and ; # {braces}",
    ]

    @Test(arguments: accepted)
    func createAcceptsNamesOfOneToHundredCharacters(_ name: String) async throws {
        let world = try await TestWorld.withCast()
        let key = try await world.createKey(name, grants: ["User"])
        #expect(key.info.name == name)
        #expect(try await world.service.key(key.info.id, actor: "alice").name == name)
    }

    @Test(arguments: ["", String(repeating: "n", count: 101), String(repeating: "🔑", count: 101)])
    func createRejectsEmptyAndOverlongNames(_ name: String) async throws {
        let world = try await TestWorld.withCast()
        let error = await keysmithError { try await world.createKey(name, grants: ["User"]) }
        guard case .badKeyName? = error?.kind else {
            Issue.record("got \(String(describing: error))")
            return
        }
        #expect(try await world.service.keys(actor: "alice").isEmpty)
    }

    @Test(arguments: StoreKind.all) func duplicateNamesAreAllowed(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let first = try await world.createKey("ci", grants: ["User"])
        let second = try await world.createKey("ci", grants: ["User"])
        #expect(first.info.id != second.info.id)
        #expect(try await world.service.keys(actor: "alice").map(\.name) == ["ci", "ci"])
    }

    @Test(arguments: StoreKind.all) func renameChangesTheNameAndNothingElse(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let key = try await world.createKey("old", grants: ["User"])
        world.advance(seconds: 60)
        let renamed = try await world.service.renameKey(key.info.id, to: "new 🔑", actor: "alice")
        #expect(renamed.name == "new 🔑")
        var expected = key.info.key
        expected.name = "new 🔑"
        #expect(try await world.storedKey(key.info.id) == expected)
        #expect(try await world.decision(key.secret, "GET /users/me/profile") == .allow)
    }

    @Test(arguments: ["", String(repeating: "n", count: 101)])
    func renameRejectsBadNamesAndKeepsTheOldOne(_ name: String) async throws {
        let world = try await TestWorld.withCast()
        let key = try await world.createKey("keep", grants: ["User"])
        let error = await keysmithError { try await world.service.renameKey(key.info.id, to: name, actor: "alice") }
        guard case .badKeyName? = error?.kind else {
            Issue.record("got \(String(describing: error))")
            return
        }
        #expect(try await world.service.key(key.info.id, actor: "alice").name == "keep")
    }

    @Test(arguments: StoreKind.all) func renameToExactlyHundredCharactersIsAllowed(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let key = try await world.createKey(grants: ["User"])
        let name = String(repeating: "ü", count: 100)
        #expect(try await world.service.renameKey(key.info.id, to: name, actor: "alice").name == name)
    }

    @Test(arguments: StoreKind.all) func expiredKeyCanStillBeRenamed(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let key = try await world.createKey(grants: ["User"], expires: .after(KeyDuration(seconds: 10)))
        world.advance(seconds: 10)
        let renamed = try await world.service.renameKey(key.info.id, to: "expired one", actor: "alice")
        #expect(renamed.name == "expired one")
        #expect(renamed.status == .expired)
    }
}
