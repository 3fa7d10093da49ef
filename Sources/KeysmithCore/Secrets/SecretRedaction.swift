/// Finds and hides anything that could be (part of) a keysmith secret in free text. Used to
/// keep secrets out of the audit log, explanations, errors, echoes, history files and
/// recordings, and to refuse them in names and ids (``problem(in:what:)``).
///
/// Two rules, each cutting the whole run of base62 characters it finds:
/// - **the prefix**: `ksk_` in any case followed by at least ``prefixedRunMinimum`` base62
///   characters, checksum or not. A mistyped or cut secret still gives most of itself away,
///   and no real name looks like that. A run shorter than a whole secret may be one with a
///   stray character in it (`ksk_ZF0s-Df7r…`, `ksk_ZF0sDf7rAcgJ hlpM…`, a tab, a no-break
///   space): with the run after that one character it is cut when the two make between
///   ``strayJoinedMinimum`` and a whole secret's characters (so `ksk_a b c` and two short runs
///   stay as they are, and a whole secret ends at the next character: `ksk_… GET /path` keeps
///   its words);
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

    /// What ``problem(in:what:)`` adds for text refused on its way in.
    static let notStoredNote = "; the secret was not stored"

    /// `problem`, a stored-text rule's refusal, as said of text already stored (`store verify`):
    /// without ``notStoredNote``, which is not true of it.
    package static func asFoundInStore(_ problem: String) -> String {
        problem.hasSuffix(notStoredNote) ? String(problem.dropLast(notStoredNote.count)) : problem
    }

    /// Why `text` cannot be stored, when it holds something shaped like a secret; nil otherwise.
    /// `what` names the text in the message (`"a key name"`); the message never holds the secret:
    /// `a key name must not contain a secret (ksk_…); the secret was not stored`.
    package static func problem(in text: String, what: String) -> String? {
        containsSecret(text) ? "\(what) must not contain a secret (ksk_…)" + notStoredNote : nil
    }

    /// `text` with every secret-shaped run cut to `…` (so `ksk_…`, or `ghp_…` for a token of
    /// the same layout). The prefix is matched in any case (`KSK_…`): a secret
    /// that went through `uppercased()` on its way to a message still gives most of itself away.
    package static func redacting(_ text: String) -> String {
        guard text.utf8.count >= Secret.prefix.utf8.count + prefixedRunMinimum else { return text }
        // Invisible characters are taken out before the scan, wherever they stand: a secret
        // split by them must be cut whole, not only up to them.
        let visible = withoutIgnorable(text)
        return cutting(visible) ?? text
    }

    /// `text` without its invisible characters (``isIgnorable(_:)``); `text` itself, without
    /// copying, when it has none (all ASCII, as most text is).
    private static func withoutIgnorable(_ text: String) -> String {
        guard !text.utf8.allSatisfy({ $0 < 0x80 }), text.unicodeScalars.contains(where: isIgnorable) else { return text }
        var visible = String.UnicodeScalarView()
        visible.append(contentsOf: text.unicodeScalars.lazy.filter { !isIgnorable($0) })
        return String(visible)
    }

    /// `message` redacted, and with every piece of a secret that `context` holds cut too: a
    /// message about some text may quote one word of it (`unexpected hlpMElBU…`), which alone
    /// is no secret but was part of one in the text as typed (`ksk_ZF0sDf7rAcgJ hlpMElBU…`, a
    /// secret pasted with a space in it). Pieces of 6 characters or more count.
    package static func redacting(_ message: String, piecesOfSecretsIn context: String) -> String {
        var out = redacting(message)
        guard context.utf8.count >= Secret.prefix.utf8.count + prefixedRunMinimum else { return out }
        var native = withoutIgnorable(context)
        let pieces = native.withUTF8 { bytes -> [String] in
            var pieces: [String] = []
            scan(bytes) { range in
                var start = range.lowerBound
                while start < range.upperBound {
                    var end = start
                    while end < range.upperBound, Base62.isDigit(bytes[end]) { end += 1 }
                    if end - start >= 6 {
                        pieces.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
                    }
                    start = end + 1
                }
            }
            return pieces
        }
        for piece in pieces.sorted(by: { $0.utf8.count > $1.utf8.count }) where out.contains(piece) {
            out = out.replacing(piece, with: "…")
        }
        return out
    }

    /// `text` with its secret-shaped runs cut, or nil when it has none. Scans the bytes in
    /// place and allocates only when there is something to cut (checks redact every path they
    /// audit).
    private static func cutting(_ text: String) -> String? {
        var native = text
        return native.withUTF8 { bytes -> String? in
            var out: [UInt8] = []
            var copied = 0  // bytes[..<copied] are in `out` already
            scan(bytes) { range in
                out += bytes[copied..<range.lowerBound]
                out += "…".utf8
                copied = range.upperBound
            }
            guard copied > 0 else { return nil }
            out += bytes[copied...]
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Calls `found` with each secret-shaped run of `bytes` (after its prefix, if any), in
    /// order: the two rules of the type's comment.
    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ found: (Range<Int>) -> Void) {
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
            if prefixed, counted < bodyLength, let stray = strayLength(bytes, at: end), end + stray < bytes.count,
                Base62.isDigit(bytes[end + stray])
            {
                // A secret with one stray character in it: the run after that character.
                var next = end + stray
                while next < bytes.count, Base62.isDigit(bytes[next]) { next += 1 }
                let joined = counted + next - end - stray
                if (strayJoinedMinimum...bodyLength).contains(joined) {
                    counted = joined
                    end = next
                }
            }
            if (prefixed && counted >= prefixedRunMinimum) || holdsChecksummedBody(bytes, i..<end) {
                found(i..<end)
            }
            i = end
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

    /// The length in bytes of the one character at `i` that may stand by mistake inside a
    /// pasted secret (a space, a tab, punctuation, a control character, any non-ASCII
    /// character), or nil: not a line break, `_` (the prefix's own) or a base62 character.
    private static func strayLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        guard i < bytes.count else { return nil }
        let byte = bytes[i]
        if byte < 0x80 {
            let excluded = byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "_") || Base62.isDigit(byte)
            return excluded ? nil : 1
        }
        // A whole UTF-8 sequence: its lead byte and the continuation bytes after it.
        var end = i + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return end - i
    }

    /// `ksk_` in any case at `i` (all ASCII, so never inside a multi-byte character).
    private static func isPrefix(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        bytes[i] | 0x20 == UInt8(ascii: "k") && bytes[i + 1] | 0x20 == UInt8(ascii: "s")
            && bytes[i + 2] | 0x20 == UInt8(ascii: "k") && bytes[i + 3] == UInt8(ascii: "_")
    }
}
