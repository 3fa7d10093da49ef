import Hummingbird
import KeysmithCore
import KeysmithHTTP

/// The journal's filters as `GET /_keysmith/requests` and its stream read them from the query:
/// `key=ID|NAME`, `outcome=allow|deny`, `reason=REASON` and (the listing only) `limit=N`. Every
/// parameter is checked the same way: an unknown one, an empty one, one given twice or a value
/// it cannot take is a ``BadQuery`` naming the parameter and what it may be.
enum JournalQuery {
    /// Every value an entry's `reason` can hold: `allow`, the check's deny reasons, the
    /// server's request-shape reasons, and `-` (an answer with no reason).
    static let reasons =
        ["allow"] + DenyReason.allCases.map(\.rawValue) + [
            "missing_key", "missing_api_version", "unsupported_api_version", "bad_path", "path_too_long",
            "bad_request_as", "bad_prefer", "store_unavailable", "bad_request", "request_header_fields_too_large",
            "internal", "-",
        ]
    static let outcomes = ["allow", "deny"]

    /// The filter `request`'s query asks for; `limit` is read only when `takesLimit` (else it
    /// is an unknown parameter), and is `defaultLimit` when absent.
    static func filter(_ request: Request, takesLimit: Bool, defaultLimit: Int? = nil) throws(BadQuery) -> RequestJournal.Filter {
        let parameters = takesLimit ? ["key", "outcome", "reason", "limit"] : ["key", "outcome", "reason"]
        var filter = RequestJournal.Filter(limit: defaultLimit)
        var given: Set<String> = []
        for (name, value) in try AdminQuery.parameters(request) {
            guard parameters.contains(name) else {
                throw BadQuery(
                    parameter: PrintableText.shown(name),
                    message:
                        "\(name.isEmpty ? "a parameter with no name" : KeysmithDenial.excerpt(name)) is not a filter of the journal; use \(parameters.joined(separator: ", "))",
                    allowed: parameters)
            }
            guard given.insert(name).inserted else {
                throw BadQuery(parameter: name, message: "\(name) is given twice; give it once", allowed: allowed(name))
            }
            switch name {
            case "key":
                guard !value.isEmpty else {
                    throw BadQuery(parameter: name, message: "key= is empty; give a key's id or name", allowed: [])
                }
                filter.key = value
            case "outcome":
                try check(name, value, in: outcomes)
                filter.outcome = value
            case "reason":
                try check(name, value, in: reasons)
                filter.reason = value
            default:
                // Digits past Int's range still mean "more than the journal holds": all of it.
                let digits = !value.isEmpty && value.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
                guard let limit = Int(value) ?? (digits && value.contains(where: { $0 != "0" }) ? Int.max : nil), limit >= 1 else {
                    throw BadQuery(
                        parameter: name, message: "limit=\(KeysmithDenial.excerpt(value)) is not a positive whole number",
                        allowed: [])
                }
                filter.limit = limit
            }
        }
        return filter
    }

    private static func allowed(_ name: String) -> [String] {
        switch name {
        case "outcome": return outcomes
        case "reason": return reasons
        default: return []
        }
    }

    private static func check(_ name: String, _ value: String, in allowed: [String]) throws(BadQuery) {
        guard !allowed.contains(value) else { return }
        throw BadQuery(
            parameter: name,
            message: "\(name)=\(KeysmithDenial.excerpt(value)) is not one of \(allowed.joined(separator: ", "))",
            allowed: allowed)
    }
}
