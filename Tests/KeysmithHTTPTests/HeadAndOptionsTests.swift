import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KeysmithCore
import KeysmithHTTP
import KeysmithServe
import Testing

/// HEAD and OPTIONS (Docs: Verifying keys in your server, The request): HEAD is
/// GET without the body, wherever GET answers, allowed or denied; OPTIONS says which methods the
/// catalog has at a path (204 with `Allow`), or `unknown_endpoint` (404) for a path it lacks.
/// A method the catalog has nowhere is `unknown_endpoint` (404), as the check says.
@Suite struct HeadAndOptionsTests {
    /// Paths and keys whose GET answers differ: allowed, missing grant, unknown key, no version,
    /// unknown endpoint, and the version-2 operation.
    static let cases: [(path: String, key: String, version: String?)] = [
        ("/documents/d1", "reader", "1"),
        ("/folders/f1", "reader", "1"),
        ("/users/me/profile", "profile", "1"),
        ("/documents/d1", "wrong", "1"),
        ("/documents/d1", "reader", nil),
        ("/nowhere", "reader", "1"),
        ("/v2/dataSources/aws/regions", "reader", nil),
    ]

    @Test("HEAD answers the status and headers GET does, without a body", arguments: cases.indices)
    func headIsGetWithoutTheBody(_ index: Int) async throws {
        let c = Self.cases[index]
        let world = try await HTTPWorld()
        let secret = c.key == "reader" ? world.reader.secret : c.key == "profile" ? world.profile.secret : "not-a-secret"
        let (get, head) = try await world.test { client in
            (
                try await client.call(.get, c.path, secret: secret, version: c.version),
                try await client.call(.head, c.path, secret: secret, version: c.version)
            )
        }
        #expect(head.status == get.status, "GET: \(get.body)")
        #expect(head.body.isEmpty, "\(head.body)")
        for name in [
            "Keysmith-Deny-Reason", "Keysmith-Key-Id", "Keysmith-Key-Expires", "Content-Type", "Content-Length",
            "WWW-Authenticate", "Keysmith-Accepted-Grants",
        ] {
            #expect(head.header(name) == get.header(name), "\(name)")
        }
    }

    @Test("HEAD /healthz answers 200 without a body")
    func headHealthz() async throws {
        let world = try await HTTPWorld()
        let answer = try await world.test { client in try await client.call(.head, "/healthz", version: nil) }
        #expect(answer.status == 200)
        #expect(answer.body.isEmpty)
    }

    @Test(
        "OPTIONS answers 204 with Allow listing the catalog's methods at the path, without a key",
        arguments: ["/documents/d1", "/v1/documents/d1", "/users/me/profile", "/v2/dataSources/aws/regions"])
    func optionsListsTheMethods(_ path: String) async throws {
        let world = try await HTTPWorld()
        let answer = try await world.test { client in
            try await client.call(.options, path, version: path.hasPrefix("/v") ? nil : "1")
        }
        #expect(answer.status == 204, "\(answer.body)")
        #expect(answer.body.isEmpty)
        var expected = Catalog.methods.filter { $0 != "HEAD" && $0 != "OPTIONS" && Catalog.lucid.route(method: $0, path: path) != nil }
        #expect(!expected.isEmpty)
        if expected.contains("GET") { expected.append("HEAD") }
        expected.append("OPTIONS")
        let allowed = (answer.header("Allow") ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(Set(allowed) == Set(expected), "\(answer.header("Allow") ?? "no Allow")")
    }

    @Test("OPTIONS on a path the catalog lacks is unknown_endpoint (404)")
    func optionsOnAnUnknownPath() async throws {
        let world = try await HTTPWorld()
        let answer = try await world.test { client in try await client.call(.options, "/nowhere/at/all") }
        #expect(answer.status == 404)
        #expect(answer.header("Keysmith-Deny-Reason") == "unknown_endpoint")
        #expect(answer.body.contains(#""code":"unknown_endpoint""#))
    }

    @Test(
        "a method the catalog has nowhere is unknown_endpoint (404), with a JSON body",
        arguments: ["TRACE", "PROPFIND", "BREW"])
    func methodTheCatalogLacks(_ method: String) async throws {
        let world = try await HTTPWorld()
        let answer = try await world.test { client in
            try await client.call(HTTPRequest.Method(method)!, "/documents/d1", secret: world.reader.secret)
        }
        #expect(answer.status == 404, "\(answer.body)")
        #expect(answer.header("Keysmith-Deny-Reason") == "unknown_endpoint")
        #expect(answer.body.contains(#""code":"unknown_endpoint""#))
    }
}
