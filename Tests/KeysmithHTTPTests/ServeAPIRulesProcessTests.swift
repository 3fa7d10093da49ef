import Foundation
import KeysmithTestSupport
import Testing

/// `keysmith serve --catalog FILE` answers an API of one's own the way its clients call it:
/// without Lucid's `Lucid-Api-Version` header or `/v1/` prefix, unless `--api-rules lucid`
/// asks for them; Lucid's catalog keeps Lucid's rules.
@Suite(.serialized) struct ServeAPIRulesProcessTests {
    static let description = """
        openapi: 3.1.0
        info: { title: Reports, version: "1" }
        paths:
          /reports:
            get:
              security: [{ ReportKey: [ReportRead] }]
              responses: { "200": { description: the reports } }
        components:
          securitySchemes:
            ReportKey: { type: http, scheme: bearer }
        """

    /// Serves the description with a ReportRead key; returns the server and the key's header.
    static func serve(_ extra: [String], in directory: TemporaryDirectory) async throws -> (ServerProcess, String) {
        try directory.write("api.yaml", description)
        try directory.write("keys.ks", "key create reader --expires 30d --grants ReportRead\n")
        let server = try ServerProcess(["--memory", "--catalog", "api.yaml", "--setup", "keys.ks"] + extra, in: directory)
        try await server.waitUntilListening()
        let secret = try #require(server.stdout.split(separator: " ").first { $0.hasPrefix("ksk_") })
        return (server, "Authorization: Bearer \(secret)")
    }

    @Test func anOwnCatalogIsServedWithoutLucidsRules() async throws {
        let directory = try TemporaryDirectory()
        let (server, key) = try await Self.serve([], in: directory)
        let plain = try await Curl.call(server.baseURL + "/reports", headers: [key], in: directory)
        #expect(plain.status == 200, "\(plain.body)")
        let requestAs = try await Curl.call(server.baseURL + "/reports", headers: [key, "Lucid-Request-As: nonsense"], in: directory)
        #expect(requestAs.status == 200, "\(requestAs.body)")
        let unknown = try await Curl.call(server.baseURL + "/v9/reports", headers: [key], in: directory)
        #expect(unknown.status == 404 && unknown.body.contains("unknown_endpoint"))
        #expect(try await server.stop() == 0)
    }

    @Test func apiRulesLucidAsksForLucidsVersionAgain() async throws {
        let directory = try TemporaryDirectory()
        let (server, key) = try await Self.serve(["--api-rules", "lucid"], in: directory)
        let plain = try await Curl.call(server.baseURL + "/reports", headers: [key], in: directory)
        #expect(plain.status == 400 && plain.body.contains("missing_api_version"), "\(plain.body)")
        let versioned = try await Curl.call(server.baseURL + "/reports", headers: [key, "Lucid-Api-Version: 1"], in: directory)
        #expect(versioned.status == 200, "\(versioned.body)")
        #expect(try await Curl.call(server.baseURL + "/v1/reports", headers: [key], in: directory).status == 200)
        #expect(try await server.stop() == 0)
    }

    @Test func lucidsCatalogWithApiRulesNoneTakesPlainPaths() async throws {
        let directory = try TemporaryDirectory()
        try directory.write("keys.ks", "key create reader --expires 30d --grants User\n")
        let server = try ServerProcess(["--memory", "--setup", "keys.ks", "--api-rules", "none"], in: directory)
        try await server.waitUntilListening()
        let secret = try #require(server.stdout.split(separator: " ").first { $0.hasPrefix("ksk_") })
        let answer = try await Curl.call(
            server.baseURL + "/users/me/profile", headers: ["Authorization: Bearer \(secret)"], in: directory)
        #expect(answer.status == 200, "\(answer.body)")
        #expect(try await server.stop() == 0)
    }
}
