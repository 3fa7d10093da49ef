import KeysmithCore
import KeysmithScript
import KeysmithStore
import KeysmithSyntax
import Synchronization
import Testing

/// A command's handler reads its arguments by position, resolved when the command is made: a
/// handler that disagrees with the parameters and options its command declares is caught
/// then, not when a script runs it.
@Suite struct ArgumentLayoutTests {
    static let parameters = [Parameter("USER", .userName), Parameter("COUNT", .count, optional: true)]
    static let options = [
        OptionSpec("loud", value: nil, .text, help: "shout"), OptionSpec("times", value: "N", .count, help: "how often"),
    ]

    @Test func aHandlerThatReadsAnUndeclaredParameterIsRefusedWhenTheCommandIsMade() {
        let error = #expect(throws: CommandSpecMismatch.self) {
            _ = try CommandSpec.checked(named: "greet", summary: "greets", parameters: Self.parameters, options: Self.options) { args in
                _ = try args.parameter("USERS")
                return .sync { _ in .none }
            }
        }
        #expect(error?.description == "command `greet` reads the parameter USERS, which it does not declare (its parameters: USER, COUNT)")
    }

    @Test func aDeclaredArgumentTheHandlerNeverReadsIsRefused() {
        let error = #expect(throws: CommandSpecMismatch.self) {
            _ = try CommandSpec.checked(named: "greet", summary: "greets", parameters: Self.parameters, options: Self.options) { args in
                _ = try args.parameter("USER")
                _ = try args.flag("loud")
                return .sync { _ in .none }
            }
        }
        #expect(error?.description == "command `greet` never reads COUNT, --times, which it declares")
    }

    @Test func anOptionReadAsTheWrongKindIsRefused() {
        #expect(throws: CommandSpecMismatch.self) {
            _ = try CommandSpec.checked(named: "greet", summary: "greets", options: Self.options) { args in
                _ = try args.option("loud")  // a flag: it has no value
                _ = try args.option("times")
                return .sync { _ in .none }
            }
        }
        #expect(throws: CommandSpecMismatch.self) {
            _ = try CommandSpec.checked(named: "greet", summary: "greets", options: Self.options) { args in
                _ = try args.flag("loud")
                _ = try args.flag("times")  // takes a value
                return .sync { _ in .none }
            }
        }
    }

    /// The slots a handler resolved hold what the script wrote, and the same registry still
    /// gives the usage and the argument errors.
    @Test func aHandlerReadsItsArgumentsByPosition() async throws {
        let spec = try CommandSpec.checked(named: "greet", summary: "greets", parameters: Self.parameters, options: Self.options) {
            args in
            let user = try args.parameter("USER"), count = try args.parameter("COUNT")
            let loud = try args.flag("loud"), times = try args.option("times")
            return .sync { call in
                let text = "hello, \(try call.text(user)) \(try call.optionalText(count) ?? "-") \(try call.optionalText(times) ?? "-")"
                call.output.line(call.has(loud) ? text.uppercased() : text)
                return .none
            }
        }
        let (interpreter, output) = makeInterpreter()
        interpreter.register(spec)
        await interpreter.run(SourceFile(name: "t.ks", text: "greet ann --times 2\ngreet bob 3 --loud\nexpect error greet ann --lod"))
        #expect(output.text.hasPrefix("hello, ann - 2\nHELLO, BOB 3 -\n"))
        #expect(output.text.contains("unknown option --lod (did you mean --loud?)"))
        #expect(output.text.contains("usage: greet USER [COUNT] [--loud] [--times N]"))
        #expect(interpreter.failedExpectations == 0)
    }

    /// Every standard command's handler agrees with its declaration (a disagreement would stop
    /// the program when the registry is made), and those that never wait run synchronously.
    @Test func theStandardCommandsAreMadeAndTheLanguagesOwnRunSynchronously() {
        let registry = CommandRegistry.standard
        for name in ["echo", "help"] {
            guard case .sync = registry.commands[name]!.handler else {
                Issue.record("\(name) has an async handler")
                continue
            }
        }
        guard case .async = registry.commands["key create"]!.handler else {
            Issue.record("key create has a synchronous handler")
            return
        }
    }

    /// A result nobody reads need not be built: a command hears whether its result is used —
    /// bound by `let`, checked by `expect`, or the last value of the top level — and a command
    /// repeated inside a block whose result is dropped hears that it is not.
    @Test func aCommandHearsWhetherItsResultIsUsed() async {
        let heard = Mutex<[Bool]>([])
        let spec = CommandSpec(named: "probe", summary: "records whether its result is used") { _ in
            .sync { call in
                heard.withLock { $0.append(call.resultIsUsed) }
                return .string("probed")
            }
        }
        let (interpreter, _) = makeInterpreter()
        interpreter.register(spec)
        await interpreter.run(SourceFile(name: "t.ks", text: "probe\nlet p = probe\nexpect ok probe\nrepeat 2 { probe }"))
        #expect(heard.withLock { $0 } == [true, true, true, false, false])
        #expect(interpreter.variables["p"] == .string("probed"))
    }

    /// `check` inside a `repeat` builds no record; bound by `let`, its record has every field.
    @Test func anUnusedCheckResultIsNotBuiltButABoundOneIs() async {
        let (interpreter, output) = makeInterpreter()
        await interpreter.run(
            SourceFile(
                name: "t.ks",
                text: """
                    repeat 2 { check ksk_nothing GET /users/me/profile }
                    let c = check ksk_nothing GET /users/me/profile
                    echo $c.reason $c.status
                    """))
        #expect(output.text.hasSuffix("unknown_key 401\n"))
        #expect(interpreter.variables["c"]?.checkResult?.decision == .deny(.unknownKey))
    }
}
