/// Finds and hides anything shaped like a keysmith secret (`ksk_` followed by at least 30
/// base62 characters) in free text, checksum or not: a mistyped secret is still sensitive.
/// Used to keep secrets out of the audit log, explanations, errors, echoes, history files and
/// recordings, and to refuse them in names and ids (``problem(in:what:)``).
///
/// The one rule serves both printing and storing, so it is the stricter reading of "text that
/// parses as a keysmith secret": every secret-shaped run counts, wherever it sits in the text
/// and whether or not its checksum holds. A secret with one character mistyped still gives
/// away all the others, and no real name looks like 30 base62 characters after `ksk_`.
public enum SecretRedaction {
    /// Whether `text` holds something shaped like a secret.
    public static func containsSecret(_ text: String) -> Bool {
        redacting(text) != text
    }

    /// Why `text` cannot be stored, when it holds something shaped like a secret; nil otherwise.
    /// `what` names the text in the message (`"a key name"`); the message never holds the secret:
    /// `a key name must not contain a secret (ksk_…); the secret was not stored`.
    public static func problem(in text: String, what: String) -> String? {
        containsSecret(text) ? "\(what) must not contain a secret (ksk_…); the secret was not stored" : nil
    }

    /// `text` with every secret-shaped run cut to `ksk_…`. The prefix is matched in any case
    /// (`KSK_…`): a secret that went through `uppercased()` on its way to a message still
    /// gives most of itself away.
    public static func redacting(_ text: String) -> String {
        let minimum = Secret.prefix.utf8.count + Secret.randomLength
        guard text.utf8.count >= minimum else { return text }
        var native = text
        // Scans the bytes in place; allocates only when there is something to cut (checks
        // redact every path they audit).
        let redacted: String? = native.withUTF8 { bytes in
            var out: [UInt8] = []
            var copied = 0  // bytes[..<copied] are in `out` already
            var i = 0
            while i + minimum <= bytes.count {
                guard isPrefix(bytes, at: i) else { i += 1; continue }
                var end = i + 4
                while end < bytes.count, Base62.isDigit(bytes[end]) { end += 1 }
                if end - (i + 4) >= Secret.randomLength {
                    out += bytes[copied..<(i + 4)]
                    out += "…".utf8
                    copied = end
                    i = end
                } else {
                    i += 4  // a short run may hold the next prefix (`ksk_ksk_…`)
                }
            }
            guard copied > 0 else { return nil }
            out += bytes[copied...]
            return String(decoding: out, as: UTF8.self)
        }
        return redacted ?? text
    }

    /// `ksk_` in any case at `i` (all ASCII, so never inside a multi-byte character).
    private static func isPrefix(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        bytes[i] | 0x20 == UInt8(ascii: "k") && bytes[i + 1] | 0x20 == UInt8(ascii: "s")
            && bytes[i + 2] | 0x20 == UInt8(ascii: "k") && bytes[i + 3] == UInt8(ascii: "_")
    }
}
