package import HTTPTypes
package import KeysmithCore
import KeysmithHTTP

/// One answered request as the journal keeps it (`GET /_keysmith/requests`): who asked what,
/// and what the server answered and why. Never a secret: secret-shaped runs of the path are
/// cut, the key is named by id and name, and no `Authorization` value is kept.
///
/// Adding an entry costs a few copies (the response's header fields are kept as the value
/// they already are); its JSON is built only when an admin reads it.
package struct JournalEntry: Sendable, Hashable {
    /// Rises by one with each entry the server journals (the SSE event id).
    package var sequence: UInt64 = 0
    /// How many times the journal had been cleared (`DELETE`, or a reset) when it kept this
    /// entry. Numbering goes on across a clear, so a reader notices one by this changing.
    package var generation: UInt64 = 0
    /// `Keysmith-Request-Id`: the server's own id, unique to this request.
    package var requestID: String
    /// The client's own `X-Request-Id`, when it sent a well-formed one (any number of requests
    /// may share it).
    package var clientRequestID: String?
    /// The wall clock when the request arrived.
    package var time: Instant
    /// The store's clock at the check (nil when the request never reached one).
    package var storeTime: Instant?
    package var method: String
    /// Percent-decoded, secret-shaped runs cut, invisible format characters escaped, otherwise
    /// as received (``shownPath(_:hiding:)``): the JSON escapes it, and a page must show it as text.
    package var path: String
    package var status: Int
    /// `allow` (any answer below 400) or `deny`.
    package var outcome: String { status < 400 ? "allow" : "deny" }
    /// `allow`, a deny reason (`missing_grant`), a request-shape reason (`missing_key`), or `-`.
    package var reason: String
    package var keyID: String?
    package var keyName: String?
    package var user: String?
    /// The matched endpoint (`GET /documents/{id}`).
    package var endpoint: String?
    /// `user` or `admin` (`Lucid-Request-As`), for a request that reached its check.
    package var mode: String?
    /// Shaped by `Prefer` (`serve --allow-prefer`): an outcome forced, or the real answer delayed.
    package var forced: Bool
    /// Time taken to answer, in microseconds.
    package var micros: Int64
    /// The check's explanation sentence, for a checked denial.
    package var explanation: String?
    /// The grants the matched endpoint accepts.
    package var acceptedGrants: [String]?
    /// The grants the key holds.
    package var keyGrants: [String]?
    /// The matched endpoint's rate-limit window after the check.
    package var rateLimit: RateLimitStatus?
    /// The header fields of the response as keysmith sent them (``recordedHeaders(_:)``).
    package var responseHeaders = HTTPFields()

    /// The JSON field names of ``json``, in order (the inspector page reads no others).
    package static let fieldNames = [
        "seq", "generation", "id", "clientRequestId", "time", "storeTime", "method", "path", "status", "outcome", "reason", "keyId",
        "keyName", "user",
        "endpoint", "mode", "forced", "micros", "explanation", "acceptedGrants", "keyGrants", "rateLimit",
        "responseHeaders",
    ]
    /// The fields of the `rateLimit` object.
    package static let rateLimitFieldNames = ["limit", "remaining", "resetSeconds"]
    /// The fields of each object of `responseHeaders`.
    package static let headerFieldNames = ["name", "value"]

    package init(
        requestID: String, clientRequestID: String? = nil, time: Instant, storeTime: Instant?, method: String, path: String, status: Int,
        reason: String, keyID: String?, keyName: String?, user: String?, endpoint: String?, mode: String?,
        forced: Bool, micros: Int64
    ) {
        self.requestID = requestID
        self.clientRequestID = clientRequestID
        self.time = time
        self.storeTime = storeTime
        self.method = method
        self.path = path
        self.status = status
        self.reason = reason
        self.keyID = keyID
        self.keyName = keyName
        self.user = user
        self.endpoint = endpoint
        self.mode = mode
        self.forced = forced
        self.micros = micros
    }

    /// The entry as one JSON object; fields in the order of ``fieldNames``, absent values as
    /// `null`; `responseHeaders` as `[{"name":…,"value":…}, …]` in the order sent.
    package var json: String {
        var json = JSONText()
        json.field("seq", Int(sequence))
        json.field("generation", Int(generation))
        json.field("id", requestID)
        json.field("clientRequestId", clientRequestID)
        json.field("time", time.description)
        json.field("storeTime", storeTime?.description)
        json.field("method", method)
        json.field("path", path)
        json.field("status", status)
        json.field("outcome", outcome)
        json.field("reason", reason)
        json.field("keyId", keyID)
        json.field("keyName", keyName)
        json.field("user", user)
        json.field("endpoint", endpoint)
        json.field("mode", mode)
        json.field("forced", forced)
        json.field("micros", Int(micros))
        json.field("explanation", explanation)
        if let acceptedGrants { json.field("acceptedGrants", acceptedGrants) } else { json.field("acceptedGrants", json: "null") }
        if let keyGrants { json.field("keyGrants", keyGrants) } else { json.field("keyGrants", json: "null") }
        if let rateLimit {
            var window = JSONText()
            window.field("limit", rateLimit.limit.description)
            window.field("remaining", rateLimit.remaining)
            window.field("resetSeconds", Int(rateLimit.resetSeconds))
            json.field("rateLimit", json: window.text)
        } else {
            json.field("rateLimit", json: "null")
        }
        json.field(
            "responseHeaders",
            json: JSONText.array(
                responseHeaders.map { field in
                    var header = JSONText()
                    header.field("name", field.name.rawName)
                    header.field("value", PrintableText.shown(field.value))
                    return header.text
                }))
        return json.text
    }

    /// The fields of a response the journal keeps: all but `Authorization` (a response has
    /// none; were one ever added, the key id stands for it) and `Set-Cookie`.
    package static func recordedHeaders(_ fields: HTTPFields) -> HTTPFields {
        guard fields.contains(where: { $0.name == .authorization || $0.name == .setCookie }) else { return fields }
        var kept = fields
        kept[values: .authorization] = []
        kept[values: .setCookie] = []
        return kept
    }

    /// The longest path an entry keeps, in characters.
    static let longestPath = 2_000

    /// `raw` (a request's path as received) as the journal keeps it: percent-decoded, then
    /// secret-shaped runs cut (as the request log does, before anything could hide them), and
    /// at most ``longestPath`` characters. Only the invisible format characters are escaped
    /// (`\u{202E}`, as the log writes them: a bidi override would make a page show the path
    /// reversed); the JSON escapes the rest. A path that does not decode is not kept at all:
    /// it could hide a secret behind its bad escape. The server's admin token (`hiding`) is cut
    /// as a secret is.
    package static func shownPath(_ raw: String, hiding hidden: HiddenToken = .none) -> String {
        guard case .success(let decoded) = RequestPath.percentDecoded(raw) else {
            return "<undecodable path of \(raw.utf8.count) bytes>"
        }
        // Redacted first, as ``PrintableText/shown(_:keepingLineBreaks:)`` does: an escape
        // could split a secret the scan would then miss.
        let redacted = PrintableText.escapingFormatCharacters(SecretRedaction.redacting(hidden.hiding(decoded)))
        return redacted.count > longestPath ? String(redacted.prefix(longestPath)) + "…" : redacted
    }
}
