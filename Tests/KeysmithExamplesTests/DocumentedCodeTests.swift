import Foundation
import KeysmithScript
import KeysmithTestSupport
import Testing

/// The Swift code the README and the documentation show is compiled code: every ```swift
/// block of the README is, byte for byte, one of the example programs (Tests/Examples), and
/// every ```swift block of a DocC article is whole lines taken from one, so an example that
/// stops compiling or changes fails here until the text shows it again. The articles'
/// ```keyscript blocks run, as the README's do, and must finish cleanly.
@Suite struct DocumentedCodeTests {
    static let examples: [String: String] = files(under: "Tests/Examples", ending: ".swift")

    static let readmeBlocks: [FencedBlock] =
        read("README.md").map { FencedBlock.all(in: $0) }?
        .filter { $0.info == "swift" } ?? []

    static let articleFences: [FencedBlock] = files(under: "Sources", ending: ".md")
        .filter { $0.key.contains(".docc/") }
        .sorted { $0.key < $1.key }
        .flatMap { FencedBlock.all(in: $0.value, file: $0.key) }
    static let articleBlocks = articleFences.filter { $0.info == "swift" }
    static let articleScripts = articleFences.filter { $0.info == "keyscript" }

    @Test func theReadmeShowsTheEmbeddingExample() {
        #expect(!Self.readmeBlocks.isEmpty)
        #expect(Self.readmeBlocks.contains { $0.text == Self.examples["Tests/Examples/DeployTokens/main.swift"] })
    }

    @Test(arguments: readmeBlocks)
    func readmeBlockIsAnExampleProgram(_ block: FencedBlock) {
        let match = Self.examples.first { $0.value == block.text }
        #expect(match != nil, "README.md:\(block.line): this Swift block is not the text of any file under Tests/Examples")
    }

    @Test func theArticlesShowSwiftCode() {
        #expect(Self.articleBlocks.count >= 3)
    }

    @Test(arguments: articleBlocks)
    func articleBlockIsTakenFromAnExample(_ block: FencedBlock) {
        let lines = block.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        let match = Self.examples.first { _, text in
            let fileLines = Array(text.split(separator: "\n", omittingEmptySubsequences: false))
            guard lines.count <= fileLines.count else { return false }
            return (0...(fileLines.count - lines.count)).contains { Array(fileLines[$0..<$0 + lines.count]) == Array(lines) }
        }
        #expect(match != nil, "\(block.file):\(block.line): this Swift block is not whole lines of any file under Tests/Examples")
    }

    @Test(arguments: articleScripts)
    func articleScriptRunsCleanly(_ block: FencedBlock) async throws {
        let replay = try await ScenarioRunner().replay(SourceFile(name: "\(block.file):\(block.line)", text: block.text))
        #expect(replay.outcome == .completed, "\(replay.transcript)")
        #expect(replay.failedExpectations == 0, "\(replay.transcript)")
    }

    // MARK: Files

    static func read(_ relativePath: String) -> String? {
        FileManager.default.contents(atPath: SourceTree.path(relativePath)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Path relative to the repository → text, for the files under `directory` whose name ends with `suffix`.
    static func files(under directory: String, ending suffix: String) -> [String: String] {
        guard let enumerator = FileManager.default.enumerator(atPath: SourceTree.path(directory)) else { return [:] }
        var found: [String: String] = [:]
        for case let path as String in enumerator where path.hasSuffix(suffix) {
            let relative = directory + "/" + path
            if let text = read(relative) { found[relative] = text }
        }
        return found
    }
}
