import KeysmithCore
import KeysmithScript
import KeysmithStore
import KeysmithSyntax
import Testing

/// A secret typed out (not `$k.secret`, which is masked anyway) into any
/// command that takes text is refused where it would be stored and redacted where it would be
/// printed: it never reaches the store, a listing, the log, an echo or an error.
@Suite struct PastedSecretTests {
    /// A command with `{S}` standing for the full text of a live key's secret, and a fragment
    /// its output must hold (nil: only that the secret never shows).
    struct Case: CustomTestStringConvertible, Sendable {
        let command: String
        let says: String?
        /// False for a command that does not parse (nothing runs, so nothing is echoed).
        let parses: Bool
        init(_ command: String, _ says: String? = nil, parses: Bool = true) {
            self.command = command
            self.says = says
            self.parses = parses
        }
        var testDescription: String { command }
    }

    static let notStored = "must not contain a secret (ksk_…); the secret was not stored"

    static let cases: [Case] = [
        Case("key create {S} --expires 30d --grants User", "error: a key name \(notStored)"),
        Case("key create \"prod {S} copy\" --expires 30d --grants User", "error: a key name \(notStored)"),
        Case("key rename $k.id {S}", "error: a key name \(notStored)"),
        Case("key rename $k.id 'old:{S}'", "error: a key name \(notStored)"),
        Case("doc add {S} --owner me", "error: bad id \"ksk_…\": a document id \(notStored)"),
        Case("folder add x{S} --owner me", "error: bad id \"xksk_…\": a folder id \(notStored)"),
        Case("user add {S}", "error: bad user name \"ksk_…\": a user name \(notStored)"),
        Case("user add {S} --admin", "a user name \(notStored)"),
        Case("as {S}", "error: user \"ksk_…\" does not exist"),
        Case("share doc d1 {S} --role view", "error: user \"ksk_…\" does not exist"),
        Case("share doc {S} alice --role view", "error: document \"ksk_…\" does not exist"),
        Case("share folder {S} alice --role {S}", "ksk_…"),
        Case("doc add d2 --owner {S}", "error: user \"ksk_…\" does not exist"),
        Case("endpoint add GET /reports/{S} --grants User", "error: bad path \"/reports/ksk_…\": a path \(notStored)"),
        Case("endpoint add GET /reports/{id} --grants {S}", "error: a grant name \(notStored)"),
        Case("endpoint add {S} /reports --grants User", "error: \"KSK_…\" is not an HTTP method"),
        Case("endpoint add GET /reports/{id} --grants User --access 'view document {S}'", "ksk_…"),
        Case("key show {S}", "error: \"ksk_…\" is not a key id"),
        Case("key delete {S}", "error: \"ksk_…\" is not a key id"),
        Case("key create n --expires {S} --grants User", "bad expiration \"ksk_…\""),
        Case("key regrant $k.id --grants {S}", "cannot be changed after creation"),
        // key extend refuses on principle before it reads --expires.
        Case("key extend $k.id --expires {S}", "is fixed at creation and cannot be extended"),
        Case("key regrant {S} --grants User", "error: \"ksk_…\" is not a key id"),
        Case("key create n --expires 30d --grants User,{S}", "grant \"ksk_…\" does not exist"),
        Case("clock set {S}", "ksk_…"),
        Case("clock advance {S}", "ksk_…"),
        Case("{S}", "error: unknown command `ksk_…`"),
        Case("key {S}", "ksk_…"),
        Case("help {S}", "no command `ksk_…`"),
        Case("let {S} = echo x"),
        Case("log --limit {S}", "not \"ksk_…\""),
        Case("log --{S}", "unknown option --ksk_…"),
        Case("expect {S} echo x", "bad outcome \"ksk_…\""),
        Case("expect ok user add {S}", "a user name \(notStored)"),
        Case("expect error key rename $k.id {S}", "a key name \(notStored)"),
        Case("check $k.secret GET /nowhere/{S}", "no endpoint in the catalog matches GET /nowhere/ksk_…"),
        Case("check {S} GET /users/me/profile", "allow"),
        Case("echo {S}", "ksk_…"),
        Case("echo \"pasted: {S}!\"", "pasted: ksk_…!"),
        Case("source {S}", "cannot read \"ksk_…\""),
        Case("repeat {S} { echo x }", "not \"ksk_…\""),
        Case("key list {S}", "unexpected ksk_…"),
        Case("echo \"{S}", "error: unclosed double quote", parses: false),
        Case("echo x; echo '{S}' \"unclosed", "error: unclosed double quote", parses: false),
    ]

