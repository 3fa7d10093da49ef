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
        #expect(!stdout.contains("ksk_"))
    }

    static let expected = """
        added document plan owned by me
        created deploy token key_pv89ecmy "web"
        allow (200) GET /documents/{id} accepts DocumentReadonly, which key key_pv89ecmy holds; me may view that document
        deny:missing_grant (403) POST /documents/{id}/trash accepts DocumentEdit; key key_pv89ecmy holds DocumentReadonly, FolderReadonly
        ID            NAME  STATUS  EXPIRES               LEFT  GRANTS                           CREATED               LAST USED
        key_pv89ecmy  web   active  2026-01-31T00:00:00Z  30d   DocumentReadonly,FolderReadonly  2026-01-01T00:00:00Z  2026-01-01T00:00:00Z
        outcome: completed, failed expectations: 0

        """
}
