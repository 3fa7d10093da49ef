@testable import KeysmithCore
@testable import KeysmithStore
import Testing

/// The memory store keeps its audit log compactly (words numbered, keys by position); what
/// comes back out must be exactly what went in.
@Suite struct MemoryAuditLogTests {
    static func entry(_ action: String, actor: String, key: KeyID?, outcome: String = "ok", detail: String = "",
                      at seconds: Int64 = 0) -> AuditEntry {
        AuditEntry(time: Instant(secondsSinceEpoch: seconds), actor: actor, action: action, keyID: key,
                   outcome: outcome, detail: detail)
    }

    @Test func entriesComeBackAsWrittenWithSequenceNumbersFromOne() {
        var log = MemoryAuditLog()
        let ids = [KeyID("key_a"), KeyID("key_b")]
        log.append(Self.entry("key.create", actor: "me", key: ids[0], at: 10), keyPosition: 0)
        log.append(Self.entry("check", actor: "-", key: nil, outcome: "deny:unknown_key", detail: "GET /x", at: 11), keyPosition: nil)
        log.append(Self.entry("check", actor: "bob", key: ids[1], outcome: "allow", detail: "GET /y", at: 12), keyPosition: 1)
        log.append(Self.entry("note", actor: "me", key: KeyID("key_elsewhere"), at: 13), keyPosition: nil)
        let entries = log.entries(limit: nil, keyID: { ids[$0] })
        #expect(entries.map(\.sequence) == [1, 2, 3, 4])
        #expect(entries.map(\.actor) == ["me", "-", "bob", "me"])
        #expect(entries.map(\.action) == ["key.create", "check", "check", "note"])
        #expect(entries.map(\.keyID) == [ids[0], nil, ids[1], KeyID("key_elsewhere")])
        #expect(entries.map(\.outcome) == ["ok", "deny:unknown_key", "allow", "ok"])
        #expect(entries.map(\.detail) == ["", "GET /x", "GET /y", ""])
        #expect(entries.map(\.time.secondsSinceEpoch) == [10, 11, 12, 13])
    }

    @Test func aLimitReturnsTheNewestEntriesWithTheirOwnSequenceNumbers() {
        var log = MemoryAuditLog()
        for i in 0..<5 { log.append(Self.entry("a\(i)", actor: "me", key: nil), keyPosition: nil) }
        let newest = log.entries(limit: 2, keyID: { _ in KeyID("unused") })
        #expect(newest.map(\.sequence) == [4, 5])
        #expect(newest.map(\.action) == ["a3", "a4"])
        #expect(log.entries(limit: 0, keyID: { _ in KeyID("unused") }).isEmpty)
        #expect(log.entries(limit: 99, keyID: { _ in KeyID("unused") }).count == 5)
    }

    @Test func removingTheLastEntryUndoesItsAppend() {
        var log = MemoryAuditLog()
        log.append(Self.entry("kept", actor: "me", key: nil), keyPosition: nil)
        log.append(Self.entry("undone", actor: "me", key: nil), keyPosition: nil)
        log.removeLast()
        #expect(log.entries(limit: nil, keyID: { _ in KeyID("unused") }).map(\.action) == ["kept"])
        #expect(log.count == 1)
    }
}
