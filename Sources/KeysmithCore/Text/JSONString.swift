/// A JSON string literal (RFC 8259), written one way wherever keysmith writes JSON by hand (the
/// HTTP bodies, the journal, an exported OpenAPI description): quotes, backslashes and control
/// characters escaped, and DEL, U+2028 and U+2029 too, so the text is also safe inside a
/// JavaScript `<script>` and on one log line.
package enum JSONString {
    /// Appends `value` to `out` as a quoted, escaped JSON string.
    package static func append(_ value: String, to out: inout String) {
        out += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
