import KeysmithCore
import KeysmithScript
import KeysmithStore

/// Wires a store, a clock, randomness and output into an interpreter.
final class Session {
    let interpreter: Interpreter
    let output: any OutputSink

    init(store: any KeyStore, seed: UInt64?, clockStart: Instant?, output: any OutputSink = StandardOutput()) {
        let clock = ManualClock(clockStart ?? SystemClock().now())
        let random: any RandomSource = seed.map { SeededRandomSource(seed: $0) } ?? SystemRandomSource()
        self.output = output
        interpreter = Interpreter(service: KeyService(store: store, clock: clock, random: random), clock: clock, output: output)
    }

    /// Writes out buffered output.
    func flush() { (output as? StandardOutput)?.flush() }
}
