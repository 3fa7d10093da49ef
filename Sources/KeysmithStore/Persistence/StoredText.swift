import KeysmithCore

/// Grant lists as a database store keeps them: names joined by commas (a grant name never
/// contains one).
public enum GrantNames {
    public static func join(_ names: [String]) -> String { names.joined(separator: ",") }
    public static func split(_ text: String) -> [String] { text.split(separator: ",").map(String.init) }
}

extension AccessRule {
    /// The rule with its resource kind spelled out (`view document id`), as a database store
    /// keeps it: ``AccessRule/parse(_:template:)`` reads it back exactly, whatever the path.
    public var storedText: String {
        switch self {
        case .none: return "none"
        case .admin: return "admin"
        case .view(let kind, let parameter): return "view \(kind.rawValue) \(parameter)"
        case .edit(let kind, let parameter): return "edit \(kind.rawValue) \(parameter)"
        }
    }
}
