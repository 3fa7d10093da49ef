import KeysmithScript
import KeysmithSyntax
import KeysmithTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The inputs that once crashed a fuzz target (Tests/Fuzz/crashes/TARGET/), replayed in
/// `swift test` too: through the parser and, for the interpreter's, on a fresh scenario
/// store (with `source` disabled and a time limit, as the fuzzer runs them). `scripts/fuzz
/// --replay` replays every target's inputs through the fuzz targets themselves.
@Suite struct FuzzCrashReplayTests {
    static let crashes = SourceTree.path("Tests/Fuzz/crashes")

    static func inputs(of target: String) -> [String] {
        guard let dir = opendir(crashes + "/" + target) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
            if !name.hasPrefix(".") && !name.hasSuffix(".md") { names.append(target + "/" + name) }
        }
        return names.sorted()
    }

    static let parserInputs = inputs(of: "parser") + inputs(of: "interpreter")

    @Test(arguments: parserInputs)
    func parsesOrFailsWithASafeMessage(_ name: String) throws {
        let bytes = try #require(TextFile.readBytes(Self.crashes + "/" + name))
        do {
            _ = try Parser.parse(SourceFile(name: "crash.ks", bytes: bytes))
        } catch {
            #expect(!error.description.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" })
        }
    }

    @Test(arguments: inputs(of: "interpreter"))
    func runsToAnEnd(_ name: String) async throws {
        let bytes = try #require(TextFile.readBytes(Self.crashes + "/" + name))
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(2))
        let replay = try await ScenarioRunner().replay(SourceFile(name: "crash.ks", bytes: bytes)) { interpreter in
            interpreter.interruptRequested = { clock.now > deadline }
            interpreter.register(
                CommandSpec("source", summary: "disabled for crash replays") { _ in
                    throw Disabled()
                })
        }
        #expect(replay.outcome != .interrupted || clock.now > deadline)
    }

    struct Disabled: Error, CustomStringConvertible {
        var description: String { "source is disabled for crash replays" }
    }
}
