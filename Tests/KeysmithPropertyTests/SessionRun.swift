import KeysmithCore
import KeysmithScript
import KeysmithStore
import KeysmithSyntax

/// One session replayed on one store: the lines it ran, everything it printed, and what each
/// check decided for each secret.
struct SessionRun {
    var lines: [String] = []
    var transcript = ""
    /// Per checked secret, its decisions in order (`allow`, `deny:expired`, …).
    var decisions: [String: [String]] = [:]
    /// Every check's decision with whether the account's API keys were on when it ran.
    var checksWithSwitch: [(decision: String, apiKeysOn: Bool)] = []
    var state = SessionState()

    /// Runs `operations` on `store` with the scenario runner's seed and clock, writing each line
    /// from what the session knows so far, then lists everything there is to list.
    static func run(_ operations: [Operation], on store: any KeyStore) async -> SessionRun {
        var run = SessionRun()
        let clock = SessionClock(frozenAt: ScenarioRunner.start)
        let output = BufferedOutput()
        let interpreter = Interpreter(
            service: KeyService(store: store, clock: clock, random: SeededRandomSource(seed: 11)),
            output: output)
        for op in operations {
            let line = SessionLine.line(for: op, state: run.state)
            run.lines.append(line.text)
            output.line("> #\(run.lines.count)")
            await interpreter.run(SourceFile(name: "property.ks", text: line.text))
            if case .record(let record)? = interpreter.lastValue, record.typeName == "check", line.text.hasPrefix("check ") {
                if let secret = line.checkedSecret { run.decisions[secret, default: []].append(record.summary) }
                let on = (try? await interpreter.service.account().apiKeysEnabled) ?? true
                run.checksWithSwitch.append((record.summary, on))
            }
            let variable = "k\(run.state.keys.count)"
            if case .record(let key)? = interpreter.variables[variable], case .secret(let secret)? = key["secret"],
                case .string(let id)? = key["id"]
            {
                run.state.keys.append((variable, id, secret))
            }
        }
        // Everything a person could list afterwards, as every user.
        var closing = "as me\nlog\nuser list\nendpoint list\n"
        for user in OperationPools.users { closing += "as \(user)\nkey list\n" }
        for key in run.state.keys { closing += "as me\nkey show \(key.id)\n" }
        output.line("> closing listings")
        for line in closing.split(separator: "\n") {
            await interpreter.run(SourceFile(name: "listing.ks", text: String(line)))
        }
        run.transcript = output.text
        return run
    }

    /// The lines as a script, for a failure report (and to keep as a regression scenario).
    var script: String { lines.joined(separator: "\n") + "\n" }
}
