import Foundation
import KeysmithScript
import KeysmithTestSupport
import Testing

/// The command reference of the KeyScript documentation is what `help COMMAND` prints for
/// every command of the standard registry, so the help is written once, in the registry.
/// `scripts/docs --update` (KEYSMITH_UPDATE_DOCS=1) rewrites the article from it; otherwise a
/// command whose help changed fails here until the article is rewritten.
@Suite struct CommandReferenceTests {
    static let articlePath = SourceTree.path("Sources/KeysmithScript/KeysmithScript.docc/CommandReference.md")

    @Test func theCommandReferenceIsTheRegistrysHelp() async throws {
        let article = try await Self.article()
        if ProcessInfo.processInfo.environment["KEYSMITH_UPDATE_DOCS"] == "1" {
            try Data(article.utf8).write(to: URL(fileURLWithPath: Self.articlePath))
        }
        let committed = FileManager.default.contents(atPath: Self.articlePath).map { String(decoding: $0, as: UTF8.self) }
        #expect(committed == article, "CommandReference.md is not the registry's help; run scripts/docs --update")
    }

    /// The article: every command's `help` output, run through an interpreter.
    static func article() async throws -> String {
        var text = """
            # KeyScript commands

            Every command a fresh interpreter knows, as `help COMMAND` shows it.

            <!-- Written by scripts/docs --update from CommandRegistry.standard; edit the registry, not this file. -->

            The language itself (words, quoting, variables, blocks, errors) is in <doc:TheKeyScriptLanguage>.
            A program adds its own commands with ``Interpreter/register(_:)``; they get help the same way.

            """
        for name in CommandRegistry.standard.names {
            let output = BufferedOutput()
            let interpreter = Interpreter(service: KeyService(store: MemoryStore()), output: output)
            let outcome = await interpreter.run(SourceFile(name: "help", text: "help \(name)"))
            #expect(outcome == .completed, "help \(name): \(output.text)")
            text += "\n## \(name)\n\n```text\n\(output.text)```\n"
        }
        return text
    }
}
