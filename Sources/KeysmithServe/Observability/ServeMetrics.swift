import CoreMetrics
import Prometheus
import Synchronization

/// The metrics of `keysmith serve` (`GET /_keysmith/metrics`), through swift-metrics into a
/// Prometheus registry of the server's own (never the process-wide `MetricsSystem`, so an
/// embedder's and a test's metrics stay apart):
///
/// - `keysmith_requests_total{outcome,reason,forced}`: answered requests, as the journal counts
///   them (`forced="true"` for answers `Prefer` forced or delayed);
/// - `keysmith_checks_total{outcome,reason}`: key checks the store decided (forced answers
///   are not checks);
/// - `keysmith_request_duration_seconds`: time to answer, a histogram;
/// - `keysmith_group_commit_batch_size`: checks per store transaction, a histogram;
/// - `keysmith_store_transaction_duration_seconds`: time of each check transaction;
/// - `keysmith_journal_entries`: entries the journal holds (set again when it is cleared).
package final class ServeMetrics: Sendable {
    private let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory
    /// Which counter: the family, the outcome, the reason (a handful: the reasons are
    /// keysmith's own codes) and whether the answer was forced (nil for a family without that
    /// label). A struct, so finding one builds no string.
    private struct CounterKey: Hashable {
        let label: String
        let outcome: String
        let reason: String
        let forced: Bool?
    }

    /// The counters made so far.
    private let counters = Mutex<[CounterKey: CoreMetrics.Counter]>([:])
    private let requestDuration: CoreMetrics.Timer
    private let batchSize: CoreMetrics.Recorder
    private let transactionDuration: CoreMetrics.Timer
    private let journalEntries: CoreMetrics.Gauge

    package init() {
        let registry = PrometheusCollectorRegistry()
        self.registry = registry
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.valueHistogramBuckets["keysmith_group_commit_batch_size"] = [1, 2, 4, 8, 16, 32, 64, 128, 256]
        let fast: [Duration] = [
            .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2),
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5),
        ]
        factory.durationHistogramBuckets["keysmith_request_duration_seconds"] = fast
        factory.durationHistogramBuckets["keysmith_store_transaction_duration_seconds"] = fast
        self.factory = factory
        requestDuration = CoreMetrics.Timer(label: "keysmith_request_duration_seconds", factory: factory)
        batchSize = CoreMetrics.Recorder(label: "keysmith_group_commit_batch_size", aggregate: true, factory: factory)
        transactionDuration = CoreMetrics.Timer(label: "keysmith_store_transaction_duration_seconds", factory: factory)
        journalEntries = CoreMetrics.Gauge(label: "keysmith_journal_entries", factory: factory)
    }

    /// An answered request (one journal entry); `forced` when `Prefer` forced its answer.
    package func answered(outcome: String, reason: String, forced: Bool, took nanoseconds: Int64) {
        counter("keysmith_requests_total", outcome: outcome, reason: reason, forced: forced).increment()
        requestDuration.recordNanoseconds(nanoseconds)
    }

    /// A check the store decided.
    package func checked(outcome: String, reason: String) {
        counter("keysmith_checks_total", outcome: outcome, reason: reason, forced: nil).increment()
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

    private func counter(_ label: String, outcome: String, reason: String, forced: Bool?) -> CoreMetrics.Counter {
        counters.withLock { counters in
            let key = CounterKey(label: label, outcome: outcome, reason: reason, forced: forced)
            if let counter = counters[key] { return counter }
            var dimensions = [("outcome", outcome), ("reason", reason)]
            if let forced { dimensions.append(("forced", String(forced))) }
            let counter = CoreMetrics.Counter(label: label, dimensions: dimensions, factory: factory)
            counters[key] = counter
            return counter
        }
    }
}
