/// A point in time with one-second resolution, counted in seconds since 1970-01-01T00:00:00Z.
///
/// keysmith compares expirations to the second (`now < expiresAt` is valid), so a
/// whole-second integer is exact and cheap; it prints and parses as RFC 3339 in UTC.
public struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z; negative before it.
    public var secondsSinceEpoch: Int64

    /// The instant `secondsSinceEpoch` seconds from the epoch; the range is not checked.
    public init(secondsSinceEpoch: Int64) { self.secondsSinceEpoch = secondsSinceEpoch }

    /// Earlier instants sort first.
    public static func < (a: Instant, b: Instant) -> Bool { a.secondsSinceEpoch < b.secondsSinceEpoch }

    /// The earliest instant keysmith keeps: `0001-01-01T00:00:00Z`.
    package static let earliest = Instant(secondsSinceEpoch: -62_135_596_800)
    /// The latest instant keysmith keeps: `9999-12-31T23:59:59Z`. Every instant in between
    /// prints as RFC 3339 and parses back, so any instant a clock shows can be set again.
    public static let latest = Instant(secondsSinceEpoch: 253_402_300_799)

    /// Whether this instant lies between ``earliest`` and ``latest`` (a store may hold anything).
    package var isInRange: Bool { self >= Instant.earliest && self <= Instant.latest }

    /// This instant moved forward by `duration`; an error past ``latest``, never a wrap-around.
    public func adding(_ duration: KeyDuration) throws(KeysmithError) -> Instant {
        let (sum, overflow) = secondsSinceEpoch.addingReportingOverflow(duration.seconds)
        guard !overflow, sum <= Instant.latest.secondsSinceEpoch else {
            throw .instantOutOfRange(self, plus: duration)
        }
        return Instant(secondsSinceEpoch: sum)
    }

    /// The time from `earlier` to this instant, or nil when `earlier` is not before it.
    public func duration(since earlier: Instant) -> KeyDuration? {
        let (difference, overflow) = secondsSinceEpoch.subtractingReportingOverflow(earlier.secondsSinceEpoch)
        guard !overflow, difference > 0 else { return nil }
        return KeyDuration(seconds: difference)
    }

    /// RFC 3339 in UTC, e.g. `2026-01-31T00:00:00Z`. An instant outside the keepable range (only a
    /// damaged store can hold one) prints as its raw second count, never trapping.
    public var description: String {
        guard isInRange else { return "\(secondsSinceEpoch) seconds since 1970" }
        let days = floorDiv(secondsSinceEpoch, 86_400)
        let rest = secondsSinceEpoch - days * 86_400
        let (y, m, d) = Instant.civil(fromDays: days)
        guard (0...9999).contains(y) else {
            return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(rest / 3600, 2)):\(pad(rest / 60 % 60, 2)):\(pad(rest % 60, 2))Z"
        }
        // Years 0–9999 (all but the absurd): the 20 bytes written in place, one allocation
        // instead of one per field (clocks and key listings print instants constantly).
        return String(unsafeUninitializedCapacity: 20) { out in
            func put(_ value: Int64, _ width: Int, at offset: Int) {
                var v = value
                for i in stride(from: offset + width - 1, through: offset, by: -1) {
                    out[i] = UInt8(48 + v % 10)
                    v /= 10
                }
            }
            put(y, 4, at: 0)
            out[4] = 45
            put(m, 2, at: 5)
            out[7] = 45
            put(d, 2, at: 8)
            out[10] = 84
            put(rest / 3600, 2, at: 11)
            out[13] = 58
            put(rest / 60 % 60, 2, at: 14)
            out[16] = 58
            put(rest % 60, 2, at: 17)
            out[19] = 90
            return 20
        }
    }

    /// Only the date part, e.g. `2026-01-31`.
    package var dateDescription: String { String(description.prefix(10)) }

    /// Parses `2026-01-31T12:00:00Z`, `2026-01-31T14:00:00+02:00` or a bare date `2026-01-31`
    /// (that day at 00:00:00Z). Returns nil for anything else; ``init(validating:)`` says why.
    public init?(parsing text: String) {
        guard let instant = try? Instant(validating: text) else { return nil }
        self = instant
    }

    /// Parses an instant as ``init(parsing:)`` does, or throws saying what is wrong with `text`.
    ///
    /// keysmith keeps whole seconds: a fraction of a second is an error rather than silently
    /// dropped, and so is a leap second (`23:59:60`), which the model cannot represent.
    public init(validating text: String) throws(KeysmithError) {
        func bad(_ reason: String) -> KeysmithError { .badInstant(text, reason) }
        let b = Array(text.utf8.prefix(40))
        guard text.utf8.count <= 35 else { throw bad(InstantProblem.form) }
        func num(_ from: Int, _ count: Int) -> Int64? {
            guard from + count <= b.count else { return nil }
            var v: Int64 = 0
            for i in from..<(from + count) {
                guard b[i] >= 48 && b[i] <= 57 else { return nil }
                v = v * 10 + Int64(b[i] - 48)
            }
            return v
        }
        guard b.count >= 10, b[4] == 45, b[7] == 45,
            let year = num(0, 4), let month = num(5, 2), let day = num(8, 2)
        else { throw bad(InstantProblem.form) }
        guard (1...12).contains(month) else { throw bad("there is no month \(month)") }
        guard day >= 1, day <= Instant.daysIn(month: month, year: year) else {
            throw bad("month \(month) of \(year) has no day \(day)")
        }
        var seconds = Instant.days(fromCivil: year, month, day) * 86_400
        if b.count == 10 {
            guard Instant(secondsSinceEpoch: seconds).isInRange else { throw bad(InstantProblem.range) }
            self.init(secondsSinceEpoch: seconds)
            return
        }
        guard b.count >= 20, b[10] == 84 || b[10] == 116, b[13] == 58, b[16] == 58,
            let hh = num(11, 2), let mm = num(14, 2), let ss = num(17, 2)
        else { throw bad(InstantProblem.form) }
        guard hh < 24, mm < 60 else { throw bad("\(pad(hh, 2)):\(pad(mm, 2)) is not a time of day") }
        if ss == 60 { throw bad("leap seconds (:60) are not supported; use :59 or the next minute") }
        guard ss < 60 else { throw bad("there is no second \(ss)") }
        seconds += hh * 3600 + mm * 60 + ss
        let i = 19
        if b[i] == 46 { throw bad("fractions of a second are not supported (keysmith keeps whole seconds)") }
        if b[i] == 90 || b[i] == 122 {  // Z
            guard i + 1 == b.count else { throw bad(InstantProblem.form) }
        } else if b[i] == 43 || b[i] == 45 {  // +hh:mm / -hh:mm
            guard i + 6 == b.count, b[i + 3] == 58, let oh = num(i + 1, 2), let om = num(i + 4, 2),
                oh < 24, om < 60
            else { throw bad(InstantProblem.form) }
            let offset = oh * 3600 + om * 60
            seconds += b[i] == 43 ? -offset : offset
        } else {
            throw bad(InstantProblem.form)
        }
        let instant = Instant(secondsSinceEpoch: seconds)
        guard instant.isInRange else { throw bad(InstantProblem.range) }
        self = instant
    }

    // Howard Hinnant's days-from-civil and civil-from-days algorithms.
    static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDiv(y, 400)
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// What to say about an instant that is not written as one.
enum InstantProblem {
    static let form = "use RFC 3339 like 2026-01-31T00:00:00Z or a date like 2026-01-31"
    static let range = "keysmith keeps instants from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z"
}

@inline(__always) func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

@inline(__always) func pad(_ value: Int64, _ width: Int) -> String {
    let s = String(value)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}
