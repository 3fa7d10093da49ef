import Foundation
import GRDB
import KeysmithSQLite
import KeysmithTestSupport
import Testing

/// The corruption sweep: every column of every table gets a wrong type, NULL, numbers out of
/// range and an over-long text in a copy of a populated store; the schema version gets values
/// keysmith never writes; the file gets cut short. The real `keysmith` binary then reads each
/// copy (`key list`, `user list`, `resource list`, `log`) and checks keys against it.
///
/// Every case must end in a clear message or correct output, never a signal; a damaged value
/// that a command reads must be named (`store PATH is damaged: TABLE.COLUMN in row N holds …`);
/// and the copy must be byte for byte as it was. A copy with damage anywhere is refused at
/// open, before anything is written, even by a check that reads no damaged row (the copy
/// carries no seal, so it is read whole); only a copy whose change is not damage (a NULL where
/// keysmith writes NULL, a renamed rate bucket) may take a check, which records itself.
@Suite(.serialized) struct CorruptionSweepTests {
    enum Kind { case integer, text, blob }

    /// A column, its storage class, whether NULL is a value keysmith writes, and the row each
    /// case damages: one that the commands below read.
    struct Column: Sendable {
        let table: String
        let name: String
        let kind: Kind
        var nullable = false
        /// An instant, a flag or an enumeration: numbers outside what keysmith writes are damage.
        var bounded = false
        /// Read only by a check (the account's switch, rate-limit counters), not by the listings.
        var readByCheck = false
        /// A lookup key: a changed value is a row nobody asks for, not damage anyone reads.
        var lookupKey = false
    }

    static let rows = [
        "users": "name = 'me'",
        "resources": "name = 'd1'",
        "shares": "user = 'me'",
        "api_keys": "name = 'live'",
        "custom_endpoints": "position = 1",
        "audit_log": "sequence = (SELECT max(sequence) FROM audit_log)",
        "store_clock": "id = 1",
        "account": "id = 1",
        "rate_limits": "change = (SELECT max(change) FROM rate_limits)",
        "rate_windows": "bucket = 'GET /documents/{id} per account'",
    ]

    /// Every column but the integer primary keys (SQLite itself keeps those integers).
    static let columns: [Column] = [
        Column(table: "users", name: "name", kind: .text),
        Column(table: "users", name: "role", kind: .text, bounded: true),
        Column(table: "resources", name: "kind", kind: .text, bounded: true),
        Column(table: "resources", name: "name", kind: .text),
        Column(table: "resources", name: "owner", kind: .text),
        Column(table: "shares", name: "resource", kind: .integer),
        Column(table: "shares", name: "user", kind: .text),
        Column(table: "shares", name: "role", kind: .text, bounded: true),
        Column(table: "api_keys", name: "id", kind: .text, bounded: true),
        // Listings find keys by owner, so a damaged owner hides the key from them; a check reads it.
        Column(table: "api_keys", name: "owner", kind: .text, readByCheck: true),
        Column(table: "api_keys", name: "name", kind: .text),
        Column(table: "api_keys", name: "expires_at", kind: .integer, nullable: true, bounded: true),
        Column(table: "api_keys", name: "grants", kind: .text, bounded: true),
        Column(table: "api_keys", name: "digest", kind: .blob, bounded: true),
        Column(table: "api_keys", name: "created_at", kind: .integer, bounded: true),
        Column(table: "api_keys", name: "last_used_at", kind: .integer, nullable: true, bounded: true),
        Column(table: "api_keys", name: "deleted_at", kind: .integer, nullable: true, bounded: true),
        Column(table: "api_keys", name: "replaces", kind: .text, nullable: true, bounded: true),
        Column(table: "api_keys", name: "replaced_by", kind: .text, nullable: true, bounded: true),
        Column(table: "api_keys", name: "retires_at", kind: .integer, nullable: true, bounded: true),
        Column(table: "custom_endpoints", name: "method", kind: .text),
        Column(table: "custom_endpoints", name: "path", kind: .text, bounded: true),
        Column(table: "custom_endpoints", name: "accepts_api_keys", kind: .integer, bounded: true),
        Column(table: "custom_endpoints", name: "grants", kind: .text),
        Column(table: "custom_endpoints", name: "access", kind: .text, bounded: true),
        Column(table: "audit_log", name: "time", kind: .integer, bounded: true),
        Column(table: "audit_log", name: "actor", kind: .text),
        Column(table: "audit_log", name: "action", kind: .text),
        Column(table: "audit_log", name: "key_id", kind: .text, nullable: true, bounded: true),
        Column(table: "audit_log", name: "outcome", kind: .text),
        Column(table: "audit_log", name: "detail", kind: .text),
        Column(table: "store_clock", name: "latest", kind: .integer, bounded: true),
        Column(table: "account", name: "api_keys_enabled", kind: .integer, bounded: true, readByCheck: true),
        Column(table: "rate_limits", name: "method", kind: .text),
        Column(table: "rate_limits", name: "version", kind: .integer, bounded: true),
        Column(table: "rate_limits", name: "path", kind: .text, bounded: true),
        Column(table: "rate_limits", name: "count", kind: .integer, nullable: true, bounded: true),
        Column(table: "rate_limits", name: "period", kind: .integer, bounded: true),
        Column(table: "rate_limits", name: "scope", kind: .text, bounded: true),
        Column(table: "rate_windows", name: "bucket", kind: .text, lookupKey: true),
        Column(table: "rate_windows", name: "window_start", kind: .integer, bounded: true, readByCheck: true),
        Column(table: "rate_windows", name: "count", kind: .integer, bounded: true, readByCheck: true),
    ]

