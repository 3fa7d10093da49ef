import KeysmithCore
import KeysmithServe
import Testing

/// The pieces of the journal and of `Prefer` on their own: the ring, its filters and
/// subscribers; the request id rule; what `Prefer` values mean.
struct ServeJournalTests {
    static func entry(_ n: Int, status: Int = 200, reason: String = "allow", key: String? = "key_a") -> JournalEntry {
        JournalEntry(
            requestID: "r\(n)", time: Instant(secondsSinceEpoch: 1_800_000_000 + Int64(n)), storeTime: nil,
            method: "GET", path: "/documents/d\(n)", status: status, reason: reason, keyID: key, keyName: key == nil ? nil : "k",
            user: "me", endpoint: "GET /documents/{id}", mode: "user", forced: false, micros: 10)
    }

    @Test("a full ring keeps the newest entries, newest first, numbered in order")
    func ringKeepsTheNewest() {
        let journal = RequestJournal(capacity: 3)
        for n in 1...5 { journal.add(Self.entry(n)) }
        #expect(journal.count == 3)
        #expect(journal.entries().map(\.requestID) == ["r5", "r4", "r3"])
        #expect(journal.entries().map(\.sequence) == [5, 4, 3])
        #expect(journal.entries(.init(limit: 2)).map(\.requestID) == ["r5", "r4"])
        journal.clear()
        #expect(journal.entries().isEmpty)
        journal.add(Self.entry(6))
        #expect(journal.entries().map(\.sequence) == [6])
    }

    @Test("filters by key id or name, outcome and reason")
    func filters() {
        let journal = RequestJournal(capacity: 10)
        journal.add(Self.entry(1))
        journal.add(Self.entry(2, status: 403, reason: "no_access"))
        journal.add(Self.entry(3, status: 401, reason: "missing_key", key: nil))
        #expect(journal.entries(.init(outcome: "deny")).map(\.requestID) == ["r3", "r2"])
        #expect(journal.entries(.init(reason: "no_access")).map(\.requestID) == ["r2"])
        #expect(journal.entries(.init(key: "key_a")).count == 2)
        #expect(journal.entries(.init(key: "k")).count == 2)
    }

    @Test("a subscriber receives each new entry; closing ends its stream; capacity 0 keeps nothing")
    func subscribers() async {
        let journal = RequestJournal(capacity: 2)
        let stream = journal.subscribe()
        journal.add(Self.entry(1))
        journal.clear()
        journal.close()
        var received: [String] = []
        for await change in stream {
            switch change {
            case .added(let entry): received.append(entry.requestID)
            case .cleared(let generation): received.append("cleared \(generation)")
            }
        }
        #expect(received == ["r1", "cleared 1"])
        let none = RequestJournal(capacity: 0)
        none.add(Self.entry(1))
        #expect(none.count == 0)
    }

