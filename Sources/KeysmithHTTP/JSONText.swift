import KeysmithCore

/// A small JSON object writer for the server's bodies and log lines: strings escaped per
/// RFC 8259, keys kept in the order written. Values written through it are already free of
/// secrets (callers redact); it never adds text of its own but punctuation.
///
/// ```swift
/// var json = JSONText()
/// json.field("status", 403)
/// json.field("code", "missing_grant")
/// json.text  // {"status":403,"code":"missing_grant"}
/// ```
package struct JSONText {
    private var body = ""

    package init() {}

    /// The object written so far, closed.
    package var text: String { "{" + body + "}" }

    package mutating func field(_ name: String, _ value: String) {
        key(name)
        Self.appendString(value, to: &body)
    }

    package mutating func field(_ name: String, _ value: Int) {
        key(name)
        body += String(value)
    }

    package mutating func field(_ name: String, _ values: [String]) {
        key(name)
        body += "["
        for (i, value) in values.enumerated() {
            if i > 0 { body += "," }
            Self.appendString(value, to: &body)
        }
        body += "]"
    }

    package mutating func field(_ name: String, _ values: [(String, String)]) {
        key(name)
        var object = JSONText()
        for (k, v) in values { object.field(k, v) }
        body += object.text
    }

    package mutating func field(_ name: String, _ value: Bool) {
        key(name)
        body += value ? "true" : "false"
    }

    /// A field whose value is JSON written elsewhere (an object or array from another
    /// ``JSONText``), inserted as it is.
    package mutating func field(_ name: String, json value: String) {
        key(name)
        body += value
    }

    /// A JSON array of values written elsewhere.
    package static func array(_ values: [String]) -> String {
        "[" + values.joined(separator: ",") + "]"
    }

    /// A field whose value is `nil` is written as JSON `null`.
    package mutating func field(_ name: String, _ value: String?) {
        guard let value else {
            key(name)
            body += "null"
            return
        }
        field(name, value)
    }

    private mutating func key(_ name: String) {
        if !body.isEmpty { body += "," }
        Self.appendString(name, to: &body)
        body += ":"
    }

    /// `value` as a JSON string literal (`JSONString`, the one escaper).
    package static func appendString(_ value: String, to out: inout String) { JSONString.append(value, to: &out) }
}
