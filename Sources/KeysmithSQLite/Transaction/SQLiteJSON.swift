/// JSON text for lists bound to one statement parameter and read back with SQLite's
/// `json_each` and `json_extract`: the few shapes a batch of checks needs, written without
/// Foundation (numbers, strings, arrays).
enum SQLiteJSON {
    static func integer(_ value: Int64) -> String { String(value) }

    /// A JSON string: quotes, backslashes and control characters escaped; everything else as is.
    static func text(_ value: String) -> String {
        var out = "\""
        out.reserveCapacity(value.utf8.count + 2)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
        return out
    }

    static func array(_ elements: [String]) -> String { "[" + elements.joined(separator: ",") + "]" }
}
