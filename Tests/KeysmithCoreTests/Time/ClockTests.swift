@testable import KeysmithCore
import Testing

@Suite struct ClockTests {
    static let start = Instant(parsing: "2026-01-01T00:00:00Z")!

    @Test func manualClockStaysWhereItWasPut() {
        let clock = ManualClock(Self.start)
        #expect(clock.now() == Self.start)
        #expect(clock.now() == Self.start)
    }

    @Test func manualClockAdvancesByExactlyTheDuration() {
        let clock = ManualClock(Self.start)
        clock.advance(by: KeyDuration(parsing: "1d12h")!)
        #expect(clock.now().description == "2026-01-02T12:00:00Z")
        clock.advance(by: KeyDuration(seconds: 1))
        #expect(clock.now().description == "2026-01-02T12:00:01Z")
    }

    @Test func manualClockCanBeSetAnywhereIncludingThePast() {
        let clock = ManualClock(Self.start)
        clock.set(Instant(parsing: "1999-12-31T23:59:59Z")!)
        #expect(clock.now().description == "1999-12-31T23:59:59Z")
        clock.set(Instant(parsing: "2030-06-01")!)
        #expect(clock.now().description == "2030-06-01T00:00:00Z")
    }

    @Test func systemClockReadsTheRealTime() {
        let now = SystemClock().now()
        #expect(now > Instant(parsing: "2024-01-01")!)
        #expect(now < Instant(parsing: "2200-01-01")!)
    }
}
