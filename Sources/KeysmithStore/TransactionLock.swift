import Synchronization

/// A lock held across suspension points, for a store that runs one transaction at a time
/// while its bodies are `async`.
///
/// Taking a free lock is one atomic exchange under a `Mutex`, allocating nothing; only a task
/// that finds it held parks (a continuation in a first-in, first-out queue), and `unlock`
/// hands the lock straight to the longest waiter. Waiting ignores cancellation: a store's
/// transactions are short, and a cancelled body rolls back once it holds the lock.
///
/// ```swift
/// let lock = TransactionLock()
/// let result = try await lock.withLock { try await transaction() }
/// ```
package final class TransactionLock: Sendable {
    private struct State {
        var held = false
        var waiters: [UnsafeContinuation<Void, Never>] = []
        /// Index of the longest waiter in `waiters` (a queue without moving its elements).
        var head = 0
    }

    private let state = Mutex(State())

    package init() {}

    /// Waits until the lock is free, then holds it.
    package func lock() async {
        let free = state.withLock { state in
            if state.held { return false }
            state.held = true
            return true
        }
        if free { return }
        await withUnsafeContinuation { (waiter: UnsafeContinuation<Void, Never>) in
            let taken = state.withLock { state in
                if !state.held {
                    state.held = true
                    return true
                }
                state.waiters.append(waiter)
                return false
            }
            if taken { waiter.resume() }
        }
    }

    /// Takes the lock if it is free, without waiting: false when a transaction holds it (the
    /// caller then takes the asynchronous path, ``lock()``). Never blocks a thread.
    package func tryLock() -> Bool {
        state.withLock { state in
            if state.held { return false }
            state.held = true
            return true
        }
    }

    /// Releases the lock, handing it to the longest waiter if there is one.
    package func unlock() {
        let next = state.withLock { state -> UnsafeContinuation<Void, Never>? in
            guard state.head < state.waiters.count else {
                state.held = false
                return nil
            }
            let waiter = state.waiters[state.head]
            state.head += 1
            if state.head == state.waiters.count {
                state.waiters.removeAll(keepingCapacity: true)
                state.head = 0
            }
            return waiter
        }
        next?.resume()
    }

    /// Runs `body` holding the lock, releasing it however `body` ends.
    package func withLock<T>(_ body: () async throws -> T) async rethrows -> T {
        await lock()
        defer { unlock() }
        return try await body()
    }
}
