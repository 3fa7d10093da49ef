/// Finds and hides anything that could be (part of) a keysmith secret in free text. Used to
/// keep secrets out of the audit log, explanations, errors, echoes, history files and
/// recordings, and to refuse them in names and ids (``problem(in:what:)``).
///
/// Two rules, each cutting the whole run of base62 characters it finds:
/// - **the prefix**: `ksk_` in any case followed by at least ``prefixedRunMinimum`` base62
///   characters, checksum or not. A mistyped or cut secret still gives most of itself away,
///   and no real name looks like that;
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
                if (prefixed && end - i >= prefixedRunMinimum) || holdsChecksummedBody(bytes, i..<end) {
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

    /// `ksk_` in any case at `i` (all ASCII, so never inside a multi-byte character).
    private static func isPrefix(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        bytes[i] | 0x20 == UInt8(ascii: "k") && bytes[i + 1] | 0x20 == UInt8(ascii: "s")
            && bytes[i + 2] | 0x20 == UInt8(ascii: "k") && bytes[i + 3] == UInt8(ascii: "_")
    }
}
