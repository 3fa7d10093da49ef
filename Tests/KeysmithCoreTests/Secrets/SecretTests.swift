import Testing

@testable import KeysmithCore

/// The secret layout (Docs: The key model, Secrets): `ksk_` + ≥30 base62 random characters + 6 base62 CRC32 digits.
@Suite struct SecretTests {
    static let base62 = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

    static func generated(seed: UInt64 = 1) -> Secret { Secret(generatingWith: SeededRandomSource(seed: seed)) }

    /// A well-formed secret over `body`, with its checksum computed the way the layout says.
    static func wellFormed(body: String) -> String {
        "ksk_" + body + String(decoding: Base62.checksumDigits(CRC32.checksum(Array(body.utf8))), as: UTF8.self)
    }

    @Test func generatedSecretHasPrefixThirtyBase62CharactersAndSixChecksumDigits() {
        for seed in UInt64(0)..<50 {
            let text = Self.generated(seed: seed).text
            #expect(text.hasPrefix("ksk_"))
            #expect(text.count == 4 + 30 + 6)
            #expect(text.dropFirst(4).allSatisfy { Self.base62.contains($0) })
            let body = String(text.dropFirst(4).prefix(30))
            #expect(text == Self.wellFormed(body: body))
        }
    }

    @Test func generatedSecretParsesBackWithTheSameDigest() throws {
        let secret = Self.generated()
        let parsed = try #require(Secret(parsing: secret.text))
        #expect(parsed.text == secret.text)
        #expect(parsed.digest == secret.digest)
        #expect(secret.digest == SecretDigest(hashing: secret.text))
        #expect(Secret.digestIfWellFormed(secret.text) == secret.digest)
    }

    @Test func everySingleCharacterChangeOfTheRandomPartIsRejected() {
        let text = Array(Self.generated(seed: 99).text)
        var rejected = 0
        for position in 4..<(4 + 30) {
            for replacement in Self.base62 where replacement != text[position] {
                var changed = text
                changed[position] = replacement
                #expect(Secret(parsing: String(changed)) == nil, "change at \(position) to \(replacement) was accepted")
                rejected += 1
            }
        }
        #expect(rejected == 30 * 61)
    }

    @Test func everySingleCharacterChangeOfTheChecksumIsRejected() {
        let text = Array(Self.generated(seed: 5).text)
        for position in (text.count - 6)..<text.count {
            for replacement in Self.base62 where replacement != text[position] {
                var changed = text
                changed[position] = replacement
                #expect(Secret(parsing: String(changed)) == nil, "change at \(position) to \(replacement) was accepted")
            }
        }
    }

    @Test func swappingTwoAdjacentCharactersIsRejected() {
        let text = Array(Self.generated(seed: 8).text)
        for position in 4..<(text.count - 1) where text[position] != text[position + 1] {
            var changed = text
            changed.swapAt(position, position + 1)
            #expect(Secret(parsing: String(changed)) == nil, "swap at \(position) was accepted")
        }
    }

    @Test func aLongerRandomPartWithAValidChecksumIsAccepted() {
        let body = String(repeating: "aZ9", count: 20)
        #expect(Secret(parsing: Self.wellFormed(body: body)) != nil)
    }

    @Test(arguments: [
        ("wrong prefix", "ghp_"),
        ("upper-case prefix", "KSK_"),
        ("no underscore", "ksk-"),
    ])
    func wrongPrefixIsRejected(_ label: String, _ prefix: String) {
        let text = Self.generated().text
        #expect(Secret(parsing: prefix + text.dropFirst(4)) == nil, "\(label)")
    }

    @Test func tooShortRandomPartIsRejectedEvenWithAValidChecksum() {
        let body = String(repeating: "a", count: 29)
        #expect(Secret(parsing: Self.wellFormed(body: body)) == nil)
    }

    @Test(arguments: [
        "",
        "ksk_",
        "ksk_abc",
        "not a secret",
        "key_0123abcd",
    ])
    func junkIsRejected(_ text: String) {
        #expect(Secret(parsing: text) == nil)
    }

    @Test func truncatedOrExtendedSecretIsRejected() {
        let text = Self.generated(seed: 3).text
        #expect(Secret(parsing: String(text.dropLast())) == nil)
        #expect(Secret(parsing: String(text.dropFirst())) == nil)
        #expect(Secret(parsing: text + "a") == nil)
        #expect(Secret(parsing: " " + text) == nil)
        #expect(Secret(parsing: text + "\n") == nil)
    }

    @Test(arguments: ["-", "_", "é", " ", "+", "/", "="])
    func characterOutsideBase62IsRejected(_ bad: String) {
        var text = Array(Self.generated(seed: 4).text)
        text[10] = Character(bad)
        #expect(Secret(parsing: String(text)) == nil)
    }

    @Test func overlongSecretIsRejectedBeforeHashing() {
        let body = String(repeating: "x", count: 200)
        #expect(Secret(parsing: Self.wellFormed(body: body)) == nil)
    }

    @Test func descriptionNeverRevealsTheSecret() {
        let secret = Self.generated()
        #expect(String(describing: secret) == "<secret>")
        #expect(!"\(secret)".contains(secret.text))
    }

    @Test func differentRandomnessGivesDifferentSecrets() {
        let texts = Set((UInt64(0)..<200).map { Self.generated(seed: $0).text })
        #expect(texts.count == 200)
    }
}
