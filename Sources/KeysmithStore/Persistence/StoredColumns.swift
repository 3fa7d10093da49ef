import KeysmithCore

// How a database store writes a grant list and an access rule into a text column.

/// Grant lists as a database store keeps them: names joined by commas (a grant name never
/// contains one).
package enum GrantNames {
    package static func join(_ names: [String]) -> String { names.joined(separator: ",") }
    package static func split(_ text: String) -> [String] { text.split(separator: ",").map(String.init) }
}

extension AccessRule {
    /// The rule with its resource kind spelled out (`view document id`), as a database store
    /// keeps it: ``AccessRule/parse(_:template:)`` reads it back exactly, whatever the path.
    package var storedText: String {
        switch self {
        case .none: return "none"
        case .admin: return "admin"
        case .view(let kind, let parameter): return "view \(kind.rawValue) \(parameter)"
        case .edit(let kind, let parameter): return "edit \(kind.rawValue) \(parameter)"
        }
    }
}
