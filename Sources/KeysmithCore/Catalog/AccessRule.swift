/// What the key's user must be able to do for an endpoint to allow the call.
/// Not frozen: new cases may come in a later version, so a switch outside keysmith needs an
/// `@unknown default` (`@nonexhaustive`; inside the package switches stay exhaustive).
@nonexhaustive
public enum AccessRule: Hashable, Sendable, CustomStringConvertible {
    /// Any user.
    case none
    /// Account admins only.
    case admin
    /// View rights on the document or folder named by path parameter `parameter`.
    case view(ResourceKind, parameter: String)
    /// Edit rights on the document or folder named by path parameter `parameter`.
    case edit(ResourceKind, parameter: String)

    /// Parses `none`, `admin`, `view P`, `edit P`, `view document P` or `edit folder P`.
    /// When the kind is left out it is read from the path segment before `{P}`
    /// (`documents` or `folders`).
    package static func parse(_ text: String, template: PathTemplate) throws(KeysmithError) -> AccessRule {
        let words = text.split(whereSeparator: { $0 == " " || $0 == ":" }).map(String.init)
        switch words.first {
        case "none" where words.count == 1: return .none
        case "admin" where words.count == 1: return .admin
        case "view", "edit":
            guard words.count == 2 || words.count == 3 else { break }
            let parameter = words[words.count - 1]
            guard let position = template.parameterNames.firstIndex(of: parameter) else {
                throw .badAccessRule(text, "the path \(template) has no parameter {\(parameter)}")
            }
            let kind: ResourceKind
            if words.count == 3 {
                guard let k = ResourceKind(rawValue: words[1]) ?? (words[1] == "doc" ? .document : nil) else {
                    throw .badAccessRule(text, "\"\(words[1])\" is not a resource kind; use document or folder")
                }
                kind = k
            } else if let k = template.resourceKind(forParameterAt: position) {
                kind = k
            } else {
                throw .badAccessRule(
                    text,
                    "cannot tell whether {\(parameter)} names a document or a folder; write \"\(words[0]) document \(parameter)\" or \"\(words[0]) folder \(parameter)\""
                )
            }
            return words[0] == "view" ? .view(kind, parameter: parameter) : .edit(kind, parameter: parameter)
        default: break
        }
        throw .badAccessRule(text, "an access rule is none, admin, view P or edit P (P a path parameter)")
    }

    /// `none`, `admin`, `view P` or `edit P`; the resource kind is left out.
    public var description: String {
        switch self {
        case .none: return "none"
        case .admin: return "admin"
        case .view(_, let p): return "view \(p)"
        case .edit(_, let p): return "edit \(p)"
        }
    }
}
