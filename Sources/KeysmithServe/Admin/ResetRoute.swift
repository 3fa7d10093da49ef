import Hummingbird
import KeysmithHTTP

/// `POST /_keysmith/reset`: on a `--memory` server, a fresh store, the `--setup` script run
/// again and the journal cleared; the answer is the setup transcript (secrets included, as
/// `--setup` prints it at start-up), as text. A 409 on a persistent store.
enum ResetRoute {
    static func reset(_ resources: AdminAPI.Resources) async throws -> Response {
        guard let reset = resources.reset else {
            throw KeysmithDenial(
                statusCode: 409, code: "not_resettable",
                message: "only a server on a throwaway in-memory store can be reset; this one serves a persistent store")
        }
        let transcript = try await reset()
        if let journal = resources.journal {
            journal.clear()
            resources.metrics?.journalHolds(journal.count)
        }
        var response = AdminAPI.json(transcript)
        response.headers[.contentType] = "text/plain; charset=utf-8"
        return response
    }
}
