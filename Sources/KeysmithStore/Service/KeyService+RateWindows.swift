package import KeysmithCore

/// Where one rate-limit bucket stands now: who it counts for and what it has used of the
/// current window.
package struct RateWindowReading: Sendable, Hashable {
    /// The user's name or the key's id the bucket counts for; empty for the account.
    package let subject: String
    /// Requests counted in the current window (0 when it has ended or never began).
    package let used: Int
    /// The limit, what is left and when the window ends.
    package let status: RateLimitStatus
}

/// A limited endpoint and its buckets' windows.
package struct LimitedEndpointReading: Sendable {
    package let endpoint: Endpoint
    package let limit: RateLimit
    /// One reading for the account; for a per-user or per-key limit, one per user or live key
    /// whose current window has counted something, by user in the order they were added.
    package let windows: [RateWindowReading]
}

extension KeyService {
    /// Every limited endpoint of the catalog with its current windows, read at the session's
    /// current instant (never before the store's latest) on one consistent read: nothing is
    /// counted, recorded or moved.
    package func rateWindows() async throws -> (at: Instant, endpoints: [LimitedEndpointReading]) {
        let clock = self.clock
        return try await store.read { tx in
            let now = try await Self.moment(readFrom: tx, clock: clock)
            let catalog = try await tx.catalog()
            let limited = catalog.endpoints.filter { $0.rateLimit != nil }
            guard !limited.isEmpty else { return (now, []) }
            let users = try await tx.users()
            var keys: [APIKey] = []
            if limited.contains(where: { $0.rateLimit?.scope == .key }) {
                for user in users { keys += try await tx.keys(ownedBy: user.name).filter { $0.ended(at: now) == nil } }
            }
            var readings: [LimitedEndpointReading] = []
            for endpoint in limited {
                guard let limit = endpoint.rateLimit else { continue }
                let subjects: [String]
                switch limit.scope {
                case .account: subjects = [""]
                case .user: subjects = users.map(\.name)
                case .key: subjects = keys.map(\.id.rawValue)
                }
                var windows: [RateWindowReading] = []
                for subject in subjects {
                    let bucket = RateBucket(endpoint: endpoint.signature, scope: limit.scope, subject: subject)
                    let stored = try await tx.rateWindow(bucket)
                    let current = stored.flatMap { $0.start.secondsSinceEpoch + limit.period.seconds > now.secondsSinceEpoch ? $0 : nil }
                    guard current != nil || limit.scope == .account else { continue }
                    windows.append(
                        RateWindowReading(
                            subject: subject, used: current?.count ?? 0,
                            status: RateLimitStatus.of(current, at: now, under: limit)))
                }
                readings.append(LimitedEndpointReading(endpoint: endpoint, limit: limit, windows: windows))
            }
            return (now, readings)
        }
    }
}
