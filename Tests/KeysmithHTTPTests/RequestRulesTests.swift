import Foundation
import Hummingbird
import HummingbirdTesting
import KeysmithHTTP
import KeysmithServe
import Testing

/// The rules on the shape of a request (Docs: Verifying keys in your server, The request), before any key check: the API version, the
/// Authorization header, Lucid-Request-As; and malformed input answered with a 4xx, never a crash.
@Suite struct RequestRulesTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let path: String
        let version: String?
        let headers: [(String, String)]
        /// Replaces the usual `Authorization: Bearer <reader secret>` when set.
        let authorization: [String]?
        let status: Int
        let code: String?
        var testDescription: String { name }

        init(
            _ name: String, path: String = "/documents/d1", version: String? = "1", headers: [(String, String)] = [],
            authorization: [String]? = nil, status: Int, code: String?
        ) {
            self.name = name
            self.path = path
            self.version = version
            self.headers = headers
            self.authorization = authorization
            self.status = status
            self.code = code
        }
    }

    static let cases: [Case] = [
        Case("header version 1", status: 200, code: nil),
        Case("/v1/ prefix without the header", path: "/v1/documents/d1", version: nil, status: 200, code: nil),
        Case("both the header and the prefix", path: "/v1/documents/d1", status: 200, code: nil),
        Case("no version at all", version: nil, status: 400, code: "missing_api_version"),
        Case("header version 2", version: "2", status: 400, code: "unsupported_api_version"),
        Case("header version garbage", version: "one", status: 400, code: "unsupported_api_version"),
        Case("/v2/ prefix on a version-1 operation", path: "/v2/documents/d1", version: nil, status: 404, code: "unknown_endpoint"),
        Case("/v2/ prefix with header 1 on a version-1 operation", path: "/v2/documents/d1", status: 404, code: "unknown_endpoint"),
        Case("the version-2 operation under /v2/", path: "/v2/dataSources/aws/regions", version: nil, status: 200, code: nil),
        Case("the version-2 operation under /v2/ with header 1", path: "/v2/dataSources/aws/regions", status: 200, code: nil),
        Case(
            "the version-2 operation under /v2/ with header 2", path: "/v2/dataSources/aws/regions", version: "2",
            status: 200, code: nil),
        Case("the version-2 operation without /v2/", path: "/dataSources/aws/regions", status: 404, code: "unknown_endpoint"),
        Case("/v1/ prefix with header 2", path: "/v1/documents/d1", version: "2", status: 400, code: "unsupported_api_version"),
        Case("/v3/ prefix", path: "/v3/documents/d1", version: nil, status: 400, code: "unsupported_api_version"),
        Case(
            "a version too long to be a number", path: "/v99999999999999999999/documents/d1", version: nil, status: 400,
            code: "unsupported_api_version"),
        Case("two version headers", headers: [("Lucid-Api-Version", "1")], status: 400, code: "unsupported_api_version"),
        Case("Lucid-Request-As user", headers: [("Lucid-Request-As", "user")], status: 200, code: nil),
        Case("Lucid-Request-As admin", headers: [("Lucid-Request-As", "admin")], status: 200, code: nil),
        Case("Lucid-Request-As root", headers: [("Lucid-Request-As", "root")], status: 400, code: "bad_request_as"),
        Case(
            "two Lucid-Request-As", headers: [("Lucid-Request-As", "user"), ("Lucid-Request-As", "user")],
            status: 400, code: "bad_request_as"),
        Case("no Authorization", authorization: [], status: 401, code: "missing_key"),
        Case("Basic scheme", authorization: ["Basic bWU6cGFzcw=="], status: 401, code: "missing_key"),
        Case("no scheme", authorization: ["SECRET"], status: 401, code: "missing_key"),
        Case("empty Bearer", authorization: ["Bearer "], status: 401, code: "missing_key"),
        Case("two Authorization headers", authorization: ["Bearer a", "Bearer b"], status: 401, code: "missing_key"),
        Case("10 KB of text", authorization: ["Bearer " + String(repeating: "x", count: 10_240)], status: 401, code: "missing_key"),
        Case("lower-case bearer with the real secret", authorization: ["bearer <reader>"], status: 200, code: nil),
        Case("Bearer with a wrong secret", authorization: ["Bearer not-a-secret"], status: 401, code: "unknown_key"),
        Case("bad percent-encoding", path: "/documents/d%zz", status: 400, code: "bad_path"),
        Case("truncated percent-encoding", path: "/documents/d%4", status: 400, code: "bad_path"),
        Case("encoded slash", path: "/documents/d%2F1", status: 400, code: "bad_path"),
        Case("encoded invalid UTF-8", path: "/documents/%FF%FE", status: 400, code: "bad_path"),
        Case("percent-encoded id that decodes", path: "/documents/%64%31", status: 200, code: nil),
        Case("a 3000-byte path", path: "/documents/" + String(repeating: "a", count: 3000), status: 414, code: "path_too_long"),
        Case("a path of 200 segments", path: String(repeating: "/a", count: 200), status: 404, code: "unknown_endpoint"),
    ]

    @Test("request shape → status and reason", arguments: cases)
    func requestShape(_ c: Case) async throws {
        let world = try await HTTPWorld()
        let authorization = (c.authorization ?? ["Bearer <reader>"]).map {
            $0.replacingOccurrences(of: "<reader>", with: world.reader.secret)
        }
        let answer = try await world.test { client in
            try await client.call(
                .get, c.path, version: c.version,
                headers: c.headers + authorization.map { ("Authorization", $0) })
        }
        #expect(answer.status == c.status, "\(answer.body)")
        #expect(answer.header("Keysmith-Deny-Reason") == c.code)
        if let code = c.code {
            #expect(answer.body.contains(#""code":"\#(code)""#))
        }
        if c.code == "missing_key" {
            #expect(answer.header("WWW-Authenticate") == #"Bearer realm="keysmith""#)
        }
        #expect(!answer.body.contains(world.reader.secret))
    }

    /// Each malformed Authorization value is told what is wrong with it.
    @Test(
        "a malformed Authorization value is described as what it is, not as another scheme",
        arguments: [
            ("Bearer", "the Bearer credential is empty"),
            ("bearer   ", "the Bearer credential is empty"),
            ("Bearer\t<reader>", "separate Bearer from the secret with a space, not a tab"),
            ("", "the Authorization header is empty"),
            ("Basic bWU6cGFzcw==", "the Authorization scheme must be Bearer"),
        ])
    func authorizationMessages(_ value: String, _ message: String) async throws {
        let world = try await HTTPWorld()
        let answer = try await world.test { client in
            try await client.call(
                .get, "/documents/d1",
                headers: [("Authorization", value.replacingOccurrences(of: "<reader>", with: world.reader.secret))])
        }
        #expect(answer.status == 401)
        #expect(answer.header("Keysmith-Deny-Reason") == "missing_key")
        #expect(answer.body.contains(message), "\(answer.body)")
        #expect(!answer.body.contains(world.reader.secret))
    }

    @Test("a secret sent in the path, the query or another header is never echoed")
    func secretsElsewhereAreNotEchoed() async throws {
        let world = try await HTTPWorld()
        let secret = world.profile.secret
        let answers = try await world.test { client in
            [
                try await client.call(.get, "/documents/\(secret)", secret: world.reader.secret),
                try await client.call(.get, "/nowhere/\(secret)?token=\(secret)", secret: world.reader.secret),
                try await client.call(.get, "/documents/d1", secret: world.reader.secret, version: secret),
                try await client.call(.get, "/documents/d1", secret: world.reader.secret, version: "123456789012345" + secret),
                try await client.call(
                    .get, "/documents/d1", secret: world.reader.secret,
                    headers: [("Lucid-Request-As", "123456789012345" + secret)]),
                try await client.call(.get, "/documents/d1", secret: world.reader.secret, headers: [("Lucid-Request-As", secret)]),
                try await client.call(.get, "/documents/d1", headers: [("Authorization", secret)]),
            ]
        }
        for answer in answers {
            #expect(answer.status >= 400)
            // Not even a part of it: any 12 characters of its random part.
            let piece = String(secret.dropFirst(4).prefix(12))
            #expect(!answer.body.contains(piece), "\(answer.body)")
            #expect(!answer.headers.map(\.value).joined().contains(secret))
        }
    }
}
