import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where keysmith reads "now" from. The system clock in production; a ``ManualClock`` in
/// scripts and tests, so expiry can be tested to the second. A session reads it through its
/// ``SessionClock``, which adds how far the session's clock was moved and what the store's
/// latest instant demands.
public protocol WallClock: Sendable {
    func now() -> Instant
}

/// The machine's real-time clock.
public struct SystemClock: WallClock {
    /// The system clock; holds no state.
    public init() {}
    /// `CLOCK_REALTIME`, rounded down to the whole second.
    public func now() -> Instant {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Instant(secondsSinceEpoch: Int64(ts.tv_sec))
    }
}

/// A clock that only moves when told: `set` puts it anywhere, `advance` moves it forward.
/// The base of a frozen session clock (a script replayed, a test) and a tool for tests.
public final class ManualClock: WallClock {
    private let current: Mutex<Instant>

    /// A clock that reads `start` until moved.
    public init(_ start: Instant) { current = Mutex(start) }

    /// The instant last set, advanced to, or started at.
    public func now() -> Instant { current.withLock { $0 } }

    /// Puts the clock at `instant`, backwards as well as forwards; not range-checked.
    public func set(_ instant: Instant) { current.withLock { $0 = instant } }

    /// Moves forward by `duration`; an error (and no move) past ``Instant/latest``.
    public func advance(by duration: KeyDuration) throws(KeysmithError) {
        try current.withLock { (now: inout Instant) throws(KeysmithError) in now = try now.adding(duration) }
    }
}
