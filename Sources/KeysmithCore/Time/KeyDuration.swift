/// A positive length of time written as `90s`, `15m`, `12h`, `30d`, `2w`, or combined (`1d12h`).
public struct KeyDuration: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The length in seconds.
    public var seconds: Int64

    /// A duration of `seconds`; unlike ``init(validating:)`` it does not check that it is positive or in range.
    public init(seconds: Int64) { self.seconds = seconds }

    /// Shorter durations sort first.
    public static func < (a: KeyDuration, b: KeyDuration) -> Bool { a.seconds < b.seconds }

    /// The units a duration may use, largest first, with their length in seconds.
    public static let units: [(symbol: Character, seconds: Int64)] = [
        ("w", 604_800), ("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1),
    ]

    /// The longest duration keysmith accepts: 3650000 days, about 10000 years.
    package static let longest = KeyDuration(seconds: 3_650_000 * 86_400)

    /// Parses a duration; nil if the text is not one. ``init(validating:)`` says why.
    public init?(parsing text: String) {
        guard let duration = try? KeyDuration(validating: text) else { return nil }
        self = duration
    }

    /// Parses a duration or throws saying what is wrong: no unit, an unknown unit, zero, or
    /// longer than the longest (`KeyDuration.longest`). Units may appear in any order but each number needs a unit.
    public init(validating text: String) throws(KeysmithError) {
        func bad(_ reason: String) -> KeysmithError { .badDuration(text, reason) }
        let form = "use a positive number with a unit s, m, h, d or w, like 90s, 30d or 1d12h"
        if text.isEmpty { throw bad(form) }
        var total: Int64 = 0
        var number: Int64? = nil
        var tooLong = false
        // Byte by byte: every valid duration is ASCII, and any other byte is rejected.
        for byte in text.utf8 {
            if byte >= 48 && byte <= 57 {
                let (m, o1) = (number ?? 0).multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(Int64(byte - 48))
                if o1 || o2 { tooLong = true }
                number = o1 || o2 ? Int64.max / 10 : a
            } else if let unit = KeyDuration.units.first(where: { $0.symbol.asciiValue == byte }) {
                guard let n = number else { throw bad("a unit needs a number before it; \(form)") }
                let (p, o1) = n.multipliedReportingOverflow(by: unit.seconds)
                let (t, o2) = total.addingReportingOverflow(p)
                if o1 || o2 { tooLong = true }
                total = o1 || o2 ? Int64.max : t
                number = nil
            } else {
                throw bad(form)
            }
        }
        guard number == nil else { throw bad("the last number has no unit; \(form)") }
        if tooLong || total > KeyDuration.longest.seconds {
            throw bad("longer than the longest duration, 3650000d (about 10000 years)")
        }
        guard total > 0 else { throw bad("a duration must be positive") }
        self.seconds = total
    }

    /// A rounded form for people, in days, hours, minutes and seconds, with at most its two
    /// largest units: `30d` (for 29d23h59m59s), `1d` (for 23h59m59s), `2d3h`, `5m`.
    package var roughDescription: String {
        let steps: [(symbol: String, seconds: Int64)] = [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)]
        guard let largest = steps.firstIndex(where: { seconds >= $0.seconds }) else { return "0s" }
        let unit = steps[min(largest + 1, steps.count - 1)].seconds
        var rest = (seconds + unit / 2) / unit * unit
        // Rounding may carry into a larger unit: 23h59m59s reads 1d, not 24h.
        let top = steps.firstIndex(where: { rest >= $0.seconds }) ?? largest
        var out = ""
        for step in steps[top...min(top + 1, steps.count - 1)] where rest >= step.seconds {
            out += "\(rest / step.seconds)\(step.symbol)"
            rest %= step.seconds
        }
        return out.isEmpty ? "0s" : out
    }

    /// The shortest combined form in days and smaller units, e.g. `1d12h`; `90s` prints as
    /// `1m30s` and `2w` as `14d` (days read more easily than weeks next to dates).
    public var description: String {
        if seconds <= 0 { return "0s" }
        var rest = seconds
        var out = ""
        for unit in KeyDuration.units where rest >= unit.seconds && unit.symbol != "w" {
            out += "\(rest / unit.seconds)\(unit.symbol)"
            rest %= unit.seconds
        }
        return out
    }
}
