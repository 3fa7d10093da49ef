package import HTTPTypes
import KeysmithCore
package import KeysmithHTTP

/// What a request's `Prefer` header (RFC 7240, read as Prism reads it) asks of
/// `keysmith serve --allow-prefer`: an answer forced to a deny reason of the check
/// (`reason=rate_limited`), the store-unavailable answer (`code=503`; `code=404` and
/// `code=429` name their one reason too), and a delay before answering (`delay=250ms`,
/// `delay=2s`, at most 30 s). Preferences it does not know are ignored, as RFC 7240 asks;
/// a value it cannot honour is a 400 `bad_prefer`, so a client developer learns at once.
package struct Preference: Sendable, Hashable {
    package enum Outcome: Sendable, Hashable {
        case reason(DenyReason)
        case storeUnavailable
    }

    package var outcome: Outcome?
    package var delay: Duration?

    package init(outcome: Outcome? = nil, delay: Duration? = nil) {
        self.outcome = outcome
        self.delay = delay
    }

    package static let header = HTTPField.Name("Prefer")!
    static let longestDelay: Int64 = 30_000

    /// Reads every `Prefer` value (comma-separated preferences, each `token[=value]` with
    /// optional `;parameters`, which are ignored).
    package static func parse(_ values: [String]) throws(KeysmithDenial) -> Preference {
        var preference = Preference()
        for value in values {
            for item in value.split(separator: ",") {
                let head = item.split(separator: ";", maxSplits: 1).first ?? ""
                let parts = head.split(separator: "=", maxSplits: 1)
                let name = parts.first.map { trimmed($0).lowercased() } ?? ""
                var argument = parts.count > 1 ? trimmed(parts[1]) : ""
                if argument.count >= 2, argument.hasPrefix("\""), argument.hasSuffix("\"") {
                    argument = String(argument.dropFirst().dropLast())
                }
                switch name {
                case "reason": preference.outcome = .reason(try reason(argument))
                case "code": preference.outcome = try code(argument)
                case "delay": preference.delay = try delay(argument)
                default: continue
                }
            }
        }
        return preference
    }

    private static func reason(_ text: String) throws(KeysmithDenial) -> DenyReason {
        if let reason = DenyReason(rawValue: text) { return reason }
        let known = DenyReason.allCases.map(\.rawValue).joined(separator: ", ")
        throw bad("Prefer: reason=\(KeysmithDenial.excerpt(text)) is not a deny reason; use one of \(known)")
    }

    private static func code(_ text: String) throws(KeysmithDenial) -> Outcome {
        if text == "503" { return .storeUnavailable }
        let reasons = DenyReason.allCases.filter { String($0.status) == text }
        if reasons.count == 1 { return .reason(reasons[0]) }
        if reasons.isEmpty {
            throw bad("Prefer: code=\(KeysmithDenial.excerpt(text)) is no answer this server gives; use 401, 403, 404, 429 or 503")
        }
        let named = reasons.map(\.rawValue).joined(separator: ", ")
        throw bad("Prefer: code=\(text) stands for several reasons (\(named)); ask for one with reason=")
    }

    private static func delay(_ text: String) throws(KeysmithDenial) -> Duration {
        var digits = Substring(text)
        var scale: Int64 = 1_000
        if digits.hasSuffix("ms") {
            digits = digits.dropLast(2)
            scale = 1
        } else if digits.hasSuffix("s") {
            digits = digits.dropLast()
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), let value = Int64(digits),
            value <= longestDelay, value * scale <= longestDelay
        else {
            throw bad("Prefer: delay=\(KeysmithDenial.excerpt(text)) is not a delay of at most 30s; write 250ms or 2s")
        }
        return .milliseconds(value * scale)
    }

    private static func trimmed(_ text: Substring) -> String {
        String(text.drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }

    private static func bad(_ message: String) -> KeysmithDenial {
        KeysmithDenial(statusCode: 400, code: "bad_prefer", message: message)
    }
}
