/// What `GET /_keysmith/requests/stream` writes (Server-Sent Events): an opening comment, then
/// — when the client reconnects with `Last-Event-ID` — the entries after that one that the
/// journal still holds (all it holds, for an id from before the server started), then each new entry as it is added, every one that ``filter`` matches,
/// as `id: SEQ`, `event: request`, `data: ENTRY-JSON`; and when the journal is cleared (`DELETE`
/// or a reset), `event: cleared`, `data: {"generation":N}` (no id: it replays nothing). A comment (`: heartbeat`) goes out
/// every ``heartbeat`` so a client that went away without a word is noticed (the write fails)
/// and its subscription ends.
package struct JournalStream: Sendable {
    let journal: RequestJournal
    let filter: RequestJournal.Filter
    let lastEventID: UInt64?
    let heartbeat: Duration

    package init(journal: RequestJournal, filter: RequestJournal.Filter, lastEventID: UInt64?, heartbeat: Duration) {
        self.journal = journal
        self.filter = filter
        self.lastEventID = lastEventID
        self.heartbeat = heartbeat
    }

    private enum Event: Sendable {
        case change(RequestJournal.Change)
        case heartbeat
    }

    /// Writes the stream through `write` until the journal is closed (a graceful shutdown) or
    /// a write throws (the client is gone), whose error it rethrows.
    package func run(write: (String) async throws -> Void) async throws {
        // Subscribed before the replay is read: an entry added in between is in one or both,
        // and the sequence numbers keep it from being sent twice.
        let changes = journal.subscribe()
        try await write(": keysmith request journal\n\n")
        // An id above any this journal gave is an earlier server's (the client reconnected
        // across a restart): every entry held is new to it.
        let after = lastEventID.map { $0 > journal.lastSequence ? 0 : $0 }
        var sent = after ?? 0
        if let lastEventID = after {
            var replayed = filter
            replayed.limit = nil
            for entry in journal.entries(replayed).reversed() where entry.sequence > lastEventID {
                try await write(Self.event(entry))
                sent = entry.sequence
            }
        }
        let (events, continuation) = AsyncStream.makeStream(of: Event.self)
        let heartbeat = self.heartbeat
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for await change in changes { continuation.yield(.change(change)) }
                continuation.finish()
            }
            group.addTask {
                while true {
                    try await Task.sleep(for: heartbeat)
                    continuation.yield(.heartbeat)
                }
            }
            for await event in events {
                switch event {
                case .change(.added(let entry)):
                    guard entry.sequence > sent, filter.matches(entry) else { continue }
                    try await write(Self.event(entry))
                    sent = entry.sequence
                case .change(.cleared(let generation)):
                    try await write("event: cleared\ndata: {\"generation\":\(generation)}\n\n")
                case .heartbeat:
                    try await write(": heartbeat\n\n")
                }
            }
            group.cancelAll()
        }
    }

    static func event(_ entry: JournalEntry) -> String {
        "id: \(entry.sequence)\nevent: request\ndata: \(entry.json)\n\n"
    }
}
