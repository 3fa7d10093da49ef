// Fuzz target `time`: any text as a duration and as an instant. Parsing must not crash, and
// what parses must print as text that parses back to the same value.
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
    return 0
}
