import Foundation
import GRDB
import KeysmithCore
import KeysmithTestSupport

@testable import KeysmithSQLite

/// A populated store to damage, and the tools to damage copies of it: every kind of record
/// (users, a document and a folder with shares, live, expired and deleted keys, custom
/// endpoints, an audit log), closed and checkpointed so the file alone is the store.
struct DamagedFixture {
    let directory: TemporaryDirectory
    /// The sound store every case copies.
    let path: String
    /// A live key of `me` with `User` and `DocumentReadonly` (`me` may edit `d1`).
    let liveSecret: String

    /// Builds the store in a new directory. With `nullable`, the schema's NOT NULL
    /// constraints are taken out (through `writable_schema`), so that a case can store NULL
    /// anywhere, as a careless hand with `sqlite3` could.
    init(nullable: Bool = true) async throws {
        directory = try TemporaryDirectory()
        path = directory.file("sound.sqlite")
        do {
            let world = TestWorld(store: try SQLiteStore(path: path))
            try await exercise(world)
            let live = try await world.service.createKey(
                name: "live", expires: .never, grants: ["User", "DocumentReadonly"],
                actor: "me")
            _ = try await world.check(live.secret, "GET /users/me/profile")
            // Opens the `GET /documents/{id} per account` rate-limit window the checks read.
            _ = try await world.check(live.secret, "GET /documents/d1")
            liveSecret = live.secret
        }
        if nullable {
            try Self.execute(
                on: path,
                """
                PRAGMA writable_schema = ON;
                UPDATE sqlite_master SET sql = replace(sql, 'NOT NULL', '') WHERE type = 'table';
                PRAGMA writable_schema = OFF;
                """)
        }
    }

    /// A copy of the sound store named `name`, damaged by `sql` (CHECK and foreign key
    /// constraints off), closed and checkpointed.
    func damagedCopy(_ name: String, _ sql: String) throws -> String {
        let copy = directory.file(name)
        for suffix in ["", "-wal", "-shm"] { unlink(copy + suffix) }
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        try Self.execute(on: copy, "PRAGMA ignore_check_constraints = 1; PRAGMA foreign_keys = OFF;\n" + sql)
        return copy
    }

    /// Runs `sql` on the file through a connection of its own, closed before returning
    /// (which checkpoints the write-ahead log into the file and removes it).
    static func execute(on path: String, _ sql: String) throws {
        var config = Configuration()
        config.foreignKeysEnabled = false
        let queue = try DatabaseQueue(path: path, configuration: config)
        try queue.writeWithoutTransaction { try $0.execute(sql: sql) }
        try queue.close()
    }

    /// The store's bytes as a reader finds them: the file, and its write-ahead log (none
    /// and empty are the same). The shared-memory file is an index SQLite rebuilds, not data.
    static func snapshot(_ path: String) -> [[UInt8]] {
        [Files.bytes(path) ?? [], Files.bytes(path + "-wal") ?? []]
    }
}
