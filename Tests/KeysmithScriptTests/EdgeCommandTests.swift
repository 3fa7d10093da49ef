import KeysmithCore
import KeysmithScript
import KeysmithStore
import KeysmithSyntax
import Testing

/// Commands at the edges of what they take: a rate limit longer than
/// keysmith's time, and `key extend` asked without the expiration it would refuse anyway.
@Suite struct EdgeCommandTests {
    @Test("a limit whose window outlasts keysmith's time says to retry no later than its latest instant")
    func retryNeverPointsPastTheLatestInstant() async {
        let (interpreter, output) = makeInterpreter()
        let outcome = await interpreter.run(
            SourceFile(
                name: "t.ks",
                text: """
                    let k = key create k --expires never --grants User
                    endpoint limit GET /users/me/profile 1/3650000d
                    expect allow check $k.secret GET /users/me/profile
                    let r = check $k.secret GET /users/me/profile
                    """))
        #expect(outcome == .completed, "\(output.text)")
        let wait = Instant.latest.secondsSinceEpoch - Instant(parsing: "2026-01-01")!.secondsSinceEpoch
        #expect(output.text.contains("retry in \(wait)s"), "\(output.text)")
        #expect(!output.text.contains("retry in 315360000000s"))
    }

    @Test(
        "key extend refuses on principle, with or without --expires, before asking for it",
        arguments: ["key extend $k.id", "key extend $k.id --expires 90d", "key extend $k.id --expires bogus"])
    func keyExtendRefusesOnPrincipleFirst(_ command: String) async {
        let (interpreter, output) = makeInterpreter()
        let outcome = await interpreter.run(
            SourceFile(
                name: "t.ks",
                text: """
                    let k = key create k --expires 30d --grants User
                    \(command)
                    """))
        #expect(outcome == .commandFailed)
        #expect(output.text.contains("is fixed at creation and cannot be extended"), "\(output.text)")
        #expect(!output.text.contains("missing --expires"), "\(output.text)")
    }
}
