import KeysmithCore

/// Whether a typed line holds a secret, so it stays out of the history file and out of
/// recorded scenarios (the rule itself is ``SecretRedaction`` in the core model).
package enum SecretScanner {
    package static func containsSecret(_ line: String) -> Bool { SecretRedaction.containsSecret(line) }
}
