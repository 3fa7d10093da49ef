import Testing

@testable import KeysmithCore

/// Docs: The key model, Text: secret-shaped text is refused wherever it would be stored, and names and
/// ids are printable; every rule that guards stored text (key names, user names, document
/// and folder ids, endpoint paths, grant names) applies both, and no message holds the secret.
@Suite struct StoredTextTests {
    static let secret = SecretTests.generated(seed: 3).text
    /// Secret-shaped with a wrong checksum: refused too (the stricter reading, see SecretRedaction).
    static let mistyped = String(secret.dropLast()) + (secret.last == "A" ? "B" : "A")

    /// A rule over stored text, as a name and the text it reports problems with.
    struct Rule: CustomTestStringConvertible, Sendable {
        let what: String
        let check: @Sendable (String) -> String?
        var testDescription: String { what }
    }

    static let rules: [Rule] = [
        Rule(what: "a key name") { APIKey.problem(withName: $0) },
        Rule(what: "a user name") { User.problem(withName: $0) },
        Rule(what: "a document id") { Resource.problem(withID: $0, kind: .document) },
        Rule(what: "a folder id") { Resource.problem(withID: $0, kind: .folder) },
        Rule(what: "a path") { text in
            do {
                _ = try PathTemplate(parsing: "/" + text)
                return nil
            } catch let error as KeysmithError {
                return error.description
            } catch { return "\(error)" }
        },
    ]

    /// What a hostile tester pasted past the first rule: the secret without its prefix, with
    /// another prefix, split by an invisible character, or cut to 28 characters.
    static let disguised: [String] = [
        String(secret.dropFirst(4)),
        "ksk-" + String(secret.dropFirst(4)),
        "ksk " + String(secret.dropFirst(4)),
        String(secret.prefix(32)),
    ]

    /// A secret split by an invisible character is refused too (as unprintable, which names the
    /// character and not the secret), and redacted wherever it is printed.
    @Test(arguments: ["\u{200B}", "\u{AD}", "\u{FEFF}"])
    func aSecretSplitByAnInvisibleCharacterIsRefusedAndRedacted(_ invisible: String) throws {
        let split = String(Self.secret.prefix(10)) + invisible + String(Self.secret.dropFirst(10))
        for rule in Self.rules {
            let problem = try #require(rule.check(split))
            #expect(!problem.contains(String(Self.secret.dropFirst(10).prefix(16))), "\(problem)")
        }
        #expect(SecretRedaction.redacting("name " + split + " end") == "name ksk_… end")
        #expect(!PrintableText.shown(split).contains(String(Self.secret.dropFirst(10).prefix(16))))
    }

    /// A pasted secret with one stray character (a typo, a space, a quote) in its first
    /// characters is still secret-shaped: refused in every stored text without being echoed, and
    /// cut whole wherever it is printed. A secret already long enough ends at the next stray
    /// character, so the words after it stay; short runs split by a character are not a secret.
    @Test(arguments: ["-", " ", "'", "\"", ".", "/", "\t", "\u{1B}", "\u{A0}", "\u{200B}", "\u{AD}"], [8, 16, 24, 38])
    func aSecretWithAStrayCharacterIsStillASecret(_ stray: String, at position: Int) throws {
        let split = String(Self.secret.prefix(position)) + stray + String(Self.secret.dropFirst(position))
        for rule in Self.rules {
            let problem = try #require(rule.check(split), "\(rule.what)")
            #expect(!problem.contains(String(Self.secret.dropFirst(12).prefix(16))), "\(problem)")
        }
        #expect(SecretRedaction.redacting("name " + split + " end") == "name ksk_… end")
        #expect(SecretRedaction.redacting("check " + Self.secret + " GET /documents/d1") == "check ksk_… GET /documents/d1")
        #expect(SecretRedaction.redacting("names starting ksk_ are refused, ksk_a b c") == "names starting ksk_ are refused, ksk_a b c")
        #expect(SecretRedaction.redacting("ksk_abc\n" + String(Self.secret.dropFirst(7))).hasPrefix("ksk_abc\n"))
        // Two short runs are not nearly a whole secret.
        #expect(SecretRedaction.redacting("ksk_AbCdEfGhIjK-tUvWxYz0123") == "ksk_AbCdEfGhIjK-tUvWxYz0123")
    }

    @Test(arguments: rules, [secret, "x" + secret, secret + "y", "a." + secret + ".b", mistyped] + disguised)
    func secretShapedTextIsRefusedWithoutBeingEchoed(_ rule: Rule, _ text: String) throws {
        let problem = try #require(rule.check(text))
        #expect(problem.contains("\(rule.what) must not contain a secret (ksk_…); the secret was not stored"))
        #expect(!problem.contains(String(Self.secret.dropFirst(4).prefix(20))))
        #expect(!problem.contains(String(Self.mistyped.dropFirst(4).prefix(20))))
    }

    @Test(arguments: rules, ["\n", "\u{1B}", "\u{07}", "\u{00}", "\u{202E}", "\u{7F}", "\u{85}"])
    func controlCharactersAreRefusedWithTheirPosition(_ rule: Rule, _ control: String) throws {
        let problem = try #require(rule.check("ab" + control + "c"))
        let code = PrintableText.describe(control.unicodeScalars.first!)
        // Paths are checked with a leading "/", one character more.
        let position = rule.what == "a path" ? 4 : 3
        #expect(problem.contains("\(rule.what) must be printable text: \(code) at character \(position)"))
        #expect(PrintableText.isPrintable(KeysmithError.badPath("ab" + control, problem).description))
    }

    @Test(arguments: [
        "ksk_short", "ksk_" + String(repeating: "a", count: 11), "ksk-" + String(repeating: "a", count: 40),
        String(repeating: "Ab1", count: 20), "ksk_…(secret hidden)",
    ])
    func textThatIsNotSecretShapedIsStored(_ text: String) {
        #expect(StoredText.problem(in: text, what: "a key name") == nil)
        #expect(APIKey.problem(withName: text) == nil)
    }

    @Test func grantNamesShapedLikeSecretsAreRefused() {
        var catalog = Catalog()
        let error = #expect(throws: KeysmithError.self) { try catalog.declareGrants([Self.secret]) }
        #expect(error?.description == "a grant name must not contain a secret (ksk_…); the secret was not stored")
        #expect(catalog.grantNames.isEmpty)
    }

    @Test func errorMessagesNeverHoldASecretOrAControlCharacter() {
        let errors: [KeysmithError] = [
            .unknownUser(Self.secret, suggestion: nil), .badUserName(Self.secret + "\u{1B}[2J", "x"),
            .unknownResource(.document, "a\nforged row " + Self.secret), .badMethod(Self.secret, suggestion: nil),
        ]
        for error in errors {
            #expect(!error.description.contains(Self.secret))
            #expect(PrintableText.isPrintable(error.description))
        }
        #expect(KeysmithError.unknownUser(Self.secret, suggestion: nil).description == "user \"ksk_…\" does not exist")
    }

    @Test func userNamesCollideWithoutRegardToCase() {
        #expect(User.namesCollide("me", "ME"))
        #expect(User.namesCollide("Émile", "émile"))
        #expect(!User.namesCollide("me", "me2"))
    }
}
