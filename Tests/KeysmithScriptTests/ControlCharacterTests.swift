import KeysmithCore
import KeysmithScript
import KeysmithStore
import KeysmithSyntax
import Testing

/// Names and ids are printable text. A control character, DEL or a bidi
/// control typed into any command that stores a name or an id is refused with its code and
/// position; one that reaches an error or an echo is printed as a visible escape, so nothing
/// typed can forge a listing row, clear the screen or reorder a line.
@Suite struct ControlCharacterTests {
    static let controls: [String] = ["\n", "\u{1B}", "\u{07}", "\u{00}", "\u{202E}", "\u{7F}", "\u{85}"]

    /// A command with `{C}` standing for the control character, and where the refusal says it is.
    struct Case: CustomTestStringConvertible, Sendable {
        let command: String
        /// `what` the message names and the 1-based character position of `{C}`; nil when the
        /// command only looks text up (the message quotes it, escaped).
        let what: String?
        let position: Int
        init(_ command: String, _ what: String? = nil, at position: Int = 0) {
            self.command = command
            self.what = what
            self.position = position
        }
        var testDescription: String { command }
    }

    static let cases: [Case] = [
        Case("key create 'x{C}key_fake0000  admin  active' --expires 30d --grants User", "a key name", at: 2),
        Case("key rename $k.id 'ab{C}'", "a key name", at: 3),
        Case("doc add 'a{C}[2Jb' --owner me", "a document id", at: 2),
        Case("folder add '{C}f' --owner me", "a folder id", at: 1),
        Case("user add 'bo{C}b'", "a user name", at: 3),
        Case("endpoint add GET '/x{C}/{id}' --grants User", "a path", at: 3),
        Case("as 'me{C}'"),
        Case("share doc d1 'alice{C}' --role view"),
        Case("share doc 'd1{C}' alice --role view"),
        Case("doc add d2 --owner 'me{C}'"),
        Case("key show 'key_{C}'"),
        Case("'{C}'"),
        Case("check $k.secret GET '/users/me/profile{C}'"),
    ]

    static func session() async -> (Interpreter, BufferedOutput) {
        let (interpreter, output) = makeInterpreter()
        await interpreter.run(
            SourceFile(
                name: "setup.ks",
                text: """
                    let k = key create live --expires 30d --grants User
                    user add alice
                    doc add d1 --owner me
                    """))
        output.reset()
        interpreter.echoesCommands = true
        return (interpreter, output)
    }

    /// Printed text is printable apart from the line breaks that separate lines.
    static func isSafe(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0 == "\n" || PrintableText.isPrintable($0) }
    }

    @Test(arguments: cases, controls)
    func controlCharacterIsRefusedOrEscapedNeverPrinted(_ c: Case, _ control: String) async throws {
        let (interpreter, output) = await Self.session()
        let scalar = control.unicodeScalars.first!
        await interpreter.run(SourceFile(name: "t.ks", text: c.command.replacing("{C}", with: control)))
        let printed = output.text
        #expect(Self.isSafe(printed), "printed: \(printed.debugDescription)")
        if let what = c.what {
            #expect(
                printed.contains("\(what) must be printable text: \(PrintableText.describe(scalar)) at character \(c.position)"),
                "printed: \(printed.debugDescription)")
        }
        // The escaped text shows where the character was, on the same line as the error.
        let escaped = PrintableText.escaping(control)
        let errorLine = printed.split(separator: "\n").first(where: { $0.contains("error:") || $0.contains("deny") })
        #expect(errorLine != nil, "printed: \(printed.debugDescription)")
        if c.what == nil || c.command.hasPrefix("check") {
            #expect(errorLine?.contains(escaped) == true, "printed: \(printed.debugDescription)")
        }

        // Nothing was stored: listings are as before and safe.
        output.reset()
        await interpreter.run(SourceFile(name: "after.ks", text: "as me\nkey list\nlog\nuser list\nresource list\nendpoint list"))
        #expect(Self.isSafe(output.text))
        let service = interpreter.service
        #expect(try await service.keys(actor: "me").map(\.name) == ["live"])
        #expect(try await service.users().map(\.name) == ["me", "alice"])
        #expect(try await service.resources().map(\.id) == ["d1"])
        #expect(try await service.catalog().endpoints.allSatisfy { PrintableText.isPrintable($0.signature) })
    }

    @Test(arguments: controls)
    func echoShowsControlCharactersAsEscapesButKeepsLineBreaks(_ control: String) async {
        let (interpreter, output) = await Self.session()
        interpreter.echoesCommands = false
        await interpreter.run(SourceFile(name: "t.ks", text: "echo 'a{C}b'".replacing("{C}", with: control)))
        let expected = control == "\n" ? "a\nb\n" : "a\(PrintableText.escaping(control))b\n"
        #expect(output.text == expected)
    }

    @Test func aForgedListingRowCannotBeMade() async throws {
        let (interpreter, output) = await Self.session()
        await interpreter.run(
            SourceFile(name: "t.ks", text: "key create \"x\\nkey_fake0000  admin  active\" --expires 30d --grants User\nkey list"))
        #expect(output.text.contains("a key name must be printable text: U+000A (LF) at character 2"))
        #expect(!output.text.contains("\nkey_fake0000"))
    }
}
