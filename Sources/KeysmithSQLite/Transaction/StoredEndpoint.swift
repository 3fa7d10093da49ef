import KeysmithCore
import KeysmithStore

/// How a custom endpoint is written to the `custom_endpoints` table and read back.
enum StoredEndpoint {
    /// The access rule with its resource kind spelled out (`view document id`), which
    /// ``AccessRule/parse(_:template:)`` reads back exactly, whatever the path looks like.
    static func accessText(_ rule: AccessRule) -> String {
        switch rule {
        case .none: return "none"
        case .admin: return "admin"
        case .view(let kind, let parameter): return "view \(kind.rawValue) \(parameter)"
        case .edit(let kind, let parameter): return "edit \(kind.rawValue) \(parameter)"
        }
    }

    /// Rebuilds an endpoint from its stored columns.
    static func endpoint(method: String, path: String, acceptsAPIKeys: Bool, grants: String,
                         access: String) throws -> Endpoint {
        do {
            let template = try PathTemplate(parsing: path)
            let rule = try AccessRule.parse(access, template: template)
            return Endpoint(method: method, path: template, acceptsAPIKeys: acceptsAPIKeys,
                            grantNames: GrantNames.split(grants), access: rule, isCustom: true)
        } catch {
            throw StoreError.failure("the stored endpoint \(method) \(path) cannot be read back: \(error)")
        }
    }
}

/// Grant lists as stored: names joined by commas (a grant name never contains one).
enum GrantNames {
    static func join(_ names: [String]) -> String { names.joined(separator: ",") }
    static func split(_ text: String) -> [String] { text.split(separator: ",").map(String.init) }
}
