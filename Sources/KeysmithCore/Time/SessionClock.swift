import Synchronization

/// The one clock of a session, read by whatever runs the session and by the service alike
/// (Docs: The key model, Time).
///
/// It is a base clock plus an offset: setting the session's clock (``set(_:)``) and moving it
/// forward move the offset, and a store whose latest instant is ahead pulls the session
/// forward with `catchUp(to:)`. With the system clock as base (an interactive session, a
/// server) time flows with real time plus whatever was added; with a ``ManualClock`` as base
/// (a script replayed, a test) it is frozen unless moved, so transcripts are deterministic.
///
/// The session clock never refuses on its own: whether an instant is allowed (never before the
/// store's latest instant) is the service's call, inside the store's transaction.
///
/// ```swift
/// let frozen = SessionClock(frozenAt: Instant(parsing: "2026-01-01")!)
/// let flowing = SessionClock(following: SystemClock())
/// ```
public final class SessionClock: WallClock {
    private let base: any WallClock
    /// Seconds added to the base's reading; kept so that `base + offset` stays in range.
    private let offset = Mutex<Int64>(0)
    /// Whether the base is the machine's real-time clock (so the session can be "ahead" of it).
    package let flowsWithRealTime: Bool

    /// A session clock that reads `base` (plus what is added later).
    public init(following base: any WallClock) {
        self.base = base
        // A type comparison, not a cast: `is` would have the runtime search every protocol
        // conformance of the program the first time it meets the base's type.
        self.flowsWithRealTime = type(of: base) == SystemClock.self
    }

    /// A clock frozen at `start` until set or advanced.
    public convenience init(frozenAt start: Instant) {
        self.init(following: ManualClock(start))
    }

    /// The base clock's reading plus the offset, clamped to the instants keysmith keeps (year 1 to ``Instant/latest``).
    public func now() -> Instant {
        let (sum, overflow) = base.now().secondsSinceEpoch.addingReportingOverflow(offset.withLock { $0 })
        if overflow { return sum < 0 ? Instant.latest : Instant.earliest }
        return min(max(Instant(secondsSinceEpoch: sum), Instant.earliest), Instant.latest)
    }

    /// Puts the session at `instant` (the service checks it against the store first).
    public func set(_ instant: Instant) {
        let (difference, overflow) = instant.secondsSinceEpoch.subtractingReportingOverflow(base.now().secondsSinceEpoch)
        offset.withLock { $0 = overflow ? 0 : difference }
    }

    /// Moves the session forward to `instant` if it is behind it; never backwards.
    ///
    /// One compare-and-set under the offset's lock: the offset only grows, so two catch-ups
    /// racing (two checks finding the store ahead) leave the session at the later instant,
    /// never at the earlier one written last.
    package func catchUp(to instant: Instant) {
        let base = base.now().secondsSinceEpoch
        let (needed, overflow) = instant.secondsSinceEpoch.subtractingReportingOverflow(base)
        if overflow { return }
        offset.withLock { offset in
            if offset < needed { offset = needed }
        }
    }

    /// How far the session is ahead of the machine's real time, when it flows with real time and
    /// is ahead by a minute or more (a persistent store's time can run ahead for good).
    package var aheadOfRealTime: KeyDuration? {
        guard flowsWithRealTime, let ahead = now().duration(since: SystemClock().now()), ahead.seconds >= 60 else {
            return nil
        }
        return ahead
    }
}
