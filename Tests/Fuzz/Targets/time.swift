// Fuzz target `time`: any text as a duration and as an instant. Parsing must not crash, what
// parses must print as text that parses back to the same value, and an instant plus a duration
// is either an error or an instant that prints and parses back (never a wrap-around).
import KeysmithCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTime(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let duration = try? KeyDuration(parsing: text) {
        require(duration.seconds > 0, "a duration that is not positive")
        let again = try? KeyDuration(parsing: duration.description)
        require(again == duration, "duration \(duration.seconds)s does not parse back from \(duration)")
    }
    if let instant = try? Instant(parsing: text) {
        let again = try? Instant(parsing: instant.description)
        require(again == instant, "instant \(instant.secondsSinceEpoch) does not parse back from \(instant)")
        _ = instant.dateDescription
    }
    // Split as INSTANT+DURATION: the sum is refused or stays in range and parses back.
    if let plus = text.firstIndex(of: "+"), let base = try? Instant(parsing: String(text[..<plus])),
        let step = try? KeyDuration(parsing: String(text[text.index(after: plus)...])),
        let sum = try? base.adding(step)
    {
        require(sum > base && sum.isInRange, "\(base) + \(step) left the range: \(sum.secondsSinceEpoch)")
        require((try? Instant(parsing: sum.description)) == sum, "\(base) + \(step) does not parse back")
    }
    return 0
}
