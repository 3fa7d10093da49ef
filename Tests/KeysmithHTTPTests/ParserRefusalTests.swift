import Foundation
import KeysmithTestSupport
import Testing

/// Requests Hummingbird's HTTP parser refuses
/// (Docs: Verifying keys in your server, The answer) still get the contract's answer: a JSON body with a code (`bad_request`,
/// or 431 `request_header_fields_too_large` for headers over the limits), a
/// `Keysmith-Deny-Reason` header, and a line in the request log. Sent over raw sockets: curl
/// cannot send most of them.
@Suite(.serialized) struct ParserRefusalTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: [UInt8]
        let status: Int
        let code: String
        var testDescription: String { name }
    }

    static func request(_ head: String, _ extra: [UInt8] = []) -> [UInt8] { Array(head.utf8) + extra }

    static let cases: [Case] = [
        Case(
            name: "an unknown method", bytes: request("BREW /documents/d1 HTTP/1.1\r\nHost: x\r\n\r\n"),
            status: 400, code: "bad_request"),
        Case(
            name: "a header over 8 KB",
            bytes: request("GET /documents/d1 HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "y", count: 9_000))\r\n\r\n"),
            status: 431, code: "request_header_fields_too_large"),
        Case(
            name: "more than 100 headers",
            bytes: request("GET /documents/d1 HTTP/1.1\r\nHost: x\r\n" + (0..<120).map { "X-Filler-\($0): y\r\n" }.joined() + "\r\n"),
            status: 431, code: "request_header_fields_too_large"),
        Case(
            name: "a NUL in the request line",
            bytes: request("GET /documents/d") + [0] + request("1 HTTP/1.1\r\nHost: x\r\n\r\n"),
            status: 400, code: "bad_request"),
        Case(
            name: "a 0xFF byte in the request line",
            bytes: request("GET /documents/d") + [0xFF] + request("1 HTTP/1.1\r\nHost: x\r\n\r\n"),
            status: 400, code: "bad_request"),
        Case(
            name: "Transfer-Encoding with Content-Length",
            bytes: request("POST /documents HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n"),
            status: 400, code: "bad_request"),
    ]

    @Test("each refused request gets a JSON body, Keysmith-Deny-Reason and a log line; the server lives on")
    func parserRefusalsGetTheContractsAnswer() async throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(["--memory", "--log", "json"], in: directory)
        try await server.waitUntilListening()
        guard let port = UInt16(server.baseURL.split(separator: ":").last ?? "") else { throw TestProblem("no port") }
        for c in Self.cases {
            let client = try HalfOpenClient(port: port, sending: c.bytes)
            let answer = client.readToEnd()
            client.close()
            let head = answer.components(separatedBy: "\r\n\r\n").first ?? ""
            let body = answer.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
            #expect(head.hasPrefix("HTTP/1.1 \(c.status)"), "\(c.name): \(answer)")
            #expect(head.lowercased().contains("keysmith-deny-reason: \(c.code)"), "\(c.name): \(head)")
            #expect(head.lowercased().contains("content-type: application/json"), "\(c.name): \(head)")
            #expect(body.hasPrefix(#"{"status":\#(c.status),"code":"\#(c.code)","message":""#), "\(c.name): \(body)")
        }
        let stillUp = try await Curl.call(server.baseURL + "/healthz", in: directory)
        #expect(stillUp.status == 200)
        #expect(try await server.stop() == 0)
        let lines = server.stderr.split(separator: "\n")
        for c in Self.cases {
            #expect(
                lines.contains { $0.contains(#""status":\#(c.status)"#) && $0.contains(#""reason":"\#(c.code)""#) },
                "no log line for \(c.name): \(server.stderr)")
        }
        #expect(lines.filter { $0.contains(#""reason":"bad_request""#) }.count == 4, "\(server.stderr)")
        #expect(lines.filter { $0.contains(#""reason":"request_header_fields_too_large""#) }.count == 2, "\(server.stderr)")
    }

    @Test("a control character in a header value is said to be in the value, of which header; a bad name is said to be the name")
    func badHeaderValueOrName() async throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(["--memory"], in: directory)
        try await server.waitUntilListening()
        guard let port = UInt16(server.baseURL.split(separator: ":").last ?? "") else { throw TestProblem("no port") }
        let cases: [(bytes: [UInt8], message: String)] = [
            (
                Self.request("GET /v1/documents/d1 HTTP/1.1\r\nHost: x\r\nX-Request-Id: a") + [0x01] + Self.request("b\r\n\r\n"),
                "the value of the header X-Request-Id holds a control character (byte 0x01), which header values may not"
            ),
            (
                Self.request("GET /v1/documents/d1 HTTP/1.1\r\nHost: x\r\nX-Request-Id: a") + [0x00] + Self.request("b\r\n\r\n"),
                "the value of the header X-Request-Id holds a control character (byte 0x00)"
            ),
            (
                Self.request("GET /v1/documents/d1 HTTP/1.1\r\nHost: x\r\nPrefer: a") + [0x7F] + Self.request("b\r\n\r\n"),
                "the value of the header Prefer holds a control character (byte 0x7F)"
            ),
            (
                Self.request("GET /v1/documents/d1 HTTP/1.1\r\nHost: x\r\nX Bad: v\r\n\r\n"),
                "a header name holds a character header names may not (byte 0x20)"
            ),
        ]
        for c in cases {
            let client = try HalfOpenClient(port: port, sending: c.bytes)
            let answer = client.readToEnd()
            client.close()
            #expect(answer.hasPrefix("HTTP/1.1 400") && answer.contains(c.message), "\(answer)")
        }
        #expect(try await server.stop() == 0)
    }
}
