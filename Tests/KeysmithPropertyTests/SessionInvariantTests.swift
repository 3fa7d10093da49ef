import KeysmithCore
import KeysmithPostgres
import KeysmithSQLite
import KeysmithStore
import KeysmithTestSupport
import PropertyBased
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The promises of the key model (Docs: The key model) as properties over random sessions: sequences of user,
/// document, share, key create/rename/delete, check, clock and `as` commands, with secrets and
/// control characters injected into every text argument, replayed on the memory store (the
/// reference), on SQLite and, when `KEYSMITH_TEST_POSTGRES` names a database, on a fresh
/// PostgreSQL schema. After every sequence:
/// (a) no secret appears after its creation line: not in any listing, error or the audit log,
///     and never in the SQLite files (`-wal` and `-shm` included);
/// (b) once a check said `expired` or `deleted` (a retired, rolled key too) for a key, no later
///     check allows it;
/// (e) while the account's API keys are off, no check allows anything;
/// (c) both stores give identical transcripts;
/// (d) nothing crashes (a crash ends the test run).
///
/// `swift test` runs a few hundred sequences; `KEYSMITH_PROPERTY_SEQUENCES=N` runs N. A failure
/// reports the shrunk sequence as a KeyScript file to keep as a regression scenario.
@Suite struct SessionInvariantTests {
    static var count: Int {
        TestEnvironment.values["KEYSMITH_PROPERTY_SEQUENCES"].flatMap { Int($0) } ?? 250
    }

    @Test func randomSessionsKeepEveryPromiseOnBothStores() async throws {
        let sequences = zip(Gen.int(in: 0...(Operation.weightedKinds.count - 1)), Gen.int(in: 0...63), Gen.int(in: 0...63))
            .map { Operation(kind: Operation.weightedKinds[$0], a: $1, b: $2) }
            .array(of: 1...30)
        await propertyCheck(count: Self.count, input: sequences) { operations in
            try await Self.expectEveryPromise(operations)
        }
    }

    /// Sequences that once broke a promise (shrunk by the properties), replayed every run.
    @Test(arguments: RegressionSequences.all)
    func regressionSequencesKeepEveryPromise(_ sequence: RegressionSequences.Entry) async throws {
        try await Self.expectEveryPromise(sequence.operations)
    }

    /// Runs `operations` on a memory store, a SQLite file and (when there is a test database)
    /// a PostgreSQL schema, and checks (a), (b), (c) and (e).
    static func expectEveryPromise(_ operations: [Operation]) async throws {
        let memory = await SessionRun.run(operations, on: MemoryStore())
        let directory = try TemporaryDirectory()
        let path = directory.file("store.sqlite")
        let sqlite = await SessionRun.run(operations, on: try SQLiteStore(path: path))
        let report = "sequence \(operations)\n--- script ---\n\(memory.script)"
        var others = [sqlite]

        // (c) every store prints exactly what the memory store prints.
        #expect(memory.transcript == sqlite.transcript, "stores differ\n\(report)")
        if let database = PostgresTestDatabase.url {
            let store = try await PostgresStore.temporary(in: database)
            let postgres = await SessionRun.run(operations, on: store)
            #expect(memory.transcript == postgres.transcript, "PostgreSQL differs from memory\n\(report)")
            // (a) on PostgreSQL: no table of the schema holds secret material.
            let stored = try await PostgresTestDatabase.everything(in: store)
            for secret in memory.state.secrets {
                #expect(!stored.contains(String(secret.dropFirst(4).prefix(24))), "secret material in PostgreSQL\n\(report)")
            }
            try await store.dropSchemaAndClose()
            others.append(postgres)
        }

        // (a) a secret is printed once, when its key is made, and stored nowhere.
        let files = [path, path + "-wal", path + "-shm"].compactMap(Self.bytes(of:))
        for secret in memory.state.secrets {
            let randomPart = String(secret.dropFirst(4).prefix(24))
            #expect(
                Self.occurrences(of: randomPart, in: memory.transcript) == 1,
                "secret printed other than once\n\(report)\n--- transcript ---\n\(memory.transcript)")
            for bytes in files {
                #expect(!Self.contains(bytes, Array(randomPart.utf8)), "secret material in the store files\n\(report)")
            }
        }

