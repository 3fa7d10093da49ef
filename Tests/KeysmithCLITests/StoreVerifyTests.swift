import Foundation
import KeysmithTestSupport
import Testing

/// Damage is found before anything is written (README: damaged stores): a store changed
/// behind keysmith's back is read whole when it is next opened, so a command that reads no
/// damaged row still refuses to write, and `keysmith store verify` names every damaged row.
@Suite struct StoreVerifyTests {
    /// A store with two keys, made by `keysmith run`; returns its path and the second key's secret.
    static func store() throws -> (String, String) {
        let directory = NSTemporaryDirectory() + "keysmith-verify-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/store.sqlite"
        let made = try keysmith(
            ["run", "-", "--store", path],
            input: """
                key create damaged --expires 30d --grants User
                let k = key create sound --expires 30d --grants User
                echo $k.secret
                """)
        #expect(made.status == 0, "\(made.err)")
        let secret = try #require(made.out.split(separator: "\n").last.map(String.init))
        return (path, secret)
    }

    /// Edits the store with the `sqlite3` shell, as a person would.
    static func damage(_ path: String, _ sql: String) throws {
        let run = try ProgramRun.run("/usr/bin/sqlite3", [path, "PRAGMA ignore_check_constraints = 1; " + sql])
        #expect(run.status == 0, "\(run.stderr)")
    }

    @Test("a check that reads no damaged row is refused, exit 2, and the file is left as it was")
    func aCheckBesideTheDamageRefusesToWrite() throws {
        let (path, secret) = try Self.store()
        try Self.damage(path, "UPDATE api_keys SET expires_at = 'abc' WHERE name = 'damaged'")
        let before = FileManager.default.contents(atPath: path)
        let result = try keysmith(["run", "-", "--store", path], input: "check \(secret) GET /users/me/profile\n")
        #expect(result.status == 2, "\(result.out)\(result.err)")
        #expect(result.err.contains("is damaged: api_keys.expires_at in row 1 holds 'abc'"), "\(result.err)")
        #expect(!result.out.contains("allow"))
        #expect(FileManager.default.contents(atPath: path) == before)
    }

    @Test("store verify names every damaged row and exits 2; a sound store says so and exits 0")
    func verifyNamesEveryDamagedRow() throws {
        let (path, _) = try Self.store()
        let clean = try keysmith(["store", "verify", "--store", path])
        #expect(clean.status == 0, "\(clean.err)")
        #expect(clean.out.contains("rows read, no damage"), "\(clean.out)")

        try Self.damage(
            path,
            """
            UPDATE api_keys SET expires_at = 'abc' WHERE name = 'damaged';
            UPDATE users SET role = 'root' WHERE name = 'me'
            """)
        let before = FileManager.default.contents(atPath: path)
        let damaged = try keysmith(["store", "verify", "--store", path])
        #expect(damaged.status == 2)
        #expect(damaged.out.contains("is damaged: users.role in row 1 holds 'root'"), "\(damaged.out)\(damaged.err)")
        #expect(damaged.out.contains("is damaged: api_keys.expires_at in row 1 holds 'abc'"), "\(damaged.out)")
        #expect(damaged.out.contains("2 damaged rows"), "\(damaged.out)")
        #expect(FileManager.default.contents(atPath: path) == before)
    }

    @Test("serve refuses to start on a damaged store")
    func serveRefusesADamagedStore() throws {
        let (path, _) = try Self.store()
        try Self.damage(path, "UPDATE api_keys SET grants = 'Nope' WHERE name = 'damaged'")
        let result = try keysmith(["serve", "--port", "0", "--store", path], stdinPath: "/dev/null")
        #expect(result.status == 2, "\(result.err)")
        #expect(result.err.contains("is damaged: api_keys.grants"), "\(result.err)")
    }

    @Test("store verify on a damaged store does not make it trusted: the next check is still refused")
    func verifyDoesNotSealADamagedStore() throws {
        let (path, secret) = try Self.store()
        try Self.damage(path, "UPDATE api_keys SET expires_at = 'abc' WHERE name = 'damaged'")
        #expect(try keysmith(["store", "verify", "--store", path]).status == 2)
        let before = FileManager.default.contents(atPath: path)
        let result = try keysmith(["run", "-", "--store", path], input: "check \(secret) GET /users/me/profile\n")
        #expect(result.status == 2, "\(result.out)\(result.err)")
        #expect(FileManager.default.contents(atPath: path) == before)
    }

    @Test("a store emptied behind keysmith's back is refused, not made into a new empty store")
    func anEmptiedStoreIsRefused() throws {
        let (path, _) = try Self.store()
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let result = try keysmith(["run", "-", "--store", path], input: "key list\n")
        #expect(result.status == 2, "\(result.out)\(result.err)")
        #expect(result.err.contains("the file is empty, but keysmith left it holding a store"), "\(result.err)")
        #expect(FileManager.default.contents(atPath: path)?.isEmpty == true)
        let verify = try keysmith(["store", "verify", "--store", path])
        #expect(verify.status == 2 && FileManager.default.contents(atPath: path)?.isEmpty == true)
    }

    @Test("damage hidden by setting the file's time back is still found (the change time cannot be set back)")
    func damageBehindARestoredTimeIsFound() throws {
        let (path, secret) = try Self.store()
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        try Self.damage(path, "UPDATE api_keys SET expires_at = 'abc' WHERE name = 'damaged'")
        try FileManager.default.setAttributes([.modificationDate: attributes[.modificationDate]!], ofItemAtPath: path)
        let result = try keysmith(["run", "-", "--store", path], input: "check \(secret) GET /users/me/profile\n")
        #expect(result.status == 2, "\(result.out)\(result.err)")
    }

    @Test(
        "a setup script and a scenario keep the limits every script has",
        arguments: [["serve", "--memory", "--port", "0", "--setup"], ["test"]])
    func setupAndScenariosAreBounded(_ prefix: [String]) throws {
        let result = try keysmith(prefix + ["/dev/zero"], stdinPath: "/dev/null")
        #expect(result.status != 0)
        #expect((result.out + result.err).contains("/dev/zero"), "\(result.out)\(result.err)")
    }
}