    /// A session with a live key `$k` (whose secret the case pastes), user alice and doc d1,
    /// its output cleared after the setup (which shows the secret once, at creation).
    static func session() async throws -> (Interpreter, BufferedOutput, secret: String) {
        let (interpreter, output) = makeInterpreter()
        await interpreter.run(
            SourceFile(
                name: "setup.ks",
                text: """
                    let k = key create live --expires 30d --grants User
                    user add alice
                    doc add d1 --owner me
                    """))
        guard case .record(let key)? = interpreter.variables["k"], case .secret(let secret)? = key["secret"] else {
            throw SetupFailed(output: output.text)
        }
        #expect(Secret(parsing: secret) != nil, "a real, checksum-valid secret")
        output.reset()
        interpreter.echoesCommands = true
        return (interpreter, output, secret)
    }

    struct SetupFailed: Error { let output: String }

    /// Whether `text` shows `secret` or a long enough piece of it to matter, in any case.
    static func shows(_ secret: String, in text: String) -> Bool {
        let text = text.lowercased()
        return text.contains(secret.lowercased()) || text.contains(String(secret.dropFirst(4).prefix(16)).lowercased())
    }

    @Test(arguments: cases)
    func aPastedSecretIsNeitherStoredNorPrinted(_ c: Case) async throws {
        let (interpreter, output, secret) = try await Self.session()
        let command = c.command.replacing("{S}", with: secret)
        await interpreter.run(SourceFile(name: "t.ks", text: command))
        let printed = output.text
        #expect(!Self.shows(secret, in: printed), "printed: \(printed)")
        if let says = c.says { #expect(printed.contains(says), "printed: \(printed)") }
        if c.parses {
            #expect(printed.contains("> " + c.command.replacing("{S}", with: "ksk_…")), "the command echo is redacted")
        }

        // Nothing the store keeps holds it, and no listing shows it.
        output.reset()
        await interpreter.run(
            SourceFile(name: "after.ks", text: "as me\nkey list\nlog\nuser list\nresource list\nendpoint list\ngrant list"))
        #expect(!Self.shows(secret, in: output.text), "listed: \(output.text)")
        let service = interpreter.service
        var stored = try await service.keys(actor: "me").map(\.name) + service.users().map(\.name)
        stored += try await service.resources().map(\.id) + service.auditLog().map { "\($0.actor) \($0.detail)" }
        stored += try await service.catalog().endpoints.map(\.signature) + service.catalog().grantNames
        #expect(!stored.contains(where: { Self.shows(secret, in: $0) }), "stored: \(stored)")
    }

    /// A secret pasted with a space, a tab, a `;` or a `$` in it splits into words or commands,
    /// and a message quoting one word (`unexpected hlpM…`, `unknown command`, `unknown
    /// variable`) would show most of it: every piece of a secret in the command's text (and in
    /// the command before it on the line) is cut from its messages too. A hostile review found
    /// 24 characters shown.
    @Test(
        arguments: [
            "user add {A} {B}", "key create {A}\t{B} --expires 1d --grants User", "help {A} {B}", "clock advance {A} {B}",
            "key show {A} {B}", "echo {A};{B}", "echo {A}$" + "{B}", "expect ok user add {A} {B}",
        ], [8, 16, 24])
    func aSecretSplitIntoWordsIsCutFromMessages(_ template: String, at split: Int) async throws {
        let (interpreter, output, secret) = try await Self.session()
        let body = secret.dropFirst(4)
        let command = template.replacing("{A}", with: "ksk_" + body.prefix(split)).replacing("{B}", with: body.dropFirst(split))
        await interpreter.run(SourceFile(name: "t.ks", text: command))
        for start in 0...(body.count - 12) {
            let piece = String(body.dropFirst(start).prefix(12))
            #expect(!output.text.contains(piece), "\(command) printed \(output.text)")
        }
    }

    @Test func aSecretWithABadChecksumIsRefusedAndRedactedToo() async throws {
        let (interpreter, output, secret) = try await Self.session()
        let mistyped = String(secret.dropLast()) + (secret.last == "0" ? "1" : "0")
        await interpreter.run(SourceFile(name: "t.ks", text: "key rename $k.id \(mistyped)"))
        #expect(output.text.contains("a key name \(Self.notStored)"))
        #expect(!Self.shows(mistyped, in: output.text))
        #expect(try await interpreter.service.keys(actor: "me").map(\.name) == ["live"])
    }

    @Test func syntaxErrorCaretStillPointsAtTheProblemAfterRedaction() async throws {
        let (interpreter, output, secret) = try await Self.session()
        interpreter.echoesCommands = false
        await interpreter.run(SourceFile(name: "t.ks", text: "echo \(secret) \"open"))
        let column = 5 + secret.count + 2
        #expect(
            output.text == """
                t.ks:1:\(column): error: unclosed double quote
                    echo ksk_… "open
                               ^

                """)
    }
}
