package import KeysmithCore
import KeysmithHTTP

/// One answered request as the journal keeps it (`GET /_keysmith/requests`): who asked what,
/// and what the server answered and why. Never a secret: the path is redacted as the request
/// log shows it, the key is named by id and name.
package struct JournalEntry: Sendable, Hashable {
    /// Rises by one with each entry the server journals (the SSE event id).
    package var sequence: UInt64 = 0
    /// `Keysmith-Request-Id`.
    package var requestID: String
    /// The wall clock when the request arrived.
    package var time: Instant
    /// The store's clock at the check (nil when the request never reached one).
    package var storeTime: Instant?
    package var method: String
    /// Redacted and escaped (``RequestLog``'s rules).
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
    /// Forced by `Prefer` (`serve --allow-prefer`).
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

    /// The JSON field names of ``json``, in order (the inspector page reads no others).
    package static let fieldNames = [
        "seq", "id", "time", "storeTime", "method", "path", "status", "outcome", "reason", "keyId", "keyName", "user",
        "endpoint", "mode", "forced", "micros", "explanation", "acceptedGrants", "keyGrants", "rateLimit",
    ]
    /// The fields of the `rateLimit` object.
    package static let rateLimitFieldNames = ["limit", "remaining", "resetSeconds"]

    package init(
        requestID: String, time: Instant, storeTime: Instant?, method: String, path: String, status: Int,
        reason: String, keyID: String?, keyName: String?, user: String?, endpoint: String?, mode: String?,
        forced: Bool, micros: Int64
    ) {
        self.requestID = requestID
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

    /// The entry as one JSON object; fields in this order, absent values as `null`:
    /// `seq, id, time, storeTime, method, path, status, outcome, reason, keyId, keyName, user,
    /// endpoint, mode, forced, micros`.
    package var json: String {
        var json = JSONText()
        json.field("seq", Int(sequence))
        json.field("id", requestID)
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
        return json.text
    }
}
