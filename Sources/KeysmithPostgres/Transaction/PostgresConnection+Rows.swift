import Logging
import NIOCore
import PostgresNIO
import Synchronization

/// The connection had closed before a query could be sent on it.
struct ConnectionClosed: Error, CustomStringConvertible {
    var description: String { "the connection to the server was lost (it may have stopped or restarted)" }
}

extension PostgresConnection {
    /// Runs `query` and returns every row; fails with ``ConnectionClosed`` when the connection
    /// has closed.
    ///
    /// Every query of the store goes through here, never through `query(_:logger:)` directly:
    /// postgres-nio 1.33.2 writes a query to its channel without a write promise, so a query
    /// written just after the channel closed (the server terminated the backend, or
    /// restarted) is dropped, and its caller waits forever, holding a pooled connection and,
    /// in a server, every check queued behind it. Checking and writing on the
    /// connection's own event loop leaves no moment for the channel to close in between.
    @discardableResult
    func rows(_ query: PostgresQuery, logger: Logger) async throws -> [PostgresRow] {
        let connection = self
        let result = eventLoop.flatSubmit { () -> EventLoopFuture<PostgresQueryResult> in
            guard !connection.isClosed else { return connection.eventLoop.makeFailedFuture(ConnectionClosed()) }
            return connection.query(query, logger: logger)
        }
        return try await result.get().rows
    }
}

/// How many queries a store has sent: what the cost-guard tests read to hold a batch of checks
/// to a fixed number of round trips.
package final class QueryCount: Sendable {
    private let count = Atomic<Int>(0)

    package init() {}

    /// Queries sent so far.
    package var value: Int { count.load(ordering: .relaxed) }

    func increment() { count.add(1, ordering: .relaxed) }
}