        // (b) expired, deleted and retired keys never come back; (e) a disabled account lets nothing through.
        for run in [memory] + others {
            Self.expectNoRevival(run, report: report)
            Self.expectNothingThroughWhileDisabled(run, report: report)
        }
    }

    static func expectNothingThroughWhileDisabled(_ run: SessionRun, report: String) {
        for check in run.checksWithSwitch where !check.apiKeysOn {
            #expect(check.decision != "allow", "a check was allowed while API keys were off\n\(report)")
        }
    }

    static func expectNoRevival(_ run: SessionRun, report: String) {
        for (_, decisions) in run.decisions {
            if let dead = decisions.firstIndex(where: { $0 == "deny:expired" || $0 == "deny:deleted" }) {
                #expect(!decisions[dead...].contains("allow"), "a dead key was allowed again: \(decisions)\n\(report)")
            }
        }
    }

    /// The time promise on its own, with sessions made only of key creation, checks, deletion,
    /// rolls and clock moves (forward and back), all about keys that hold `User` checked on
    /// `GET /users/me/profile`: a dead key coming back needs five steps in a row, which the
    /// general sequences rarely line up.
    @Test func randomClockMovesNeverReviveAnExpiredOrDeletedKey() async throws {
        let kinds = [4, 6, 7, 7, 7, 8, 8, 11, 11, 15]
        // b in {0, 12, 42}: grants `User` (or `User,DocumentReadonly`) and `GET /users/me/profile`.
        let sequences = zip(Gen.element(of: kinds), Gen.int(in: 0...63), Gen.element(of: [0, 12, 42]))
            .map { Operation(kind: $0 ?? 7, a: $1, b: $2 ?? 0) }
            .array(of: 2...20)
        await propertyCheck(count: Self.count, input: sequences) { operations in
            var stores: [any KeyStore] = [MemoryStore(), try SQLiteStore.temporary()]
            if let database = PostgresTestDatabase.url { stores.append(try await PostgresStore.temporary(in: database)) }
            for store in stores {
                let run = await SessionRun.run(operations, on: store)
                Self.expectNoRevival(run, report: "on \(store.location)\n\(run.script)")
                try await (store as? PostgresStore)?.dropSchemaAndClose()
            }
        }
    }

    static func occurrences(of needle: String, in haystack: String) -> Int {
        haystack.utf8.count < needle.utf8.count ? 0 : haystack.split(separator: needle, omittingEmptySubsequences: false).count - 1
    }

    static func bytes(of path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n <= 0 { break }
            out.append(contentsOf: buffer[0..<n])
        }
        return out
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        return haystack.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { n in
                var i = 0
                while i <= h.count - n.count {
                    if h[i] == n[0] && memcmp(h.baseAddress! + i, n.baseAddress!, n.count) == 0 { return true }
                    i += 1
                }
                return false
            }
        }
    }
}

/// The harness itself: a hand-picked sequence reaches the hostile cases the properties rely on
/// (so a property that passes is not passing because nothing happened).
@Suite struct SessionHarnessTests {
    @Test func aKnownSequenceCreatesChecksPastesAndExpires() async throws {
        let operations = [
            Operation(kind: 1, a: 0, b: 3),  // doc add "d1" --owner me
            Operation(kind: 4, a: 2, b: 1),  // let k0 = key create "bob" --expires 1d --grants DocumentReadonly
            Operation(kind: 7, a: 0, b: 1),  // check $k0.secret GET /documents/d1
            Operation(kind: 5, a: 0, b: 14),  // key rename $k0.id <the live secret>
            Operation(kind: 1, a: 0, b: 15),  // doc add "pre <secret> post" --owner me
            Operation(kind: 13, a: 0, b: 14),  // echo <secret>
            Operation(kind: 1, a: 0, b: 8),  // doc add "nl\nkey_fake0000  admin  active" --owner me
            Operation(kind: 11, a: 0, b: 0),  // clock set 2025-01-01 (before the store's time)
            Operation(kind: 8, a: 3, b: 0),  // clock advance 31d
            Operation(kind: 7, a: 0, b: 1),  // check $k0.secret GET /documents/d1 → expired
            Operation(kind: 11, a: 2, b: 0),  // clock set 2026-06-01... still after? (may be refused)
            Operation(kind: 7, a: 0, b: 1),  // check again: still expired
        ]
        let run = await SessionRun.run(operations, on: MemoryStore())
        #expect(run.state.keys.count == 1)
        #expect(run.decisions.values.first == ["allow", "deny:expired", "deny:expired"], "\(run.transcript)")
        #expect(run.transcript.contains("must not contain a secret"), "\(run.transcript)")
        #expect(run.transcript.contains("must be printable text"), "\(run.transcript)")
        #expect(run.transcript.contains("cannot set the clock back"), "\(run.transcript)")
        let secret = try #require(run.state.secrets.first)
        #expect(SessionInvariantTests.occurrences(of: String(secret.dropFirst(4).prefix(24)), in: run.transcript) == 1)
    }

    /// The key-life operations reach what properties (b) and (e) watch: a switched-off
    /// account's denial, and a rolled key retired.
    @Test func aKnownSequenceSwitchesTheAccountAndRollsAKey() async throws {
        let operations = [
            Operation(kind: 0, a: 3, b: 0),  // user add root --admin
            Operation(kind: 9, a: 3, b: 0),  // as root
            Operation(kind: 4, a: 3, b: 0),  // let k0 = key create "alice" --expires 30d --grants User
            Operation(kind: 16, a: 0, b: 0),  // account api-keys off
            Operation(kind: 7, a: 0, b: 0),  // check $k0.secret GET /users/me/profile → api_keys_disabled
            Operation(kind: 16, a: 0, b: 1),  // account api-keys on
            Operation(kind: 7, a: 0, b: 0),  // → allow
            Operation(kind: 15, a: 0, b: 0),  // let k1 = key roll $k0.id
            Operation(kind: 7, a: 0, b: 0),  // check $k0.secret … → deleted (retired)
            Operation(kind: 7, a: 1, b: 0),  // check $k1.secret … → allow
        ]
        let run = await SessionRun.run(operations, on: MemoryStore())
        #expect(run.state.keys.count == 2, "\(run.transcript)")
        let first = try #require(run.state.keys.first?.secret)
        #expect(run.decisions[first] == ["deny:api_keys_disabled", "allow", "deny:deleted"], "\(run.transcript)")
        #expect(run.checksWithSwitch.map(\.apiKeysOn) == [false, true, true, true])
    }
}
