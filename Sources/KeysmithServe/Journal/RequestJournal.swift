import Synchronization

/// The last requests `keysmith serve` answered (`GET /_keysmith/requests`): a ring
/// of at most ``capacity`` entries, newest first when read, and live subscribers
/// (`GET /_keysmith/requests/stream`) who receive each new entry as it is added. Capacity 0
/// keeps nothing and tells no one (`serve --journal 0`).
package final class RequestJournal: Sendable {
    /// What a reader asks for: entries whose key (id or name), outcome and reason match, at
    /// most `limit` of them.
    package struct Filter: Sendable {
        package var key: String?
        package var outcome: String?
        package var reason: String?
        package var limit: Int?

        package init(key: String? = nil, outcome: String? = nil, reason: String? = nil, limit: Int? = nil) {
            self.key = key
            self.outcome = outcome
            self.reason = reason
            self.limit = limit
        }

        package func matches(_ entry: JournalEntry) -> Bool {
            if let key, entry.keyID != key && entry.keyName != key { return false }
            if let outcome, entry.outcome != outcome { return false }
            if let reason, entry.reason != reason { return false }
            return true
        }
    }

    /// What a subscriber is told: an entry was added, or the journal was cleared (and its
    /// generation is now the one given).
    package enum Change: Sendable, Hashable {
        case added(JournalEntry)
        case cleared(generation: UInt64)
    }

    private struct State: Sendable {
        var ring: [JournalEntry] = []
        /// Where the next entry goes once the ring is full.
        var next = 0
        var sequence: UInt64 = 0
        var generation: UInt64 = 0
        var subscribers: [Int: AsyncStream<Change>.Continuation] = [:]
        var nextSubscriber = 0
        var closed = false
    }

    package let capacity: Int
    private let state = Mutex(State())

    package init(capacity: Int = 10_000) {
        precondition(capacity >= 0, "a journal's capacity is 0 or more")
        self.capacity = capacity
    }

    /// How many entries it holds.
    package var count: Int { state.withLock { $0.ring.count } }

    /// The number the newest entry was given (0 before the first).
    package var lastSequence: UInt64 { state.withLock { $0.sequence } }

    /// How many times it was cleared (``clear()``): every entry carries the generation it was
    /// kept in, so a reader that holds older ones knows to drop them.
    package var generation: UInt64 { state.withLock { $0.generation } }

    /// How many streams are subscribed.
    package var subscriberCount: Int { state.withLock { $0.subscribers.count } }

    /// Keeps `entry` (numbered) and hands it to every subscriber.
    package func add(_ entry: JournalEntry) {
        guard capacity > 0 else { return }
        let (numbered, subscribers) = state.withLock { state -> (JournalEntry, [AsyncStream<Change>.Continuation]) in
            state.sequence += 1
            var entry = entry
            entry.sequence = state.sequence
            entry.generation = state.generation
            if state.ring.count < capacity {
                state.ring.append(entry)
            } else {
                state.ring[state.next] = entry
                state.next = (state.next + 1) % capacity
            }
            return (entry, state.subscribers.isEmpty ? [] : Array(state.subscribers.values))
        }
        for subscriber in subscribers { subscriber.yield(.added(numbered)) }
    }

    /// The entries `filter` matches, newest first.
    package func entries(_ filter: Filter = Filter()) -> [JournalEntry] {
        let (ring, next) = state.withLock { ($0.ring, $0.next) }
        var found: [JournalEntry] = []
        let limit = filter.limit ?? ring.count
        var index = ring.count < capacity ? ring.count - 1 : (next - 1 + ring.count) % max(ring.count, 1)
        for _ in 0..<ring.count {
            if found.count >= limit { break }
            let entry = ring[index]
            if filter.matches(entry) { found.append(entry) }
            index = index == 0 ? ring.count - 1 : index - 1
        }
        return found
    }

    /// Forgets every entry and starts a new generation (numbering goes on).
    /// Subscribers are told at once (``Change/cleared(generation:)``).
    package func clear() {
        let (generation, subscribers) = state.withLock { state -> (UInt64, [AsyncStream<Change>.Continuation]) in
            state.ring.removeAll(keepingCapacity: true)
            state.next = 0
            state.generation += 1
            return (state.generation, Array(state.subscribers.values))
        }
        for subscriber in subscribers { subscriber.yield(.cleared(generation: generation)) }
    }

    /// A stream of the changes from now on (entries added, clears); it ends when the caller
    /// stops reading it or the journal is closed (``close()``, at shutdown).
    package func subscribe() -> AsyncStream<Change> {
        let (stream, continuation) = AsyncStream.makeStream(of: Change.self, bufferingPolicy: .bufferingNewest(1_000))
        let id: Int? = state.withLock { state in
            guard !state.closed else { return nil }
            state.nextSubscriber += 1
            state.subscribers[state.nextSubscriber] = continuation
            return state.nextSubscriber
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    /// Ends every subscriber's stream, and any later one's at once (a graceful shutdown).
    package func close() {
        let subscribers = state.withLock { state -> [AsyncStream<Change>.Continuation] in
            state.closed = true
            defer { state.subscribers.removeAll() }
            return Array(state.subscribers.values)
        }
        for subscriber in subscribers { subscriber.finish() }
    }
}
