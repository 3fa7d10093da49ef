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
        let outcome = await interpreter.run(
            SourceFile(
                name: "embed.ks",
                text: """
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
        await interpreter.run(
            SourceFile(
                name: "embed.ks",
                text: """
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
        interpreter.define("secret", as: .secret(created.secret))
        await interpreter.run(SourceFile(name: "embed.ks", text: "expect allow check $secret GET /users/me/profile"))
        #expect(interpreter.failedExpectations == 0)
    }

    struct QuotaExceeded: Error, CustomStringConvertible {
        var description: String { "the team's deploy quota is used up" }
    }

    /// An embedder's own error is reported at the command that threw it, with its own words,
    /// and kept whole for a program that runs the script.
    @Test func anEmbeddersErrorIsReportedAtItsCommandAndKeptWhole() async throws {
        let (interpreter, output) = makeInterpreter()
        interpreter.register(CommandSpec("deploy", summary: "deploys") { _ in throw QuotaExceeded() })
        let outcome = await interpreter.run(SourceFile(name: "embed.ks", text: "echo first\n  deploy\necho never"))
        #expect(outcome == .commandFailed)
        #expect(output.text == "first\nembed.ks:2:3: error: the team's deploy quota is used up\n")
        let stopped = try #require(interpreter.lastError)
        #expect(stopped.location.line == 2 && stopped.location.column == 3)
        guard case .command(let own) = stopped.kind else {
            Issue.record("kind \(stopped.kind)")
            return
        }
        #expect(own is QuotaExceeded)
        let call = try interpreter.invocation(of: interpreter.registry.commands["deploy"]!, arguments: "")
        await #expect(throws: QuotaExceeded.self) { try await interpreter.registry.commands["deploy"]!.run(call) }
    }

    /// A command runs on its own in a test, with its arguments bound as a script would bind them.
    @Test func aCommandCanBeInvokedAlone() async throws {
        let (interpreter, output) = makeInterpreter()
        _ = try await interpreter.service.addUser("ann", role: .member, actor: "me")
        let call = try interpreter.invocation(of: Self.greet, arguments: "ann --loud")
        #expect(try await Self.greet.run(call) == .string("hello, ann"))
        #expect(output.text == "HELLO, ANN\n")
        #expect(throws: ScriptError.self) { try interpreter.invocation(of: Self.greet, arguments: "ann --lod") }
    }

    /// A check's record carries its typed result, so a program reads the decision, not text.
    @Test func aChecksValueCarriesItsDecision() async throws {
        let (interpreter, _) = makeInterpreter()
        try await interpreter.act(as: "me")
        await interpreter.run(SourceFile(name: "embed.ks", text: "check ksk_nothing GET /users/me/profile"))
        #expect(interpreter.lastValue?.checkResult?.decision == .deny(.unknownKey))
    }
}
