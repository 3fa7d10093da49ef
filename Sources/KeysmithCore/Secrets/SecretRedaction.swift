/// Finds and hides anything that could be (part of) a keysmith secret in free text. Used to
/// keep secrets out of the audit log, explanations, errors, echoes, history files and
/// recordings, and to refuse them in names and ids (``problem(in:what:)``).
///
/// Two rules, each cutting the whole run of base62 characters it finds:
/// - **the prefix**: `ksk_` in any case followed by at least ``prefixedRunMinimum`` base62
///   characters, checksum or not. A mistyped or cut secret still gives most of itself away,
///   and no real name looks like that. A run too short for that may be a secret with one stray
///   character in its first characters (`ksk_ZF0s-Df7r…`, `ksk_ZF0s Df7r…`): with the run
///   after that one character it is cut when the two make at least ``strayJoinedMinimum``
///   characters, nearly a whole secret (so `ksk_a b c` and two short runs stay as they are,
///   and a run already long enough ends at the next character: `ksk_… GET /path` keeps its
///   words);
/// - **the checksum**: 36 base62 characters in a row whose last 6 are the CRC-32 of the 30
///   before them, whatever precedes them (`ksk-…`, `ksk …`, or the secret without its prefix).
///   A random run passes by chance about once in 5 × 10¹⁰.
///
/// Invisible format characters (zero-width space, soft hyphen, byte-order mark, bidi marks)
/// are ignored while looking, so a secret split by one is still found; when something is cut
/// they are dropped from the result.
///
/// The one rule serves printing and storing alike, so it is the stricter reading of "text that
/// parses as a keysmith secret".
package enum SecretRedaction {
    /// How many base62 characters after a `ksk_` prefix make a run secret-shaped.
    package static let prefixedRunMinimum = 12
    /// How many base62 characters two prefixed runs split by one stray character must make to
    /// be cut as one secret.
    static let strayJoinedMinimum = 30
    /// The length of a secret without its prefix: random part and checksum.
    static let bodyLength = Secret.randomLength + Secret.checksumLength

    /// Whether `text` holds something shaped like a secret.
    package static func containsSecret(_ text: String) -> Bool {
        redacting(text) != text
    }

    /// Why `text` cannot be stored, when it holds something shaped like a secret; nil otherwise.
    /// `what` names the text in the message (`"a key name"`); the message never holds the secret:
    /// `a key name must not contain a secret (ksk_…); the secret was not stored`.
    package static func problem(in text: String, what: String) -> String? {
        containsSecret(text) ? "\(what) must not contain a secret (ksk_…); the secret was not stored" : nil
    }

    /// `text` with every secret-shaped run cut to `…` (so `ksk_…`, or `ghp_…` for a token of
    /// the same layout). The prefix is matched in any case (`KSK_…`): a secret
    /// that went through `uppercased()` on its way to a message still gives most of itself away.
    package static func redacting(_ text: String) -> String {
        guard text.utf8.count >= Secret.prefix.utf8.count + prefixedRunMinimum else { return text }
        if let cut = cutting(text) { return cut }
        // Only text with an invisible character can hide a secret from the scan above.
        guard !text.utf8.allSatisfy({ $0 < 0x80 }), text.unicodeScalars.contains(where: isIgnorable) else { return text }
        var visible = String.UnicodeScalarView()
        visible.append(contentsOf: text.unicodeScalars.lazy.filter { !isIgnorable($0) })
        return cutting(String(visible)) ?? text
    }

    /// `text` with its secret-shaped runs cut, or nil when it has none. Scans the bytes in
    /// place and allocates only when there is something to cut (checks redact every path they
    /// audit).
    private static func cutting(_ text: String) -> String? {
        var native = text
        return native.withUTF8 { bytes -> String? in
            var out: [UInt8] = []
            var copied = 0  // bytes[..<copied] are in `out` already
            var i = 0
            while i < bytes.count {
                guard Base62.isDigit(bytes[i]) else {
                    i += 1
                    continue
                }
                // A maximal run of base62 characters, and whether `ksk_` stands right before it.
                var end = i
                while end < bytes.count, Base62.isDigit(bytes[end]) { end += 1 }
                let prefixed = i >= 4 && isPrefix(bytes, at: i - 4)
                var counted = end - i
                if prefixed, counted < prefixedRunMinimum, end + 1 < bytes.count, isStray(bytes[end]),
                    Base62.isDigit(bytes[end + 1])
                {
                    // A secret with one stray character in its first characters: the run after it.
                    var next = end + 1
                    while next < bytes.count, Base62.isDigit(bytes[next]) { next += 1 }
                    if counted + next - end - 1 >= strayJoinedMinimum {
                        counted += next - end - 1
                        end = next
                    }
                }
                if (prefixed && counted >= prefixedRunMinimum) || holdsChecksummedBody(bytes, i..<end) {
                    out += bytes[copied..<i]
                    out += "…".utf8
                    copied = end
                }
                i = end
            }
            guard copied > 0 else { return nil }
            out += bytes[copied...]
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Whether some 36 characters of the run are a secret body: 30 characters and their CRC-32.
    private static func holdsChecksummedBody(_ bytes: UnsafeBufferPointer<UInt8>, _ run: Range<Int>) -> Bool {
        guard run.count >= bodyLength else { return false }
        for start in run.lowerBound...(run.upperBound - bodyLength) {
            let bodyEnd = start + Secret.randomLength
            var crc = CRC32.checksum(bytes[start..<bodyEnd])
            var matches = true
            for i in stride(from: bodyEnd + Secret.checksumLength - 1, through: bodyEnd, by: -1) {
                guard bytes[i] == Base62.alphabet[Int(crc % 62)] else {
                    matches = false
                    break
                }
                crc /= 62
            }
            if matches { return true }
        }
        return false
    }

    /// Characters nobody sees: Unicode format characters (zero-width space, soft hyphen,
    /// byte-order mark, bidi marks, tags) but the zero-width joiners that emoji and some
    /// scripts need.
    static func isIgnorable(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .format && scalar.value != 0x200D && scalar.value != 0x200C
    }

    /// A printable ASCII character that may stand by mistake inside a pasted secret: a space or
    /// punctuation, but not a line break, a control character or `_` (the prefix's own).
    private static func isStray(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "_") && !Base62.isDigit(byte)
    }

    /// `ksk_` in any case at `i` (all ASCII, so never inside a multi-byte character).
    private static func isPrefix(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        bytes[i] | 0x20 == UInt8(ascii: "k") && bytes[i + 1] | 0x20 == UInt8(ascii: "s")
            && bytes[i + 2] | 0x20 == UInt8(ascii: "k") && bytes[i + 3] == UInt8(ascii: "_")
    }
}
