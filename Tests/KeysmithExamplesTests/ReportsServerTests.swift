import KeysmithTestSupport
import Testing

/// The server example (Tests/Examples/ReportsServer, shown in "Verifying keys in your server")
/// answers its own routes only with a key that holds the route's grant, and says why not
/// otherwise, over a real socket.
@Suite struct ReportsServerTests {
    @Test func theAppsRoutesAnswerOnlyKeysHoldingTheirGrant() async throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(executable: try BuiltExecutable.require("ReportsServer"), arguments: ["0"], in: directory)
        try await server.waitUntilListening()
        let secret = try await Self.secret(in: server)
        let key = "Authorization: Bearer \(secret)"

        let read = try await Curl.call(server.baseURL + "/api/reports/r7", headers: [key], in: directory)
        #expect(read.status == 200)
        #expect(read.body == "report r7 for me\n")
        #expect(read.headers.lowercased().contains("keysmith-key-id: key_"))

        let write = try await Curl.call(server.baseURL + "/api/reports", method: "POST", headers: [key], in: directory)
        #expect(write.status == 403)
        #expect(write.body.contains(#""code":"missing_grant""#))
        #expect(write.body.contains(#""acceptedGrants":["ReportsWrite"]"#))

        let anonymous = try await Curl.call(server.baseURL + "/api/reports/r7", in: directory)
        #expect(anonymous.status == 401)
        #expect(anonymous.body.contains(#""code":"missing_key""#))

        for answer in [read, write, anonymous] { #expect(!answer.body.contains(secret) && !answer.headers.contains(secret)) }
        #expect(try await server.stop() == 0)
    }

    /// The secret the server printed once, after its listening line.
    static func secret(in server: ServerProcess) async throws -> String {
        func line(in out: String) -> Substring? {
            out.split(separator: "\n").first(where: { $0.hasPrefix("dashboard key (ReportsRead): ") })
        }
        let out = try await server.program.waitForOutput(timeout: .seconds(5)) { line(in: $0)?.firstRange(of: "ksk_") != nil }
        guard let line = line(in: out), let start = line.firstRange(of: "ksk_") else {
            throw TestProblem("the server printed no key: \(out)")
        }
        return String(line[start.lowerBound...])
    }
}
