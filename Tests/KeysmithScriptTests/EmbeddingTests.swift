import KeysmithCore
import KeysmithScript
import KeysmithStore
import KeysmithSyntax
import Testing

/// A program can embed keysmith: its own store, clock, randomness and output, source text,
/// and commands of its own in the same registry (help, argument errors and all).
@Suite struct EmbeddingTests {
    static let greet = CommandSpec(
        "team greet", summary: "greets a user", parameters: [Parameter("USER", .userName)],
        options: [OptionSpec("loud", value: nil, .text, help: "shout")]
    ) { call in
        let user = try await call.service.user(named: try call.text("USER"))
        let text = "hello, \(user.name)"
        call.output.line(call.has("loud") ? text.uppercased() : text)
        return .string(text)
    }

    @Test func aRegisteredCommandRunsAndItsResultCanBeBound() async {
        let (interpreter, output) = makeInterpreter()
        interpreter.register(Self.greet)
        let outcome = await interpreter.run(SourceFile(name: "embed.ks", text: """
            user add ann
            let g = team greet ann --loud
            echo got $g
            """))
        #expect(outcome == .completed)
        #expect(output.text == "added user ann (member)\nHELLO, ANN\ngot hello, ann\n")
    }

    @Test func aRegisteredCommandGetsHelpAndArgumentErrorsFromTheRegistry() async {
        let (interpreter, output) = makeInterpreter()
        interpreter.register(Self.greet)
        await interpreter.run(SourceFile(name: "embed.ks", text: """
            help team greet
            expect error team greet
            expect error team greet ann --lod
            expect error team great ann
            """))
        #expect(output.text.contains("usage: team greet USER [--loud]"))
        #expect(output.text.contains("embed.ks:2:14: error: missing USER"))
        #expect(output.text.contains("unknown option --lod (did you mean --loud?)"))
        #expect(output.text.contains("unknown command `team great` (did you mean `team greet`?)"))
        #expect(interpreter.failedExpectations == 0)
    }

    @Test func theServiceAndTheInterpreterShareOneStore() async throws {
        let (interpreter, _) = makeInterpreter()
        let created = try await interpreter.service.createKey(
            name: "from-swift", expires: .never, grants: ["User"], actor: "me")
        #expect(created.warning != nil)
        interpreter.variables["secret"] = .secret(created.secret)
        await interpreter.run(SourceFile(name: "embed.ks", text: "expect allow check $secret GET /users/me/profile"))
        #expect(interpreter.failedExpectations == 0)
    }
}
