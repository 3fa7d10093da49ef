/// The `x-keysmith-*` specification extensions: what a catalog holds that OpenAPI cannot say.
/// An operation may carry `x-keysmith-access` (an access rule: `view document id`),
/// `x-keysmith-rate-limit` (`300/5s per account`) and `x-keysmith-request-as` (true: the
/// operation takes `Lucid-Request-As`); the key scheme may carry `x-keysmith-grants` (the
/// grants in catalog order, each `{name, description}`); the document may carry
/// `x-keysmith-version-prefix` (true: read a leading `/vN` as the version, as
/// `--version-prefix` does). Other extensions are ignored.
package enum KeysmithExtensions {
    package static let access = "x-keysmith-access"
    package static let rateLimit = "x-keysmith-rate-limit"
    package static let requestAs = "x-keysmith-request-as"
    package static let grants = "x-keysmith-grants"
    package static let versionPrefix = "x-keysmith-version-prefix"

    /// Parses `300/5s per account` (the scope may be left out: per account).
    static func rateLimit(_ text: String) throws(KeysmithError) -> RateLimit {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        if parts.count == 1 { return try RateLimit(validating: String(parts[0]), scope: .account) }
        guard parts.count == 3, parts[1] == "per", let scope = RateLimit.Scope(rawValue: String(parts[2])) else {
            throw .badRateLimit(text, "a rate limit is N/DURATION [per account|user|key], such as 300/5s per account")
        }
        return try RateLimit(validating: String(parts[0]), scope: scope)
    }

    /// The access rule as text that names its resource kind (`view document id`), so that it
    /// reads back the same whatever the path's segments are.
    static func accessText(_ rule: AccessRule) -> String {
        switch rule {
        case .none, .admin: return rule.description
        case .view(let kind, let parameter): return "view \(kind.rawValue) \(parameter)"
        case .edit(let kind, let parameter): return "edit \(kind.rawValue) \(parameter)"
        }
    }
}
