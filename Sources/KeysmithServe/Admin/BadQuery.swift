import HTTPTypes
import Hummingbird
import KeysmithHTTP
import NIOCore

/// A query parameter an admin route cannot use: a 400 `bad_query` whose JSON body names the
/// parameter and what it may be, `{"status":400,"code":"bad_query","message":…,"parameter":…,
/// "allowed":[…]}` (for a parameter the route does not take, `allowed` lists the parameters).
struct BadQuery: HTTPResponseError, Sendable {
    let parameter: String
    let message: String
    let allowed: [String]

    var status: HTTPResponse.Status { .badRequest }

    var body: String {
        var json = JSONText()
        json.field("status", 400)
        json.field("code", "bad_query")
        json.field("message", message)
        json.field("parameter", parameter)
        json.field("allowed", allowed)
        return json.text
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var fields = HTTPFields()
        fields[KeysmithHeader.denyReason] = "bad_query"
        fields[.contentType] = "application/json; charset=utf-8"
        let response = Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: body)))
        return request.method == .head ? response.createHeadResponse() : response
    }
}
