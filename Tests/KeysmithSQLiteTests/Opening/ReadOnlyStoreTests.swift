import Foundation
import KeysmithStore
import KeysmithTestSupport
import Testing

@testable import KeysmithSQLite

/// A store this process may only read is opened read-only: reading commands work, every
/// write (a check included: it records itself in the audit log) is refused with a message,
/// and nothing is written, not even beside the file.
///
/// Root may write any file whatever its mode, so the cases that depend on permissions run
/// either as an ordinary user or, as root, through `runuser -u nobody`; the read-only
/// behaviour itself is also tested through `SQLiteStore(path:readOnly:)`, which any user can.
@Suite(.serialized) struct ReadOnlyStoreTests {
    static let refusal = "cannot record changes or checks (every check is recorded in the audit log); nothing was changed"

    @Test func aStoreOpenedReadOnlyReadsEverythingAndRefusesEveryWrite() async throws {
        let fixture = try await DamagedFixture(nullable: false)
        let before = DamagedFixture.snapshot(fixture.path)
        let store = try SQLiteStore(path: fixture.path, readOnly: true)
        #expect(store.readOnlyReason == "opened read-only")
        #expect(store.location == "\(fixture.path) (read-only: opened read-only)")
        let dump = try await StoreDump.of(store)
        #expect(dump.users.map(\.name) == ["me", "alice", "root"])
        let world = TestWorld(store: store)
        let expected = StoreError.readOnly(store: fixture.path, reason: "opened read-only")
        await #expect(throws: expected) { _ = try await world.service.addUser("bob", role: .member, actor: "me") }
        await #expect(throws: expected) { _ = try await world.check(fixture.liveSecret, "GET /users/me/profile") }
        #expect(expected.description == "store \(fixture.path) is read-only (opened read-only): \(Self.refusal)")
        let untouched = DamagedFixture.snapshot(fixture.path) == before
        #expect(untouched)
        // Read as immutable: no shared-memory file is left to block a later writer.
        #expect(Files.storeFiles(fixture.path) == [fixture.path])
    }