    /// One damaged copy: how to make it, and what must come of it.
    struct Case: Sendable {
        let name: String
        let sqlClass: String
        /// SQL run on the copy, or nil for a copy cut to `truncateTo` bytes.
        var sql: String?
        var truncateTo: Int?
        /// The `TABLE.COLUMN` (or `TABLE`) a message must name, when the damage must be found.
        var mustName: String?
        /// Which run must find it: the listings (`read`) or the checks (`check`).
        var foundBy = "read"
    }

    /// Whether to add a real and Int64.max to every column (`KEYSMITH_SWEEP=full`): a few
    /// seconds more, for values that found nothing the others did not.
    static let full = ProcessInfo.processInfo.environment["KEYSMITH_SWEEP"] == "full"

    /// The values written into a column: a wrong type, NULL, Int64.min and 100 000 characters
    /// of text (and, for the digest, blobs one byte short and long); with ``full``, also a
    /// real and Int64.max.
    static func valueCases(for column: Column) -> [Case] {
        let wrongType = column.kind == .text ? "x'C0FFEE'" : "'abc'"
        var values: [(String, String, Bool)] = [  // class, SQL value, must be found
            ("wrong type", wrongType, true),
            ("NULL", "NULL", !column.nullable),
            ("Int64.min", "-9223372036854775808", column.bounded),
            ("over-long text", "printf('%.100000c', 'x')", column.table != "audit_log" || column.name != "detail"),
        ]
        if full {
            // A TEXT column keeps a real as text ('1.5'), which is a name like any other.
            values += [
                ("real", "1.5", column.kind != .text || column.bounded),
                ("Int64.max", "9223372036854775807", column.bounded),
            ]
        }
        if column.kind == .blob {
            values += [("short blob", "x'00'", true), ("long blob", "zeroblob(33)", true)]
        }
        return values.map { kind, value, mustFind in
            Case(
                name: "\(column.table).\(column.name) = \(kind)", sqlClass: kind,
                sql: "UPDATE \(column.table) SET \(column.name) = \(value) WHERE \(rows[column.table] ?? "1")",
                mustName: mustFind && !column.lookupKey ? "\(column.table).\(column.name)" : nil,
                foundBy: column.readByCheck ? "check" : "read")
        }
    }

    static let readScript = "expect error key list\nexpect error user list\nexpect error resource list\nexpect error log\n"

    static func checkScript(_ secret: String) -> String {
        "expect error check \(secret) GET /users/me/profile\nexpect error check \(secret) GET /documents/d1\n"
    }

    /// What one case came to, for the tally.
    struct Outcome: Sendable {
        let name: String
        let sqlClass: String
        let found: Bool
        let refusedAtOpen: Bool
        let problems: [String]
    }

