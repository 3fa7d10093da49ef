/// The values random operations draw from: ordinary ones, and the hostile ones the invariants
/// must survive (control characters, bidi overrides, wide characters, pasted secrets).
enum OperationPools {
    /// Text for names and ids; `nil` entries are replaced by secret text (see ``text(_:secrets:)``).
    static let text: [String?] = [
        "alice", "bob", "ME", "d1", "f1", "plan b", "wide 表計算 🙂",
        "esc\u{1B}[2Jx", "nl\nkey_fake0000  admin  active", "bidi\u{202E}cod", "bell\u{07}", "nul\u{0}x",
        "del\u{7F}", "c1\u{85}", nil, nil, nil, "", String(repeating: "long", count: 40), "a#b", "quote\"d", "dollar$x",
    ]

    static let users = ["me", "alice", "bob", "root", "ME", "nobody"]
    static let expirations = ["1s", "1h", "1d", "30d", "never", "2026-03-01", "2025-01-01", "3650000d"]
    static let grants = [
        "User", "DocumentReadonly", "DocumentEdit", "FolderReadonly", "DocumentAdmin",
        "User,DocumentReadonly", "Nope",
    ]
    static let advances = ["1s", "59m", "1d", "31d", "400d", "0s"]
    static let instants = ["2025-01-01", "2026-01-01", "2026-06-01", "2027-01-01T00:00:00Z", "9999-12-31T23:59:59Z"]
    static let requests = [
        "GET /users/me/profile", "GET /documents/d1", "POST /documents/d1/trash",
        "GET /folders/f1", "GET /documents/plan%20b", "PATCH /documents/d1",
    ]

    /// Pool text `index`, where the secret slots paste a live secret (whole, or inside other
    /// text, or with its checksum broken) when one exists.
    static func text(_ index: Int, secrets: [String]) -> String {
        let slot = index % text.count
        if let plain = text[slot] { return plain }
        guard let secret = secrets.last else { return "ksk_" + String(repeating: "A", count: 36) }
        switch slot {
        case 14: return secret
        case 15: return "pre " + secret + " post"
        default: return String(secret.dropLast()) + (secret.last == "A" ? "B" : "A")
        }
    }

    /// The catalog template a pool request reaches (`/documents/d1` → `/documents/{id}`), for
    /// `endpoint limit`.
    static func template(of path: String) -> String {
        let segments = path.split(separator: "/")
        guard segments.count >= 2, segments[0] == "documents" || segments[0] == "folders" else { return path }
        return "/" + ([String(segments[0]), "{id}"] + segments.dropFirst(2).map(String.init)).joined(separator: "/")
    }

    /// `text` as a KeyScript double-quoted word.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "$": out += "\\$"
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out + "\""
    }
}
