import KeysmithCore
import KeysmithScript
import KeysmithStore
import KeysmithSyntax
import KeysmithTestSupport
import Testing

/// A fresh interpreter over an in-memory store, deterministic seed and clock.
func makeInterpreter() -> (Interpreter, BufferedOutput) {
    let output = BufferedOutput()
    return (Interpreter(service: TestWorld().service, output: output), output)
}

@Suite struct InterpreterTests {
    @Test func syntaxErrorAnywhereRunsNothing() async throws {
        let (interpreter, output) = makeInterpreter()
        let outcome = await interpreter.run(
            SourceFile(
                name: "t.ks",
                text: """
                    key create first --expires 30d --grants User
                    echo "unclosed
                    """))
        #expect(outcome == .syntaxError)
        #expect(try await interpreter.service.keys(actor: "me").isEmpty)
        #expect(output.text.contains("t.ks:2:6: error: unclosed double quote"))
    }

    @Test func failingCommandStopsTheScriptAndNamesItsLocation() async {
        let (interpreter, output) = makeInterpreter()
        let outcome = await interpreter.run(SourceFile(name: "t.ks", text: "echo one\n  kye list\necho never"))
        #expect(outcome == .commandFailed)
        #expect(output.text.contains("t.ks:2:3: error: unknown command `kye` (did you mean `key`?)"))
        #expect(!output.text.contains("never"))
    }

    @Test func failedExpectationIsReportedAndTheScriptGoesOn() async {
        let (interpreter, output) = makeInterpreter()
        let outcome = await interpreter.run(
            SourceFile(
                name: "t.ks",
                text: """
                    let k = key create k --expires 1d --grants User
                    expect deny check $k.secret GET /users/me/profile
                    echo after
                    """))
        #expect(outcome == .completed)
        #expect(interpreter.failedExpectations == 1)
        #expect(output.text.contains("t.ks:2:1: expectation failed: expected deny, got allow"))
        #expect(output.text.contains("after"))
    }

    @Test func letBindsTheCreatedKeyRecord() async throws {
        let (interpreter, _) = makeInterpreter()
        await interpreter.run(SourceFile(name: "t.ks", text: "let k = key create ci --expires 30d --grants User,DocumentReadonly"))
        guard case .record(let key)? = interpreter.variables["k"] else {
            Issue.record("no record")
            return
        }
        #expect(key.typeName == "key")
        #expect(key["name"] == .string("ci"))
        #expect(key["expires"] == .string("2026-01-31T00:00:00Z"))
        #expect(key["grants"] == .list([.string("User"), .string("DocumentReadonly")]))
        guard case .secret(let secret)? = key["secret"] else {
            Issue.record("no secret")
            return
        }
        #expect(Secret(parsing: secret) != nil)
    }

    @Test func secretsAreMaskedWhenPrintedOrInterpolated() async throws {
        let (interpreter, output) = makeInterpreter()
        await interpreter.run(SourceFile(name: "t.ks", text: "let k = key create ci --expires 30d --grants User"))
        guard case .record(let key)? = interpreter.variables["k"], case .secret(let secret)? = key["secret"] else {
            Issue.record("no secret")
            return
        }
        output.reset()
        await interpreter.run(
            SourceFile(
                name: "t.ks",
                text: """
                    echo $k.secret "$k.secret" x$k.secret
                    key show $k.id
                    key list
                    log
                    check $k.secret GET /users/me/profile
                    expect error key show $k.secret
                    """))
        #expect(!output.text.contains(secret))
        #expect(output.text.contains(Value.maskedSecret))
    }

    @Test func argumentErrorsShowTheUsageAndPointAtTheWord() async {
        let (interpreter, output) = makeInterpreter()
        await interpreter.run(SourceFile(name: "t.ks", text: "key create ci --expires 30x --grants User"))
        #expect(output.text.contains("t.ks:1:25: error: bad expiration \"30x\""))
        #expect(output.text.contains("usage: key create NAME --expires DURATION|INSTANT|never --grants G1,G2"))
    }

    @Test func interruptStopsALongLoopBetweenCommands() async {
        let (interpreter, output) = makeInterpreter()
        let counter = Counter()
        interpreter.interruptRequested = { counter.tick() > 1000 }
        let outcome = await interpreter.run(SourceFile(name: "t.ks", text: "repeat 1000000 { clock advance 1s }"))
        #expect(outcome == .interrupted)
        #expect(output.text.contains("interrupted"))
        #expect(interpreter.clock.now() < Instant(parsing: "2026-01-02")!)
    }

    @Test func sourceRunsAFileRelativeToTheCurrentOne() async throws {
        let directory = try TemporaryDirectory()
        try directory.write("lib.ks", "user add alice\nlet shared = echo from-lib")
        try directory.write("main.ks", "source lib.ks\necho $shared")
        let (interpreter, output) = makeInterpreter()
        interpreter.pushSource(directory.file("main.ks"))
        await interpreter.run(SourceFile(name: "main.ks", text: "source lib.ks\necho $shared"))
        #expect(output.text.contains("from-lib"))
        #expect(try await interpreter.service.users().map(\.name) == ["me", "alice"])
    }

    @Test func asSwitchesTheActingUserForKeyCommands() async throws {
        let (interpreter, _) = makeInterpreter()
        await interpreter.run(SourceFile(name: "t.ks", text: "user add bob\nas bob\nkey create b --expires 1d --grants User"))
        #expect(interpreter.actingUser == "bob")
        #expect(try await interpreter.service.keys(actor: "bob").count == 1)
        #expect(try await interpreter.service.keys(actor: "me").isEmpty)
    }

    @Test func aBlockIsParsedOnceAndRunsEachTime() async {
        let (interpreter, output) = makeInterpreter()
        await interpreter.run(SourceFile(name: "t.ks", text: "repeat 3 { clock advance 1d }\nclock"))
        #expect(output.text.hasSuffix("2026-01-04T00:00:00Z\n"))
    }
}

/// Counts calls; used where a closure must be Sendable.
final class Counter: @unchecked Sendable {
    private var value = 0
    func tick() -> Int {
        value += 1
        return value
    }
}
