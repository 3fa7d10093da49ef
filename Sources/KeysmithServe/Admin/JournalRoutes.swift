import HTTPTypes
import Hummingbird
import KeysmithHTTP
import NIOCore
import ServiceLifecycle

/// `GET /_keysmith/requests` (the journal, newest first, filtered), `DELETE` of it, and
/// `GET /_keysmith/requests/stream` (Server-Sent Events, ``JournalStream``). On a server
/// started with `--journal 0` each answers 409 `journal_off`.
enum JournalRoutes {
    /// The most entries one answer holds without `?limit=`.
    static let defaultLimit = 100

    /// `{"capacity":10000,"generation":0,"count":2,"requests":[entry, …]}`; filters (``JournalQuery``)
    /// `?key=` (id or name), `?outcome=allow|deny`, `?reason=`, `?limit=`.
    static func list(_ request: Request, journal: RequestJournal?) throws -> Response {
        let journal = try required(journal)
        let entries = journal.entries(try JournalQuery.filter(request, takesLimit: true, defaultLimit: defaultLimit))
        var json = JSONText()
        json.field("capacity", journal.capacity)
        json.field("generation", Int(journal.generation))
        json.field("count", entries.count)
        json.field("requests", json: JSONText.array(entries.map(\.json)))
        return AdminAPI.json(json.text)
    }

    /// Forgets the journal: `{"cleared":N}`.
    static func clear(_ journal: RequestJournal?, metrics: ServeMetrics?) throws -> Response {
        let journal = try required(journal)
        let count = journal.count
        journal.clear()
        metrics?.journalHolds(journal.count)
        var json = JSONText()
        json.field("cleared", count)
        return AdminAPI.json(json.text)
    }

    static let lastEventID = HTTPField.Name("Last-Event-ID")!

    /// The stream (``JournalStream``), filtered as the listing is (without `limit`), from
    /// after `Last-Event-ID` when the client sends one. It ends when the client goes or the
    /// server shuts down.
    ///
    /// The one rule for `Last-Event-ID`: any whole number 0 or more, in digits only, is
    /// accepted; one above the newest id replays all the journal holds (a client reconnecting
    /// after a restart holds the old server's ids).
    static func stream(_ request: Request, journal: RequestJournal?, heartbeat: Duration) throws -> Response {
        let journal = try required(journal)
        let filter = try JournalQuery.filter(request, takesLimit: false)
        var after: UInt64?
        if let value = request.headers[lastEventID] {
            // Digits only: UInt64("+3") would take a sign. Digits past UInt64's range are an id
            // above the newest too: all the journal holds is replayed.
            guard !value.isEmpty, value.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
                throw KeysmithDenial(
                    statusCode: 400, code: "bad_last_event_id",
                    message:
                        "Last-Event-ID: \(KeysmithDenial.excerpt(value)) is not an event id: it takes a whole number 0 or more, in digits only (one above the newest replays all the journal holds)"
                )
            }
            after = UInt64(value) ?? .max
        }
        let stream = JournalStream(journal: journal, filter: filter, lastEventID: after, heartbeat: heartbeat)
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                try await withGracefulShutdownHandler {
                    try await stream.run { text in try await writer.write(ByteBuffer(string: text)) }
                } onGracefulShutdown: {
                    journal.close()
                }
                try await writer.finish(nil)
            })
    }

    private static func required(_ journal: RequestJournal?) throws -> RequestJournal {
        guard let journal, journal.capacity > 0 else {
            throw KeysmithDenial(
                statusCode: 409, code: "journal_off",
                message: "this server keeps no journal of requests; the keys, limits and metrics are still here")
        }
        return journal
    }
}
