import KeysmithCore
import KeysmithREPL
import Testing

@Suite struct SecretScannerTests {
    static let body30 = "AbCdEfGhIjKlMnOpQrStUvWxYz0123"

    @Test(arguments: [
        "ksk_" + body30,
        "check ksk_" + body30 + "9zZ9zZ GET /users/me/profile",
        "let s = \"ksk_" + body30 + "\"",
        "echo x ksk_short ksk_" + body30,
        "ksk_ksk_" + body30,
        "check ksk_abcksk_" + body30 + " GET /",
        "ksk_" + body30 + "_and_more",
        "repeat 2 {\ncheck ksk_" + body30 + " GET /\n}",
        // In any case: an uppercased secret gives most of itself away.
        "KSK_" + body30, "Ksk_" + body30,
    ])
    func lineHoldingSomethingShapedLikeASecretIsFound(_ line: String) {
        #expect(SecretScanner.containsSecret(line))
    }

    @Test(arguments: [
        "",
        "clock",
        "key create ci --expires 30d --grants DocumentReadonly",
        "check $k.secret GET /users/me/profile",
        "ksk_" + String(body30.prefix(11)),
        "ksk_short and then " + body30,
        "ksk-" + body30,
        "ksk_" + String(body30.prefix(11)) + "-" + String(body30.suffix(11)),
    ])
    func lineWithoutASecretIsNotFlagged(_ line: String) {
        #expect(!SecretScanner.containsSecret(line))
    }

    @Test func realSecretsAreFound() {
        let secret = Secret(generatingWith: SeededRandomSource(seed: 7))
        #expect(SecretScanner.containsSecret("check \(secret.text) GET /users/me/profile"))
    }
}
