public import HTTPTypes
public import Hummingbird
import KeysmithCore
import KeysmithStore

/// A refused request as the server answers it (Docs: Verifying keys in your server, The answer): a status, a `Keysmith-Deny-Reason` header, the
/// headers of its kind (`WWW-Authenticate` on 401, `Keysmith-Accepted-Grants` on
/// `missing_grant`, `Retry-After` on `rate_limited`, `Keysmith-Key-Id` and `Keysmith-Key-Expires`
/// when a key matched) and a JSON body `{"status":…,"code":…,"message":…}` (with `acceptedGrants`
/// or `retryAfter` where they apply). Thrown by ``KeysmithMiddleware``; Hummingbird
/// turns it into the response. The message is redacted: it never holds a secret.
public struct KeysmithDenial: HTTPResponseError, Sendable, Hashable, CustomStringConvertible {
    /// The HTTP status code.
    public let statusCode: Int
    /// The machine-readable reason: a deny reason of the check (Docs: The check; `missing_grant`) or one of the
    /// request-shape reasons of the server (Docs: Verifying keys in your server, The request; `missing_key`, `missing_api_version`, …).
    public let code: String
    /// One sentence saying why, without secrets.
    public let message: String
    /// For `missing_grant`: the grants the endpoint accepts.
    public let acceptedGrants: [String]?
    /// The key the secret belongs to, when one matched.
    package let keyID: KeyID?
    /// That key's expiration.
    package let keyExpiration: Expiration?
    /// For `rate_limited`: seconds until a request would be allowed (`Retry-After`).
    public let retryAfterSeconds: Int64?
    /// What the operator needs to know and a client must not see (which database failed, and
    /// how): written to the request log, never into the response.
    public var operatorDetail: String?
    /// The grants the matched endpoint accepts, for `Keysmith-Accepted-Grants` on any
    /// authenticated denial of an endpoint that lists grants (the body names them only for
    /// `missing_grant`, in ``acceptedGrants``).
    package var endpointGrants: [String]?
    /// Where the request stands against the endpoint's rate limit (`RateLimit-Policy`, `RateLimit`).
    package var rateLimit: RateLimitStatus?

    /// A denial as given; `message` is redacted and its unprintable characters escaped here.
    public init(
        statusCode: Int, code: String, message: String, acceptedGrants: [String]? = nil,
        keyID: KeyID? = nil, keyExpiration: Expiration? = nil, retryAfterSeconds: Int64? = nil
    ) {
        self.statusCode = statusCode
        self.code = code
        self.message = PrintableText.shown(message)
        self.acceptedGrants = acceptedGrants
        self.keyID = keyID
        self.keyExpiration = keyExpiration
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// ``statusCode`` as Hummingbird's status type.
    public var status: HTTPResponse.Status { .init(code: statusCode) }

    /// `STATUS CODE: MESSAGE` (`403 missing_grant: …`), with the already redacted message.
    public var description: String { "\(statusCode) \(code): \(message)" }

    /// The JSON body.
    public var body: String {
        var json = JSONText()
        json.field("status", statusCode)
        json.field("code", code)
        json.field("message", message)
        if let acceptedGrants { json.field("acceptedGrants", acceptedGrants) }
        if let retryAfterSeconds { json.field("retryAfter", Int(retryAfterSeconds)) }
        return json.text
    }

    /// The response headers (without the content type and length).
    public var headers: HTTPFields {
        var fields = HTTPFields()
        fields[KeysmithHeader.denyReason] = code
        if statusCode == 401 {
            fields[.wwwAuthenticate] =
                code == "missing_key"
                ? #"Bearer realm="keysmith""#
                : #"Bearer realm="keysmith", error="invalid_token""#
        }
        if let grants = acceptedGrants ?? endpointGrants.flatMap({ $0.isEmpty ? nil : $0 }) {
            fields[KeysmithHeader.acceptedGrants] = grants.joined(separator: ", ")
        }
        if let keyID { fields[KeysmithHeader.keyID] = keyID.description }
        if let keyExpiration { fields[KeysmithHeader.keyExpires] = keyExpiration.description }
        if let retryAfterSeconds { fields[.retryAfter] = String(retryAfterSeconds) }
        if let rateLimit { RateLimitFields.add(rateLimit, to: &fields) }
        return fields
    }

    /// The response; to a HEAD request, the same without its body (the length is still said).
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        let response = Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: body)))
        return request.method == .head ? response.createHeadResponse() : response
    }
}

