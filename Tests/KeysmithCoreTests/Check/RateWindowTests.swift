import KeysmithCore
import Testing

/// How long a rate-limited request is told to wait: never past the latest
/// instant keysmith keeps, however long the limit's period.
@Suite struct RateWindowTests {
    static let now = Instant(secondsSinceEpoch: 1_767_225_600)  // 2026-01-01T00:00:00Z

    @Test("a full window's wait is the rest of its period")
    func waitIsTheRestOfThePeriod() {
        let limit = RateLimit(count: 2, period: KeyDuration(seconds: 5))
        let window = RateWindow(start: Self.now, count: 2)
        #expect(RateWindow.admit(window, at: Self.now, under: limit) == .limited(retryAfterSeconds: 5))
        #expect(
            RateWindow.admit(window, at: Instant(secondsSinceEpoch: Self.now.secondsSinceEpoch + 4), under: limit)
                == .limited(retryAfterSeconds: 1))
    }

    @Test(
        "a wait that would end past the latest instant ends at it",
        arguments: [
            KeyDuration(seconds: 3_650_000 * 86_400),  // 1/3650000d: 315360000000 s
            KeyDuration(seconds: 9_000 * 365 * 86_400),
        ])
    func waitNeverPointsPastTheLatestInstant(_ period: KeyDuration) {
        let limit = RateLimit(count: 1, period: period)
        let window = RateWindow(start: Self.now, count: 1)
        guard case .limited(let seconds) = RateWindow.admit(window, at: Self.now, under: limit) else {
            Issue.record("a full window must limit")
            return
        }
        #expect(seconds == Instant.latest.secondsSinceEpoch - Self.now.secondsSinceEpoch)
    }

    @Test("at the latest instant itself a limited request is told to wait one second, not zero or less")
    func waitAtTheLatestInstantIsOneSecond() {
        let limit = RateLimit(count: 1, period: KeyDuration(seconds: 86_400))
        let window = RateWindow(start: Instant.latest, count: 1)
        #expect(RateWindow.admit(window, at: Instant.latest, under: limit) == .limited(retryAfterSeconds: 1))
    }
}