    @Test("an entry's JSON has every field, in order, nulls included")
    func entryJSON() {
        let json = Self.entry(1, status: 401, reason: "missing_key", key: nil).json
        #expect(
            json.hasPrefix(
                #"{"seq":0,"generation":0,"id":"r1","clientRequestId":null,"time":"2027-01-15T08:00:01Z","storeTime":null,"method":"GET","path":"/documents/d1","status":401,"outcome":"deny","reason":"missing_key","keyId":null,"#
            ))
        #expect(
            json.hasSuffix(
                #""mode":"user","forced":false,"micros":10,"explanation":null,"acceptedGrants":null,"keyGrants":null,"rateLimit":null,"responseHeaders":[]}"#
            ))
    }

    @Test(
        "X-Request-Id is kept when well formed, never when shaped like a secret or like the server's own ids (req_…)",
        arguments: [
            ("trace-1.a:b_c", true), ("", false), ("has space", false), (String(repeating: "a", count: 129), false),
            ("ksk_" + String(repeating: "Q", count: 36), false), ("é", false),
            ("req_abcdefghijklmnopqrst", false), ("req_1", false), ("req_", false), ("request-1", true), ("my-req_1", true),
        ])
    func requestIDRule(_ id: String, kept: Bool) {
        #expect((RequestID.client([id]) == id) == kept)
        #expect(RequestID.client([id, id]) == nil)
    }

    @Test("the stream replays what follows Last-Event-ID, sends only what its filter matches, and ends at a failed heartbeat")
    func streamReplaysFiltersAndNoticesAGoneClient() async throws {
        let journal = RequestJournal(capacity: 10)
        journal.add(Self.entry(1))
        journal.add(Self.entry(2, status: 403, reason: "no_access"))
        journal.add(Self.entry(3))
        let stream = JournalStream(
            journal: journal, filter: .init(outcome: "allow"), lastEventID: 1, heartbeat: .milliseconds(20))
        let written = Written()
        await #expect(throws: ClientGone.self) {
            try await stream.run { text in
                let heartbeat = text == ": heartbeat\n\n"
                // The client is gone by the first heartbeat after entry 5: writing it fails.
                if heartbeat && written.texts.contains(where: { $0.hasPrefix("id: 5\n") }) { throw ClientGone() }
                written.append(text)
                if text.hasPrefix("id: 3\n") { journal.add(Self.entry(4, status: 401, reason: "missing_key")) }
                if heartbeat && written.texts.filter({ $0 == text }).count == 1 { journal.add(Self.entry(5)) }
            }
        }
        let events = written.texts.filter { $0.hasPrefix("id: ") }.map { $0.split(separator: "\n")[0] }
        #expect(events == ["id: 3", "id: 5"], "\(written.texts)")
        #expect(written.texts.first == ": keysmith request journal\n\n")
        #expect(journal.subscriberCount == 0, "the gone client's subscription ended")
    }

    @Test(
        "Prefer values",
        arguments: [
            ("reason=rate_limited", Preference(outcome: .reason(.rateLimited))),
            ("code=503", Preference(outcome: .storeUnavailable)),
            ("code=404", Preference(outcome: .reason(.unknownEndpoint))),
            ("delay=250ms", Preference(delay: .milliseconds(250))),
            ("reason=\"no_access\"; x=1, delay=2s", Preference(outcome: .reason(.noAccess), delay: .seconds(2))),
            ("return=minimal, respond-async", Preference()),
        ])
    func preferValues(_ header: String, expected: Preference) throws {
        #expect(try Preference.parse([header]) == expected)
    }

    @Test(
        "Prefer values that cannot be honoured are bad_prefer",
        arguments: ["reason=nope", "code=403", "code=500", "delay=31s", "delay=-1", "delay=1m"])
    func badPreferValues(_ header: String) {
        #expect(throws: (any Error).self) { try Preference.parse([header]) }
    }
    @Test("a Last-Event-ID from before the server started (above any id it gave) replays every entry held")
    func streamReplaysAllForAnEarlierServersID() async throws {
        let journal = RequestJournal(capacity: 10)
        for n in 1...3 { journal.add(Self.entry(n)) }
        let stream = JournalStream(journal: journal, filter: .init(), lastEventID: 500, heartbeat: .seconds(60))
        let written = Written()
        await #expect(throws: ClientGone.self) {
            try await stream.run { text in
                written.append(text)
                if text.hasPrefix("id: 3\n") { throw ClientGone() }
            }
        }
        #expect(written.texts.filter { $0.hasPrefix("id: ") }.map { $0.split(separator: "\n")[0] } == ["id: 1", "id: 2", "id: 3"])
    }
}

/// What a stream wrote, in order.
final class Written: @unchecked Sendable {
    private(set) var texts: [String] = []
    var count: Int { texts.count }
    func append(_ text: String) { texts.append(text) }
}

/// A write to a client that went away.
struct ClientGone: Error {}