extension KeysmithDenial {
    /// The denial for a check's decision (the status of its reason, Docs: The check), or nil when it allowed.
    public init?(_ result: CheckResult) {
        guard let reason = result.decision.reason else { return nil }
        self.init(
            statusCode: reason.status, code: reason.rawValue, message: result.explanation,
            acceptedGrants: reason == .missingGrant ? result.matchedEndpoint?.grantNames ?? [] : nil,
            keyID: result.keyID, keyExpiration: result.key?.expiration,
            retryAfterSeconds: result.retryAfterSeconds)
        if result.key != nil, let grants = result.matchedEndpoint?.grantNames, !grants.isEmpty { endpointGrants = grants }
        rateLimit = result.rateLimit
    }

    /// `header` is the version header's name, empty when the rules have none (then only a
    /// prefix names the version).
    static func missingAPIVersion(header: String, prefixes: Bool) -> Self {
        let ways = [header.isEmpty ? nil : "send the header \(header): 1", prefixes ? "put /v1 before the path" : nil]
        return .init(
            statusCode: 400, code: "missing_api_version",
            message: ways.compactMap { $0 }.joined(separator: " or "))
    }

    static func unsupportedAPIVersion(_ version: String, header: String, supported: [Int]) -> Self {
        let prefixes = supported.filter { $0 != 1 }.map { "/v\($0)/" }
        let others = prefixes.isEmpty ? "" : ", and under \(prefixes.joined(separator: ", ")) the operations of that version"
        let ways = [header.isEmpty ? nil : "\(header): 1", supported.isEmpty ? nil : "/v1/"].compactMap { $0 }
        return .init(
            statusCode: 400, code: "unsupported_api_version",
            message:
                "API version \"\(Self.excerpt(version))\" is not supported here; this server speaks version 1 (\(ways.joined(separator: " or ")))\(others)"
        )
    }

    static func badRequestAs(_ values: [String], header: String) -> Self {
        let shown = values.map { "\"\(Self.excerpt($0))\"" }.joined(separator: ", ")
        return .init(
            statusCode: 400, code: "bad_request_as",
            message: "\(header) must be user or admin, once; got \(shown)")
    }

    /// At most 40 characters of a client's text, fit to show: redacted before it is cut, so a
    /// cut never leaves part of a secret too short to be recognised.
    package static func excerpt(_ text: String) -> String {
        let shown = PrintableText.shown(text)
        return shown.count > 40 ? String(shown.prefix(40)) + "…" : shown
    }

    /// The store could not answer. Its error names its database (host, port, user, schema):
    /// the operator's log gets it, an anonymous client does not.
    package static func storeUnavailable(_ error: any Error) -> Self {
        var denial = KeysmithDenial(
            statusCode: 503, code: "store_unavailable",
            message: "the key store could not answer; try again shortly")
        denial.operatorDetail = "\(error)"
        return denial
    }

    /// OPTIONS on a path where the catalog has no endpoint, for any method.
    static func unknownPath(_ path: String) -> Self {
        .init(
            statusCode: 404, code: "unknown_endpoint",
            message: "no endpoint in the catalog matches \(Self.excerpt(path)), for any method")
    }

    static func missingKey(_ why: String) -> Self {
        .init(statusCode: 401, code: "missing_key", message: why)
    }

    static func badPath(_ why: String) -> Self {
        .init(statusCode: 400, code: "bad_path", message: why)
    }

    static func pathTooLong(_ length: Int, limit: Int) -> Self {
        .init(
            statusCode: 414, code: "path_too_long",
            message: "the path has \(length) bytes; at most \(limit) are accepted")
    }
}
