import KeysmithScript
import KeysmithSyntax
import KeysmithTestSupport
import Testing

/// The README's examples are tests: every `keyscript` block runs on a fresh memory store with
/// the scenarios' fixed seed and clock and must finish with no error and no failed `expect`;
/// every `keyscript-transcript` block must print exactly what it shows. The `Example:` lines
/// of `help` texts run too.
@Suite struct ReadmeExamplesTests {
    static let readmePath = SourceTree.path("README.md")

    static let blocks: [FencedBlock] = TextFile.read(readmePath).map { FencedBlock.all(in: $0) } ?? []

    @Test func theReadmeHasRunnableExamplesOfBothKinds() {
        #expect(Self.blocks.contains { $0.info == "keyscript" })
        #expect(Self.blocks.contains { $0.info == "keyscript-transcript" })
    }

    @Test(arguments: blocks.filter { $0.info == "keyscript" })
    func keyscriptBlockRunsCleanly(_ block: FencedBlock) async throws {
        let replay = try await ScenarioRunner().replay(SourceFile(name: "README.md:\(block.line)", text: block.text))
        #expect(replay.outcome == .completed, "\(replay.transcript)")
        #expect(replay.failedExpectations == 0, "\(replay.transcript)")
    }

    @Test(arguments: blocks.filter { $0.info == "keyscript-transcript" })
    func transcriptBlockPrintsWhatItShows(_ block: FencedBlock) async throws {
        let (input, expected) = block.transcript
        let replay = try await ScenarioRunner().replay(SourceFile(name: "README.md:\(block.line)", text: input))
        #expect(replay.outcome == .completed, "\(replay.transcript)")
        let comparison = GoldenComparison.compare(golden: expected, transcript: replay.transcript, goldenName: "README.md:\(block.line)")
        if case .different(let diff) = comparison { Issue.record("the README block differs from the real output:\n\(diff)") }
    }

    /// `Example:` lines of the help texts, each run after a small setup that gives it the
    /// `$k` and the document `d1` that examples use.
    static let helpExamples: [String] = CommandRegistry.standard.names.flatMap { name -> [String] in
        let details = CommandRegistry.standard.commands[name]?.details ?? ""
        return details.split(separator: "\n").compactMap { line in
            line.firstRange(of: "Example: ").map { String(line[$0.upperBound...]) }
        }
    }

    @Test func helpTextsHaveExamples() {
        #expect(Self.helpExamples.count >= 3)
    }

    @Test(arguments: helpExamples)
    func helpExampleRuns(_ example: String) async throws {
        let setup = "let k = key create example --expires 30d --grants DocumentReadonly,User\ndoc add d1 --owner me\n"
        let replay = try await ScenarioRunner().replay(SourceFile(name: "help", text: setup + example + "\n"))
        #expect(replay.outcome == .completed, "\(replay.transcript)")
        #expect(replay.failedExpectations == 0, "\(replay.transcript)")
    }
}
