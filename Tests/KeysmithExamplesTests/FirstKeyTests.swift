import KeysmithTestSupport
import Testing

/// The "Getting started" example (Tests/Examples/FirstKey) builds with `import Keysmith` alone,
/// and its three checks answer allow, missing_grant and no_access, on the real clock.
@Suite struct FirstKeyTests {
    @Test func theExampleCreatesAKeyAndChecksIt() throws {
        let (status, stdout) = try runToEnd(try BuiltExecutable.require("FirstKey"))
        #expect(status == 0)
        let lines = stdout.split(separator: "\n")
        #expect(lines.count == 4, "\(stdout)")
        #expect(lines.first?.hasPrefix("created key_") == true)
        #expect(
            lines.dropFirst().map { $0.split(separator: ":").prefix(2).joined(separator: ":") } == [
                "GET /documents/plan: allow (200)",
                "POST /documents/plan/trash: deny",
                "GET /documents/other: deny",
            ])
        #expect(stdout.contains("POST /documents/plan/trash: deny:missing_grant (403)"))
        #expect(stdout.contains("GET /documents/other: deny:no_access (403)"))
        #expect(!stdout.contains("ksk_"))
    }
}
