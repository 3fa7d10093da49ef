import Testing

@testable import KeysmithCore
@testable import KeysmithStore

/// The memory store keeps its audit log compactly (actors numbered, actions and outcomes as
/// small numbers, keys by position, a created key's detail not at all); what comes back out
/// must be exactly what went in.
@Suite struct MemoryAuditLogTests {
    static func entry(
        _ action: AuditAction, actor: String, key: KeyID?, outcome: AuditOutcome = .ok,
        detail: AuditDetail = .text(""), at seconds: Int64 = 0
    ) -> AuditEntry {
        AuditEntry(
            time: Instant(secondsSinceEpoch: seconds), actor: actor, action: action, keyID: key,
            outcome: outcome, detail: detail)
    }

    static func grants(_ index: Int) -> GrantSet {
        var set = GrantSet()
        set.insert(index)
        return set
    }

    static let keys = [
        APIKey(
            id: KeyID("key_a"), owner: "me", name: "a", expiration: .never, grants: grants(0),
            digest: SecretDigest(hashing: "a"), createdAt: Instant(secondsSinceEpoch: 0)),
        APIKey(
            id: KeyID("key_b"), owner: "bob", name: "b", expiration: .at(Instant(secondsSinceEpoch: 99)),
            grants: grants(1), digest: SecretDigest(hashing: "b"), createdAt: Instant(secondsSinceEpoch: 0)),
    ]

    static func entries(_ log: MemoryAuditLog, limit: Int? = nil) -> [AuditEntry] {
        log.entries(limit: limit, key: { keys[$0] }, grantNames: { Catalog.lucid.names(of: $0) })
    }

    @Test func entriesComeBackAsWrittenWithSequenceNumbersFromOne() {
        var log = MemoryAuditLog()
        let created = AuditDetail.keyCreated(expiration: .never, grants: ["User"])
        log.append(Self.entry(.keyCreate, actor: "me", key: Self.keys[0].id, detail: created, at: 10), keyPosition: 0)
        log.append(
            Self.entry(.check, actor: "-", key: nil, outcome: .decided(.deny(.unknownKey)), detail: .text("GET /x"), at: 11),
            keyPosition: nil)
        log.append(
            Self.entry(.check, actor: "bob", key: Self.keys[1].id, outcome: .decided(.allow), detail: .text("GET /y"), at: 12),
            keyPosition: 1)
        log.append(Self.entry(.keyRename, actor: "me", key: KeyID("key_elsewhere"), at: 13), keyPosition: nil)
        let entries = Self.entries(log)
        #expect(entries.map(\.sequence) == [1, 2, 3, 4])
        #expect(entries.map(\.actor) == ["me", "-", "bob", "me"])
        #expect(entries.map(\.action) == [.keyCreate, .check, .check, .keyRename])
        #expect(entries.map(\.keyID) == [Self.keys[0].id, nil, Self.keys[1].id, KeyID("key_elsewhere")])
        #expect(entries.map(\.outcome) == [.ok, .decided(.deny(.unknownKey)), .decided(.allow), .ok])
        #expect(entries.map(\.detail) == [created, .text("GET /x"), .text("GET /y"), .text("")])
        #expect(entries.map(\.time.secondsSinceEpoch) == [10, 11, 12, 13])
    }

    @Test func aLimitReturnsTheNewestEntriesWithTheirOwnSequenceNumbers() {
        var log = MemoryAuditLog()
        for (i, action) in [AuditAction.userAdd, .documentAdd, .folderAdd, .keyRename, .keyDelete].enumerated() {
            log.append(Self.entry(action, actor: "me", key: nil, at: Int64(i)), keyPosition: nil)
        }
        let newest = Self.entries(log, limit: 2)
        #expect(newest.map(\.sequence) == [4, 5])
        #expect(newest.map(\.action) == [.keyRename, .keyDelete])
        #expect(Self.entries(log, limit: 0).isEmpty)
        #expect(Self.entries(log, limit: 99).count == 5)
    }

    @Test func removingTheLastEntryUndoesItsAppend() {
        var log = MemoryAuditLog()
        log.append(Self.entry(.userAdd, actor: "me", key: nil), keyPosition: nil)
        log.append(Self.entry(.keyDelete, actor: "me", key: nil), keyPosition: nil)
        log.removeLast()
        #expect(Self.entries(log).map(\.action) == [.userAdd])
        #expect(log.count == 1)
    }
}
