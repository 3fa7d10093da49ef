import Dispatch
import Testing

@testable import KeysmithCore

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

@Suite struct ClockTests {
    static let start = Instant(parsing: "2026-01-01T00:00:00Z")!

    @Test func manualClockStaysWhereItWasPut() {
        let clock = ManualClock(Self.start)
        #expect(clock.now() == Self.start)
        #expect(clock.now() == Self.start)
    }

    @Test func manualClockAdvancesByExactlyTheDuration() throws {
        let clock = ManualClock(Self.start)
        try clock.advance(by: KeyDuration(parsing: "1d12h")!)
        #expect(clock.now().description == "2026-01-02T12:00:00Z")
        try clock.advance(by: KeyDuration(seconds: 1))
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

    /// One clock for the session: frozen unless moved when its base is a manual clock.
    @Test func frozenSessionClockMovesOnlyWhenToldAndCatchesUpNeverBack() throws {
        let clock = SessionClock(frozenAt: Self.start)
        #expect(clock.now() == Self.start)
        #expect(!clock.flowsWithRealTime)
        clock.catchUp(to: try Self.start.adding(KeyDuration(seconds: 60)))
        #expect(clock.now().description == "2026-01-01T00:01:00Z")
        clock.catchUp(to: Self.start)
        #expect(clock.now().description == "2026-01-01T00:01:00Z")
        clock.set(Instant.latest)
        #expect(clock.now() == Instant.latest)
    }

    /// Catch-ups racing on several threads (checks finding the store ahead) leave the session
    /// at the latest of their instants: a catch-up is one compare-and-set, so one to an earlier
    /// instant written last cannot move the session back.
    @Test func concurrentCatchUpsNeverMoveTheSessionBack() throws {
        /// A frozen clock that takes a while to read, so catch-ups overlap.
        struct SlowClock: WallClock {
            let at: Instant
            func now() -> Instant {
                usleep(200)
                return at
            }
        }
        for _ in 0..<40 {
            let clock = SessionClock(following: SlowClock(at: Self.start))
            DispatchQueue.concurrentPerform(iterations: 16) { n in
                clock.catchUp(to: try! Self.start.adding(KeyDuration(seconds: Int64(n + 1))))
            }
            #expect(clock.now() == (try Self.start.adding(KeyDuration(seconds: 16))))
        }
    }

    /// The REPL's clock flows with real time (it was frozen at start-up), plus what was added.
    @Test func flowingSessionClockFollowsItsBasePlusTheOffset() throws {
        let base = ManualClock(Self.start)
        let clock = SessionClock(following: base)
        try base.advance(by: KeyDuration(seconds: 120))
        #expect(clock.now().description == "2026-01-01T00:02:00Z")
        clock.set(Instant(parsing: "2026-02-01")!)
        try base.advance(by: KeyDuration(seconds: 5))
        #expect(clock.now().description == "2026-02-01T00:00:05Z")
        #expect(SessionClock(following: SystemClock()).flowsWithRealTime)
    }

    @Test func manualClockRefusesToWrapPastTheLatestInstant() {
        let clock = ManualClock(Instant.latest)
        #expect(throws: KeysmithError.self) { try clock.advance(by: KeyDuration(seconds: 1)) }
        #expect(clock.now() == Instant.latest)
    }
}
