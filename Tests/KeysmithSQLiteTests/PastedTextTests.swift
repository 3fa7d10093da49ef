import Foundation
import KeysmithCore
import KeysmithScript
import KeysmithStore
import KeysmithSyntax
import KeysmithTestSupport
import Testing

@testable import KeysmithSQLite

/// On the SQLite store: a live secret typed into every command that
/// stores text never reaches the store's files (`-wal` and `-shm` included), names with control
/// characters are refused, and user names are unique without regard to case.
@Suite struct PastedTextTests {
    static let commands = [
        "key create {S} --expires 30d --grants User", "key create 'ci {S}' --expires 30d --grants User",
        "key rename $k.id {S}", "key rename $k.id 'was {S}'", "doc add {S} --owner me", "folder add x{S} --owner me",
        "user add {S}", "user add {S}.b --admin", "endpoint add GET /r/{S} --grants User",
        "endpoint add GET /r/{id} --grants {S}", "share doc d1 {S} --role view", "as {S}",
        "check $k.secret GET /x/{S}", "echo {S}",
    ]

    @Test func aPastedLiveSecretNeverReachesTheStoreFiles() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("store.sqlite")
        let service = TestWorld(store: try SQLiteStore(path: path), seed: 5).service
        let output = BufferedOutput()
        let interpreter = Interpreter(service: service, output: output)
        await interpreter.run(
            SourceFile(name: "setup.ks", text: "let k = key create live --expires 30d --grants User\ndoc add d1 --owner me"))
        guard case .record(let key)? = interpreter.variables["k"], case .secret(let secret)? = key["secret"] else {
            Issue.record("no key: \(output.text)")
            return
        }
        output.reset()
        for command in Self.commands {
            await interpreter.run(SourceFile(name: "t.ks", text: command.replacing("{S}", with: secret)))
        }
        await interpreter.run(SourceFile(name: "t.ks", text: "key list\nlog\nuser list\nresource list\nendpoint list"))
        #expect(!output.text.contains(secret))
        #expect(!output.text.contains(String(secret.dropFirst(4).prefix(16))))
        #expect(output.text.components(separatedBy: "the secret was not stored").count - 1 == 10, "\(output.text)")
        #expect(Files.exists(path + "-wal"))
        ProcessTests.expectNoSecret([secret], in: path)
    }

    @Test(arguments: ["\n", "\u{1B}", "\u{07}", "\u{00}", "\u{202E}", "\u{7F}", "\u{85}"])
    func namesWithControlCharactersAreRefused(_ control: String) async throws {
        let world = TestWorld(store: try SQLiteStore.temporary())
        await #expect(throws: KeysmithError.self) {
            try await world.service.createKey(name: "a\(control)b", expires: .never, grants: ["User"], actor: "me")
        }
        await #expect(throws: KeysmithError.self) { try await world.service.addUser("a\(control)b", role: .member, actor: "me") }
        await #expect(throws: KeysmithError.self) {
            try await world.service.addResource(.document, id: "a\(control)b", owner: "me", actor: "me")
        }
        #expect(try await world.service.keys(actor: "me").isEmpty)
        #expect(try await world.service.auditLog().isEmpty)
    }

    @Test func userNamesAreUniqueWithoutRegardToCase() async throws {
        let world = TestWorld(store: try SQLiteStore.temporary())
        await #expect(throws: KeysmithError.userNameTaken("ME", existing: "me")) {
            try await world.service.addUser("ME", role: .admin, actor: "me")
        }
        _ = try await world.service.addUser("Alice", role: .member, actor: "me")
        await #expect(throws: KeysmithError.userNameTaken("alice", existing: "Alice")) {
            try await world.service.addUser("alice", role: .member, actor: "me")
        }
        #expect(try await world.service.users().map(\.name).sorted() == ["Alice", "me"])
        #expect(try await world.service.user(named: "Alice").name == "Alice")
    }
}
