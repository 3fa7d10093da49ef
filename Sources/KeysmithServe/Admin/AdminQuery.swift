import Hummingbird
import KeysmithCore
import KeysmithHTTP

/// The query of an admin request as every admin route reads it: `name=value` pairs split on
/// `&`, names and values percent-decoded alike (`%6Cimit=1` is `limit=1`; `+` is a space), empty
/// pieces (`?&&`) skipped. A route that takes no parameter refuses any (``none(_:route:)``), as
/// the journal's routes refuse one they do not know.
enum AdminQuery {
    /// The pairs of `request`'s query, in order; a bad escape is a ``BadQuery``.
    static func parameters(_ request: Request) throws(BadQuery) -> [(name: String, value: String)] {
        guard let query = request.uri.query, !query.isEmpty else { return [] }
        var pairs: [(name: String, value: String)] = []
        for (index, piece) in query.split(separator: "&", omittingEmptySubsequences: true).enumerated() {
            let parts = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decoded(parts[0]), let value = decoded(parts.count > 1 ? parts[1] : "") else {
                throw BadQuery(
                    parameter: "",
                    message:
                        "parameter \(index + 1) of the query has a bad percent-encoding (a % not followed by two hex digits, or not UTF-8)",
                    allowed: [])
            }
            pairs.append((name, value))
        }
        return pairs
    }

    /// Refuses any parameter: `route` takes none.
    static func none(_ request: Request, route: String) throws(BadQuery) {
        guard let first = try parameters(request).first else { return }
        throw BadQuery(
            parameter: PrintableText.shown(first.name),
            message:
                "\(route) takes no query parameter; \(first.name.isEmpty ? "a parameter with no name" : KeysmithDenial.excerpt(first.name)) is not one",
            allowed: [])
    }

    /// `text` with `+` as a space and `%XX` escapes decoded; nil for a bad escape or bytes that
    /// are not UTF-8.
    static func decoded(_ text: Substring) -> String? {
        var out: [UInt8] = []
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "+"):
                out.append(UInt8(ascii: " "))
                i += 1
            case UInt8(ascii: "%"):
                guard i + 2 < bytes.count, let high = hex(bytes[i + 1]), let low = hex(bytes[i + 2]) else { return nil }
                out.append(high << 4 | low)
                i += 3
            default:
                out.append(bytes[i])
                i += 1
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
