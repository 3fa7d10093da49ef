import KeysmithTestSupport
import Testing

/// The embedding example (Tests/Examples/DeployTokens, shown whole in the README and the
/// "Embedding the interpreter" article) builds, runs its script with its own command, and
/// prints the script's output: the command's line, the checks, the key list, and no secret.
@Suite struct DeployTokensTests {
    @Test func theExamplePrintsTheScriptsOutput() throws {
        let (status, stdout) = try runToEnd(try BuiltExecutable.require("DeployTokens"))
        #expect(status == 0)
        #expect(stdout == Self.expected, "\(stdout)")
        #expect(!stdout.contains("ksk_") || !stdout.replacingOccurrences(of: "ksk_…", with: "").contains("ksk_"))
    }

    static let expected = """
        EXPECTED
        """
}
