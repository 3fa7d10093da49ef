// Fuzz target `interpreter`: any bytes as a scenario script, run whole on a fresh memory store
// with the scenarios' fixed seed and clock. Scripts whose `repeat` counts could make a run
// long are skipped, a run is interrupted after a second, and `source` is disabled (it would
// read the machine's files). Nothing may crash, and no created key's secret may appear in
// the transcript except on the line that announces it.
import Dispatch
import KeysmithCore
import KeysmithScript
import KeysmithSyntax

/// The most commands a script may run, counting each `repeat` body as many times as it runs.
let commandBudget = 2_000

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInterpreter(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let source = SourceFile(name: "fuzz.ks", bytes: UnsafeBufferPointer(start: data, count: size))
    guard let script = try? Parser.parse(source), let cost = cost(of: script), cost <= commandBudget else { return 0 }
    let done = DispatchSemaphore(value: 0)
    let box = ReplayBox()
    Task {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(1))
        box.replay = try? await ScenarioRunner().replay(source) { interpreter in
            interpreter.interruptRequested = { clock.now > deadline }
            interpreter.register(
                CommandSpec("source", summary: "disabled while fuzzing") { _ in
                    throw FuzzRefusal()
                })
        }
        done.signal()
    }
    done.wait()
    guard let replay = box.replay else { fatalError("the memory store could not be made") }
    // A secret is shown once, on its `secret:` line, and nowhere after.
    var shown: [Substring] = []
    for line in replay.transcript.split(separator: "\n") where line.contains("ksk_") {
        // A real secret, not an `echo` of a `secret:` line (whose secret-shaped text is cut to `ksk_…`).
        if line.hasPrefix("  secret:"), let secret = line.split(separator: " ").first(where: { $0.hasPrefix("ksk_") }),
            SecretRedaction.containsSecret(String(secret))
        {
            shown.append(secret)
            continue
        }
        // A script that types a secret out gets it quoted back (echo, errors): not checked here.
        for secret in shown where !source.text.contains(secret) {
            require(!line.contains(secret), "a secret printed again: \(line)")
        }
    }
    return 0
}

/// The commands `script` runs at most, or nil when a `repeat` count is not a literal number.
func cost(of script: Script) -> Int? {
    var total = 0
    for command in script.commands {
        var multiplier = 1
        var blocks = 0
        for (index, word) in command.words.enumerated() {
            if word.literal == "repeat" {
                guard index + 1 < command.words.count, let literal = command.words[index + 1].literal,
                    !literal.isEmpty, literal.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                    let count = Int(literal), count <= commandBudget
                else { return nil }
                multiplier *= max(count, 1)
                if multiplier > commandBudget { return nil }
            }
            if let block = word.block {
                guard let inner = cost(of: block) else { return nil }
                blocks += inner
            }
        }
        total += 1 + multiplier * blocks
        if total > commandBudget { return nil }
    }
    return total
}

struct FuzzRefusal: Error, CustomStringConvertible {
    var description: String { "source is disabled while fuzzing" }
}

final class ReplayBox: @unchecked Sendable {
    var replay: ScenarioRunner.Replay?
}
