import KeysmithCore
import KeysmithScript
import KeysmithStore

/// Wires a store, a clock, randomness and output into an interpreter.
final class Session {
    let interpreter: Interpreter
    let output: any OutputSink

    /// - Parameters:
    ///   - clockStart: where a frozen clock starts (`run --clock`); nil for the real time.
    ///   - flowing: whether time flows with real time (the REPL) or stays frozen unless moved
    ///     (`run`, so transcripts are deterministic). Either way it never goes back past the
    ///     store's latest instant.
    init(
        store: any KeyStore, seed: UInt64?, clockStart: Instant?, flowing: Bool = false,
        output: any OutputSink = StandardOutput()
    ) {
        let clock =
            flowing
            ? SessionClock(following: SystemClock())
            : SessionClock(frozenAt: clockStart ?? SystemClock().now())
        let random: any RandomSource = seed.map { SeededRandomSource(seed: $0) } ?? SystemRandomSource()
        self.output = output
        interpreter = Interpreter(service: KeyService(store: store, clock: clock, random: random), output: output)
    }

    /// Writes out buffered output.
    func flush() { (output as? StandardOutput)?.flush() }
}
