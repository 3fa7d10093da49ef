/// The rule every name and id a store keeps must pass (key names, user names, document and
/// folder ids, endpoint paths, grant names): printable text (`PrintableText`) holding nothing
/// shaped like a secret (``SecretRedaction``). Each type's own rule (length, alphabet) comes
/// after this one.
///
/// ```swift
/// StoredText.problem(in: "ci ksk_…(36 base62)", what: "a key name")
/// // "a key name must not contain a secret (ksk_…); the secret was not stored"
/// ```
package enum StoredText {
    /// Why `text` may not be stored, or nil. `what` names it in the message (`"a user name"`).
    package static func problem(in text: String, what: String) -> String? {
        PrintableText.problem(in: text, what: what) ?? SecretRedaction.problem(in: text, what: what)
    }
}