    @Test func aStoreOpenedReadOnlyMustExistAndBeCurrent() async throws {
        let directory = try TemporaryDirectory()
        let missing = directory.file("missing.sqlite")
        #expect(throws: SQLiteStoreError.readOnly(missing, detail: "it does not exist, and creating it is a write")) {
            try SQLiteStore(path: missing, readOnly: true)
        }
        #expect(!Files.exists(missing))
        let empty = directory.file("empty.sqlite")
        try Files.write(empty, "")
        #expect(throws: SQLiteStoreError.readOnly(empty, detail: "it is an empty file, and making it a store is a write")) {
            try SQLiteStore(path: empty, readOnly: true)
        }
        #expect(Files.bytes(empty) == [])
    }

    @Test func anEmptyFileTakenOverAsAStoreBecomesPrivate() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("empty.sqlite")
        try Files.write(path, "")
        chmod(path, 0o644)
        _ = try SQLiteStore(path: path)
        #expect(Files.mode(path) == 0o600)
    }

    @Test func anEmptyPathIsRefused() {
        #expect(throws: SQLiteStoreError.unreadable("", reason: "the path is empty; give a file path such as store.sqlite")) {
            try SQLiteStore(path: "")
        }
    }

    // MARK: Permissions, for every user root included

    /// SQLite lets root write a file of any mode, so the mode is read first.
    @Test(
        "a store file without write permission bits opens read-only for any user, root included",
        arguments: [0o400, 0o444, 0o500] as [mode_t])
    func aFileWithoutWriteBitsOpensReadOnlyEvenForRoot(_ mode: mode_t) async throws {
        let fixture = try await DamagedFixture(nullable: false)
        chmod(fixture.path, mode)
        defer { chmod(fixture.path, 0o600) }
        let before = DamagedFixture.snapshot(fixture.path)
        let store = try SQLiteStore(path: fixture.path)
        #expect(store.readOnlyReason == "the file is not writable")
        #expect(try await StoreDump.of(store).users.count == 3)
        let world = TestWorld(store: store)
        await #expect(throws: StoreError.readOnly(store: fixture.path, reason: "the file is not writable")) {
            _ = try await world.service.addUser("bob", role: .member, actor: "me")
        }
        await #expect(throws: StoreError.readOnly(store: fixture.path, reason: "the file is not writable")) {
            _ = try await world.check(fixture.liveSecret, "GET /users/me/profile")
        }
        let untouched = DamagedFixture.snapshot(fixture.path) == before
        #expect(untouched)
        #expect(Files.storeFiles(fixture.path) == [fixture.path], "nothing is left beside the file")
    }

    // MARK: Permissions, as an ordinary user

    @Test(.enabled(if: geteuid() != 0, "root may write a file of any mode; see the runuser cases"))
    func aFileThatMayOnlyBeReadOpensReadOnly() async throws {
        let fixture = try await DamagedFixture(nullable: false)
        chmod(fixture.path, 0o400)
        defer { chmod(fixture.path, 0o600) }
        let before = DamagedFixture.snapshot(fixture.path)
        let store = try SQLiteStore(path: fixture.path)
        #expect(store.readOnlyReason == "the file is not writable")
        #expect(try await StoreDump.of(store).users.count == 3)
        await #expect(throws: StoreError.readOnly(store: fixture.path, reason: "the file is not writable")) {
            _ = try await TestWorld(store: store).service.addUser("bob", role: .member, actor: "me")
        }
        let untouched = DamagedFixture.snapshot(fixture.path) == before
        #expect(untouched)
    }

    @Test(.enabled(if: geteuid() != 0, "root may write in a directory of any mode; see the runuser cases"))
    func aStoreInADirectoryThatMayOnlyBeReadOpensReadOnly() async throws {
        let fixture = try await DamagedFixture(nullable: false)
        chmod(fixture.directory.path, 0o555)
        defer { chmod(fixture.directory.path, 0o700) }
        let store = try SQLiteStore(path: fixture.path)
        #expect(store.readOnlyReason == "its directory is not writable")
        #expect(try await StoreDump.of(store).users.count == 3)
        await #expect(throws: StoreError.readOnly(store: fixture.path, reason: "its directory is not writable")) {
            _ = try await TestWorld(store: store).check(fixture.liveSecret, "GET /users/me/profile")
        }
    }

    // MARK: Permissions, as root through another user

    /// Whether this test run is root and can run the keysmith binary as `nobody`.
    static let asNobody: Bool = {
        guard geteuid() == 0, let binary = KeysmithBinary.path, Files.exists("/usr/sbin/runuser") else { return false }
        return (try? ProgramRun.run("/usr/sbin/runuser", ["-u", "nobody", "--", binary, "--version"]))?.status == 0
    }()

    /// Runs `keysmith --store store` as `nobody` with `script` on standard input.
    static func runAsNobody(_ script: String, store: String, in directory: TemporaryDirectory) throws -> (status: Int32, output: String) {
        let input = directory.file("input-\(UUID().uuidString).ks")
        try Files.write(input, script)
        chmod(input, 0o644)
        let run = try ProgramRun.run(
            "/usr/sbin/runuser", ["-u", "nobody", "--", KeysmithBinary.path ?? "keysmith", "--store", store],
            input: .file(input), in: "/")
        return (run.status, run.stdout + run.stderr)
    }

    /// A populated store owned by `nobody` with `mode`, in a directory `nobody` may write or not.
    static func storeForNobody(mode: mode_t, directoryWritable: Bool) async throws -> (DamagedFixture, String) {
        let fixture = try await DamagedFixture(nullable: false)
        let nobody = getpwnam("nobody").map { $0.pointee.pw_uid } ?? 65534
        let store = fixture.directory.file("nobody.sqlite")
        try FileManager.default.copyItem(atPath: fixture.path, toPath: store)
        chown(store, nobody, gid_t.max)
        chmod(store, mode)
        chmod(fixture.directory.path, 0o755)
        if directoryWritable { chown(fixture.directory.path, nobody, gid_t.max) }
        return (fixture, store)
    }

    @Test(.enabled(if: asNobody, "needs root and runuser to act as another user"))
    func aFileWithMode0400ReadsAndRefusesWritesForItsOwner() async throws {
        let (fixture, store) = try await Self.storeForNobody(mode: 0o400, directoryWritable: true)
        let before = DamagedFixture.snapshot(store)
        let read = try Self.runAsNobody("user list\nkey list\nlog\n", store: store, in: fixture.directory)
        #expect(read.status == 0, "\(read.output)")
        #expect(read.output.contains("alice"))
        for write in ["user add bob", "check \(fixture.liveSecret) GET /users/me/profile"] {
            let refused = try Self.runAsNobody(write + "\n", store: store, in: fixture.directory)
            #expect(refused.status == 1)
            #expect(refused.output == "<stdin>:1:1: error: store \(store) is read-only (the file is not writable): \(Self.refusal)\n")
        }
        let untouched = DamagedFixture.snapshot(store) == before
        #expect(untouched)
        #expect(Files.storeFiles(store) == [store], "nothing is left beside the file")
        // Writable again, it takes writes again (no shared-memory file of mode 0400 in the way).
        chmod(store, 0o600)
        let written = try Self.runAsNobody("user add bob\n", store: store, in: fixture.directory)
        #expect(written.status == 0, "\(written.output)")
    }

    @Test(.enabled(if: asNobody, "needs root and runuser to act as another user"))
    func aStoreInADirectoryItsOwnerMayNotWriteReadsAndRefusesWrites() async throws {
        let (fixture, store) = try await Self.storeForNobody(mode: 0o600, directoryWritable: false)
        let before = DamagedFixture.snapshot(store)
        let read = try Self.runAsNobody("key list\n", store: store, in: fixture.directory)
        #expect(read.status == 0, "\(read.output)")
        #expect(read.output.contains("live"))
        let refused = try Self.runAsNobody("check \(fixture.liveSecret) GET /users/me/profile\n", store: store, in: fixture.directory)
        #expect(refused.status == 1)
        #expect(refused.output == "<stdin>:1:1: error: store \(store) is read-only (its directory is not writable): \(Self.refusal)\n")
        let untouched = DamagedFixture.snapshot(store) == before
        #expect(untouched)
    }
}
