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
        for _ in 0..<100 {
            if let line = server.stdout.split(separator: "\n").first(where: { $0.hasPrefix("dashboard key (ReportsRead): ") }),
                let start = line.firstRange(of: "ksk_")
            {
                return String(line[start.lowerBound...])
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestProblem("the server printed no key: \(server.stdout)")
    }
}
