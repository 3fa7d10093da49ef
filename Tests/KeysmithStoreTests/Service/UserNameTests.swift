import KeysmithTestSupport
import Testing

@testable import KeysmithCore
@testable import KeysmithStore

/// Docs: The key model, Text: user names are unique without regard to case, printable, and never a
/// secret; lookups stay exact.
@Suite(.dropsTemporarySchemas) struct UserNameTests {
    @Test(arguments: ["ME", "Me", "mE"])
    func aNameDifferingOnlyInCaseIsRefused(_ name: String) async throws {
        let world = TestWorld()
        let error = await keysmithError { try await world.service.addUser(name, role: .member, actor: "me") }
        #expect(error == .userNameTaken(name, existing: "me"))
        #expect(error?.description.contains("unique without regard to case") == true)
        #expect(try await world.service.users().map(\.name) == ["me"])
    }

    @Test(arguments: StoreKind.all) func exactDuplicateStillSaysItExists(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        #expect(await keysmithError { try await world.service.addUser("alice", role: .admin, actor: "me") } == .userExists("alice"))
        #expect(
            await keysmithError { try await world.service.addUser("ALICE", role: .admin, actor: "me") }
                == .userNameTaken("ALICE", existing: "alice"))
    }

    @Test(arguments: StoreKind.all) func lookupsStayExact(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        #expect(try await world.service.user(named: "alice").name == "alice")
        let error = await keysmithError { try await world.service.user(named: "Alice") }
        guard case .unknownUser("Alice", _)? = error?.kind else {
            Issue.record("got \(String(describing: error))")
            return
        }
    }

    @Test(arguments: StoreKind.all) func aPastedSecretIsNeverAUserName(_ kind: StoreKind) async throws {
        let world = try await TestWorld.withCast(store: try await kind.make())
        let key = try await world.createKey(grants: ["User"])
        let error = await keysmithError { try await world.service.addUser(key.secret, role: .member, actor: "me") }
        #expect(error?.description == "bad user name \"ksk_…\": a user name must not contain a secret (ksk_…); the secret was not stored")
        #expect(try await !world.service.users().map(\.name).contains(key.secret))
    }
}
