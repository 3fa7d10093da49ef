import Crypto

/// The SHA-256 digest of a secret: the only form in which a store keeps a secret.
///
/// A fixed-size value (four words, no heap), hashable for an O(1) index. `==` is
/// constant-time: it ORs the XOR of every word instead of stopping at the first difference.
public struct SecretDigest: Hashable, Sendable, CustomStringConvertible {
    /// The digest as four words, for O(1) indexes in keysmith's stores (not for embedders).
    package let w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64

    package init(w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64) {
        (self.w0, self.w1, self.w2, self.w3) = (w0, w1, w2, w3)
    }

    /// SHA-256 of `bytes`.
    public init(hashing bytes: UnsafeRawBufferPointer) {
        var hasher = SHA256()
        hasher.update(bufferPointer: bytes)
        let hash = hasher.finalize()
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        hash.withUnsafeBytes { raw in
            words = (
                raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self).bigEndian,
                raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self).bigEndian,
                raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self).bigEndian,
                raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self).bigEndian
            )
        }
        self.init(w0: words.0, w1: words.1, w2: words.2, w3: words.3)
    }

    /// SHA-256 of the UTF-8 bytes of `text`.
    public init(hashing text: String) {
        var text = text
        self = text.withUTF8 { SecretDigest(hashing: UnsafeRawBufferPointer($0)) }
    }

    /// Rebuilds a digest from its 32 bytes (as stored); nil if not 32 bytes.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        func word(_ i: Int) -> UInt64 { (0..<8).reduce(0) { $0 << 8 | UInt64(bytes[i * 8 + $1]) } }
        self.init(w0: word(0), w1: word(1), w2: word(2), w3: word(3))
    }

    /// The 32 digest bytes, big-endian, as a store writes them.
    public var bytes: [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(32)
        for w in [w0, w1, w2, w3] {
            for s in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: w >> UInt64(s))) }
        }
        return out
    }

    /// Lower-case hex, 64 characters.
    package var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] }, as: UTF8.self)
    }

    /// `sha256:` and the first 12 hex digits, then `…`: enough to tell digests apart in logs.
    public var description: String { "sha256:" + hex.prefix(12) + "…" }

    /// Compares in constant time: every word is compared, with no early exit.
    public static func == (a: SecretDigest, b: SecretDigest) -> Bool {
        ((a.w0 ^ b.w0) | (a.w1 ^ b.w1) | (a.w2 ^ b.w2) | (a.w3 ^ b.w3)) == 0
    }

    /// Hashes the first word only; the digest is already uniformly random.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(w0)  // already uniformly random: one word is enough
    }
}
