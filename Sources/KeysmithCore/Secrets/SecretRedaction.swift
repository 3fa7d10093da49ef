/// Finds and hides anything shaped like a keysmith secret (`ksk_` followed by at least 30
/// base62 characters) in free text, checksum or not: a mistyped secret is still sensitive.
/// Used to keep secrets out of the audit log, explanations, history files and recordings.
public enum SecretRedaction {
    /// Whether `text` holds something shaped like a secret.
    public static func containsSecret(_ text: String) -> Bool {
        redacting(text) != text
    }

    /// `text` with every secret-shaped run cut to `ksk_…`.
    public static func redacting(_ text: String) -> String {
        guard text.utf8.count >= Secret.prefix.utf8.count + Secret.randomLength else { return text }
        var out = ""
        var rest = Substring(text)
        while let found = rest.firstRange(of: Secret.prefix) {
            out += rest[..<found.upperBound]
            rest = rest[found.upperBound...]
            let run = rest.prefix(while: { $0.isASCII && ($0.isLetter || $0.isNumber) })
            if run.count >= Secret.randomLength {
                out += "…"
                rest = rest[run.endIndex...]
            }
        }
        return out + rest
    }
}