    /// A table or column added by a later migration joins the sweep, or this fails.
    @Test func theSweepCoversEveryColumnOfEveryTable() async throws {
        let fixture = try await DamagedFixture()
        let stored = try await DatabaseQueue(path: fixture.path).read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT m.name || '.' || p.name FROM sqlite_master m, pragma_table_info(m.name) p
                    WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
                      AND NOT (p.pk = 1 AND p.type = 'INTEGER' AND (SELECT count(*) FROM pragma_table_info(m.name) WHERE pk > 0) = 1)
                    ORDER BY 1
                    """)
        }
        #expect(Set(stored) == Set(Self.columns.map { "\($0.table).\($0.name)" }))
        #expect(Set(Self.columns.map(\.table)) == Set(Self.rows.keys))
    }

    @Test func everyDamagedCopyEndsInAClearMessageOrCorrectOutputAndStaysUntouched() async throws {
        let fixture = try await DamagedFixture()
        let size = Files.bytes(fixture.path)?.count ?? 0
        var cases = Self.columns.flatMap(Self.valueCases)
        for version in [-1, 0, Int(Int32.min), Int(Int32.max), SQLiteStore.schemaVersion + 1] {
            cases.append(
                Case(
                    name: "user_version = \(version)", sqlClass: "schema version",
                    sql: "PRAGMA user_version = \(version)", mustName: nil))
        }
        for length in [1, 16, 100, 512, 4096, 8192, size / 2, size - 4096, size - 1] {
            cases.append(Case(name: "cut to \(length) of \(size) bytes", sqlClass: "truncated", truncateTo: length))
        }
        let readScript = fixture.directory.file("read.ks"), checkScript = fixture.directory.file("check.ks")
        try Files.write(readScript, Self.readScript)
        try Files.write(checkScript, Self.checkScript(fixture.liveSecret))

        var outcomes: [Outcome] = []
        var unwritable: [String] = []
        try await withThrowingTaskGroup(of: Outcome.self) { group in
            var next = 0
            func startNext() throws {
                guard next < cases.count else { return }
                let item = cases[next]
                let index = next
                next += 1
                let copy: String
                do {
                    copy = try Self.makeCopy(item, index: index, fixture: fixture)
                } catch {
                    // SQLite itself refuses a few (NULL in the key of a table without row ids).
                    unwritable.append("\(item.name) (\(error))")
                    return try startNext()
                }
                group.addTask {
                    try await Self.run(item, copy: copy, in: fixture.directory, index: index, scripts: (readScript, checkScript))
                }
            }
            for _ in 0..<4 { try startNext() }
            while let outcome = try await group.next() {
                outcomes.append(outcome)
                try startNext()
            }
        }

        #expect(outcomes.count + unwritable.count == cases.count)
        // SQLite refuses NULL in the key of a table without row ids: shares (two columns), rate_windows.
        #expect(unwritable.count <= 3, "\(unwritable)")
        for outcome in outcomes {
            for problem in outcome.problems { Issue.record("\(outcome.name): \(problem)") }
        }
        // The tally, for the issue's note.
        var byClass: [String: (cases: Int, found: Int, refused: Int)] = [:]
        for outcome in outcomes {
            var entry = byClass[outcome.sqlClass] ?? (0, 0, 0)
            entry.cases += 1
            if outcome.found { entry.found += 1 }
            if outcome.refusedAtOpen { entry.refused += 1 }
            byClass[outcome.sqlClass] = entry
        }
        let lines = byClass.sorted { $0.key < $1.key }.map {
            "  \($0.key): \($0.value.cases) cases, \($0.value.found) named as damaged, \($0.value.refused) refused at open"
        }
        print(
            "corruption sweep: \(outcomes.count) cases, up to 2 keysmith runs each; SQLite refused to write \(unwritable.count): \(unwritable.joined(separator: "; "))\n"
                + lines.joined(separator: "\n"))
    }

    /// Makes the damaged copy for case `index`.
    static func makeCopy(_ item: Case, index: Int, fixture: DamagedFixture) throws -> String {
        if let sql = item.sql { return try fixture.damagedCopy("case\(index).sqlite", sql) }
        let copy = fixture.directory.file("case\(index).sqlite")
        let bytes = Files.bytes(fixture.path) ?? []
        try Files.write(copy, bytes: Array(bytes.prefix(item.truncateTo ?? bytes.count)))
        return copy
    }

    /// Runs the reading script, then the checking script, on `copy`, and says what went wrong.
    static func run(
        _ item: Case, copy: String, in directory: TemporaryDirectory, index: Int,
        scripts: (read: String, check: String)
    ) async throws -> Outcome {
        var problems: [String] = []
        var found = false, refused = false
        let before = DamagedFixture.snapshot(copy)
        for (step, script) in [("read", scripts.read), ("check", scripts.check)] {
            let result = try await RunningProgram.run(["--store", copy], in: directory, tag: "case\(index)-\(step)", input: script)
            let output = result.stdout + result.stderr
            if result.crashed || !(0...2).contains(result.status) {
                problems.append("\(step): ended by signal or status \(result.status):\n\(output.suffix(2000))")
                continue
            }
            for marker in ["Fatal error", "Swift runtime failure", "Problem(", "Optional(", "SQLite error"] where output.contains(marker) {
                problems.append("\(step): the output holds \"\(marker)\":\n\(output.suffix(2000))")
            }
            if result.stderr.hasPrefix("keysmith: ") { refused = true }
            let damageLines = output.split(separator: "\n").filter { $0.contains(" is damaged: ") }
            if !damageLines.isEmpty { found = true }
            if let mustName = item.mustName, step == item.foundBy {
                if !damageLines.contains(where: {
                    $0.contains("is damaged: \(mustName)") || $0.contains("is damaged: \(mustName.prefix(while: { $0 != "." })) ")
                }) {
                    problems.append("read: no message names \(mustName):\n\(output.suffix(2000))")
                }
            }
            let checked = output.split(separator: "\n").contains { $0.hasPrefix("allow") || $0.hasPrefix("deny") }
            // Damage anywhere is found before anything is written: no check goes through on a
            // damaged store, whether or not it reads the damaged row.
            if checked && item.mustName != nil {
                problems.append("\(step): a check went through on a damaged store:\n\(output.suffix(2000))")
            }
            if (!checked || item.mustName != nil) && DamagedFixture.snapshot(copy) != before {
                problems.append("\(step): the damaged file changed")
            }
            if checked { break }  // the store has legitimately changed: nothing more to compare
        }
        for suffix in ["", "-wal", "-shm"] { unlink(copy + suffix) }
        return Outcome(name: item.name, sqlClass: item.sqlClass, found: found, refusedAtOpen: refused, problems: problems)
    }
}
