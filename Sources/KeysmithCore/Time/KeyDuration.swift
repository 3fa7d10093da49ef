/// A positive length of time written as `90s`, `15m`, `12h`, `30d`, `2w`, or combined (`1d12h`).
public struct KeyDuration: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var seconds: Int64

    public init(seconds: Int64) { self.seconds = seconds }

    public static func < (a: KeyDuration, b: KeyDuration) -> Bool { a.seconds < b.seconds }

    /// The units a duration may use, largest first, with their length in seconds.
    public static let units: [(symbol: Character, seconds: Int64)] = [
        ("w", 604_800), ("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1),
    ]

    /// Parses a duration; nil if the text is not one (no number, unknown unit, zero, overflow).
    /// Units may appear in any order but each number needs a unit.
    public init?(parsing text: String) {
        var total: Int64 = 0
        var number: Int64? = nil
        // Byte by byte: every valid duration is ASCII, and any other byte is rejected.
        for byte in text.utf8 {
            if byte >= 48 && byte <= 57 {
                let (m, o1) = (number ?? 0).multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(Int64(byte - 48))
                guard !o1, !o2 else { return nil }
                number = a
            } else if let unit = KeyDuration.units.first(where: { $0.symbol.asciiValue == byte }), let n = number {
                let (p, o1) = n.multipliedReportingOverflow(by: unit.seconds)
                let (t, o2) = total.addingReportingOverflow(p)
                guard !o1, !o2 else { return nil }
                total = t
                number = nil
            } else {
                return nil
            }
        }
        guard number == nil, total > 0, total < 100 * 365 * 86_400 * 100 else { return nil }
        self.seconds = total
    }

    /// The shortest combined form, e.g. `1d12h`, `90s` prints as `1m30s`.
    public var description: String {
        if seconds <= 0 { return "0s" }
        var rest = seconds
        var out = ""
        for unit in KeyDuration.units where rest >= unit.seconds {
            out += "\(rest / unit.seconds)\(unit.symbol)"
            rest %= unit.seconds
        }
        return out
    }
}
