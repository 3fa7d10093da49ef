import HTTPTypes
import Hummingbird
import KeysmithHTTP
import NIOCore
import ServiceLifecycle

/// `GET /_keysmith/requests` (the journal, newest first, filtered), `DELETE` of it, and
/// `GET /_keysmith/requests/stream` (Server-Sent Events).
enum JournalRoutes {
    /// The most entries one answer holds without `?limit=`.
    static let defaultLimit = 100

    /// `{"capacity":10000,"count":2,"requests":[entry, …]}`; filters `?key=` (id or name),
    /// `?outcome=allow|deny`, `?reason=`, `?limit=`.
    static func list(_ request: Request, journal: RequestJournal?) throws -> Response {
        let journal = try required(journal)
        let query = request.uri.queryParameters
        var filter = RequestJournal.Filter()
        filter.key = query.get("key")
        filter.reason = query.get("reason")
        if let outcome = query.get("outcome") {
            guard outcome == "allow" || outcome == "deny" else {
                throw bad("outcome=\(KeysmithDenial.excerpt(outcome)) is not allow or deny")
            }
            filter.outcome = outcome
        }
        if let limit = query.get("limit") {
            guard let value = Int(limit), value >= 1 else {
                throw bad("limit=\(KeysmithDenial.excerpt(limit)) is not a positive whole number")
            }
            filter.limit = value
        } else {
            filter.limit = defaultLimit
        }
        let entries = journal.entries(filter)
        var json = JSONText()
        json.field("capacity", journal.capacity)
        json.field("count", entries.count)
        json.field("requests", json: JSONText.array(entries.map(\.json)))
        return AdminAPI.json(json.text)
    }

    /// Forgets the journal: `{"cleared":N}`.
    static func clear(_ journal: RequestJournal?) -> Response {
        let count = journal?.count ?? 0
        journal?.clear()
        var json = JSONText()
        json.field("cleared", count)
        return AdminAPI.json(json.text)
    }

    /// Each new entry as an event, `id: SEQ`, `event: request`, `data: ENTRY-JSON`, from now
    /// on; a comment line first so a client sees the stream open. It ends when the client
    /// goes or the server shuts down.
    static func stream(_ journal: RequestJournal?) throws -> Response {
        let journal = try required(journal)
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-store"
        let entries = journal.subscribe()
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                try await writer.write(ByteBuffer(string: ": keysmith request journal\n\n"))
                try await withGracefulShutdownHandler {
                    for await entry in entries {
                        try await writer.write(ByteBuffer(string: event(entry)))
                    }
                } onGracefulShutdown: {
                    journal.close()
                }
                try await writer.finish(nil)
            })
    }

    static func event(_ entry: JournalEntry) -> String {
        "id: \(entry.sequence)\nevent: request\ndata: \(entry.json)\n\n"
    }

    private static func required(_ journal: RequestJournal?) throws -> RequestJournal {
        guard let journal, journal.capacity > 0 else {
            throw KeysmithDenial(statusCode: 404, code: "not_found", message: "this server keeps no journal")
        }
        return journal
    }

    private static func bad(_ message: String) -> KeysmithDenial {
        KeysmithDenial(statusCode: 400, code: "bad_query", message: message)
    }
}
