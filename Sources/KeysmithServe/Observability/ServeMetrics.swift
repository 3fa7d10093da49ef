import Metrics
import Prometheus
import Synchronization

/// The metrics of `keysmith serve` (`GET /_keysmith/metrics`), through swift-metrics into a
/// Prometheus registry of the server's own (never the process-wide `MetricsSystem`, so an
/// embedder's and a test's metrics stay apart):
///
/// - `keysmith_requests_total{outcome,reason}`: answered requests, as the journal counts them;
/// - `keysmith_checks_total{outcome,reason}`: key checks the store decided (forced answers
///   are not checks);
/// - `keysmith_request_duration_seconds`: time to answer, a histogram;
/// - `keysmith_group_commit_batch_size`: checks per store transaction, a histogram;
/// - `keysmith_store_transaction_duration_seconds`: time of each check transaction;
/// - `keysmith_journal_entries`: entries the journal holds.
package final class ServeMetrics: Sendable {
    private let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory
    private let requests = Mutex<[String: Counter]>([:])
    private let checks = Mutex<[String: Counter]>([:])
    private let requestDuration: Metrics.Timer
    private let batchSize: Recorder
    private let transactionDuration: Metrics.Timer
    private let journalEntries: Gauge

    package init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.valueHistogramBuckets["keysmith_group_commit_batch_size"] = [1, 2, 4, 8, 16, 32, 64, 128, 256]
        let fast: [Duration] = [.microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2),
                                .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
                                .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5)]
        factory.durationHistogramBuckets["keysmith_request_duration_seconds"] = fast
        factory.durationHistogramBuckets["keysmith_store_transaction_duration_seconds"] = fast
        self.factory = factory
        requestDuration = Metrics.Timer(label: "keysmith_request_duration_seconds", factory: factory)
        batchSize = Recorder(label: "keysmith_group_commit_batch_size", aggregate: true, factory: factory)
        transactionDuration = Metrics.Timer(label: "keysmith_store_transaction_duration_seconds", factory: factory)
        journalEntries = Gauge(label: "keysmith_journal_entries", factory: factory)
    }

    /// An answered request (one journal entry).
    package func answered(outcome: String, reason: String, took nanoseconds: Int64) {
        counter(in: requests, label: "keysmith_requests_total", outcome: outcome, reason: reason).increment()
        requestDuration.recordNanoseconds(nanoseconds)
    }

    /// A check the store decided.
    package func checked(outcome: String, reason: String) {
        counter(in: checks, label: "keysmith_checks_total", outcome: outcome, reason: reason).increment()
    }

    /// A store transaction that decided `size` checks.
    package func transaction(size: Int, took duration: Duration) {
        batchSize.record(size)
        let (seconds, attoseconds) = duration.components
        transactionDuration.recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    package func journalHolds(_ count: Int) { journalEntries.record(count) }

    /// Everything, in the Prometheus text format (version 0.0.4).
    package func prometheusText() -> String { registry.emitToString() }

    private func counter(in cache: Mutex<[String: Counter]>, label: String, outcome: String, reason: String) -> Counter {
        cache.withLock { counters in
            let key = outcome + " " + reason
            if let counter = counters[key] { return counter }
            let counter = Counter(label: label, dimensions: [("outcome", outcome), ("reason", reason)], factory: factory)
            counters[key] = counter
            return counter
        }
    }
}
