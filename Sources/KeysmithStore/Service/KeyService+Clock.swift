public import KeysmithCore

/// Time, kept per store (Docs: The key model, Time): every command runs at the later of the session's
/// clock and the store's latest instant, and a command that writes moves that instant forward.
/// So a key that expired stays expired in every later session and on every process sharing
/// the store, and the audit log never runs backwards.
extension KeyService {
    /// The instant a writing command runs at, recorded as the store's latest instant. The
    /// session clock catches up when the store (another process, an earlier session) is ahead.
    static func moment(recordedIn tx: any StoreWriter, clock: SessionClock) async throws -> Instant {
        let now = clock.now()
        if let latest = try await tx.latestInstant(), latest >= now {
            clock.catchUp(to: latest)
            return latest
        }
        try await tx.recordLatestInstant(now)
        return now
    }

    /// The instant a reading command runs at: as ``moment(recordedIn:clock:)``, recording nothing.
    static func moment(readFrom tx: any StoreReader, clock: SessionClock) async throws -> Instant {
        let now = clock.now()
        guard let latest = try await tx.latestInstant(), latest > now else { return now }
        clock.catchUp(to: latest)
        return latest
    }

    /// The session's current instant, never earlier than the store's latest instant.
    public func now() async throws -> Instant {
        let clock = self.clock
        return try await store.read { tx in try await Self.moment(readFrom: tx, clock: clock) }
    }

    /// Sets the session's clock: moves the session to `instant`, which may not be before the store's latest
    /// instant (a fresh store has none, so a script may start anywhere).
    @discardableResult
    public func setClock(to instant: Instant) async throws -> Instant {
        let clock = self.clock
        return try await store.write { tx in
            if let latest = try await tx.latestInstant(), instant < latest {
                throw KeysmithError.clockBeforeStoreTime(instant, latest: latest)
            }
            try await tx.recordLatestInstant(instant)
            clock.set(instant)
            return instant
        }
    }

    /// Advances the session's clock: moves the session (and the store's latest instant) forward by `duration`.
    @discardableResult
    public func advanceClock(by duration: KeyDuration) async throws -> Instant {
        let clock = self.clock
        return try await store.write { tx in
            let later = try await Self.moment(readFrom: tx, clock: clock).adding(duration)
            try await tx.recordLatestInstant(later)
            clock.set(later)
            return later
        }
    }
}
