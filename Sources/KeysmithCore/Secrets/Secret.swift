/// A key's secret in the GitHub token layout: `ksk_` + 30 base62 random characters + a
/// 6-character base62 CRC-32 of the random part, e.g. `ksk_8Hq…Zr41x0bM`.
///
/// The checksum lets a mistyped or malformed secret be rejected before any lookup. The secret
/// text is handed to the caller exactly once, at creation; everything else keeps only its
/// ``SecretDigest``. `description` never reveals it.
public struct Secret: Sendable, CustomStringConvertible {
    /// The prefix every keysmith secret starts with.
    public static let prefix = "ksk_"
    /// Random characters in a generated secret: 30 × log2(62) ≈ 178.6 bits.
    package static let randomLength = 30
    static let checksumLength = 6

    /// The full secret text. Only for showing once at creation.
    public let text: String
    /// The SHA-256 digest of ``text``, the form stores keep.
    public let digest: SecretDigest

    /// Draws a new secret from `random`.
    public init(generatingWith random: some RandomSource) {
        let body = random.characters(Secret.randomLength, from: Base62.alphabet)
        let check = Base62.checksumDigits(CRC32.checksum(body.utf8))
        text = Secret.prefix + body + String(decoding: check, as: UTF8.self)
        digest = SecretDigest(hashing: text)
    }

    /// Parses presented text; nil if it is not a well-formed secret with a valid checksum.
    /// Cheap checks first (length, prefix, alphabet, CRC) so junk never reaches the store.
    public init?(parsing text: String) {
        guard let digest = Secret.digestIfWellFormed(text) else { return nil }
        self.text = text
        self.digest = digest
    }

    /// The digest of `text` if it is a well-formed secret, without keeping the text.
    package static func digestIfWellFormed(_ text: String) -> SecretDigest? {
        var text = text
        return text.withUTF8 { bytes -> SecretDigest? in
            let p = 4
            guard bytes.count >= p + randomLength + checksumLength, bytes.count <= 128,
                bytes[0] == 107, bytes[1] == 115, bytes[2] == 107, bytes[3] == 95  // "ksk_"
            else { return nil }
            for b in bytes[p...] where !Base62.isDigit(b) { return nil }
            let bodyEnd = bytes.count - checksumLength
            var crc = CRC32.checksum(bytes[p..<bodyEnd])
            // Compare the 6 checksum digits without allocating.
            for i in stride(from: bytes.count - 1, through: bodyEnd, by: -1) {
                guard bytes[i] == Base62.alphabet[Int(crc % 62)] else { return nil }
                crc /= 62
            }
            return SecretDigest(hashing: UnsafeRawBufferPointer(bytes))
        }
    }

    /// Always `<secret>`, so printing a secret never reveals it.
    public var description: String { "<secret>" }
}
