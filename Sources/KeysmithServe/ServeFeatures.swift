package import KeysmithHTTP

/// What `keysmith serve` offers beyond the key check: the request journal, the metrics,
/// forced outcomes with `Prefer`, the admin API's access rule, the reset of a memory store and
/// the API's request rules. The defaults are `serve`'s: a journal of 10,000, metrics on,
/// `Prefer` ignored, the admin API for loopback peers, no reset, Lucid's request rules.
package struct ServeFeatures: Sendable {
    /// Nil or capacity 0: no journal (`--journal 0`).
    package var journal: RequestJournal?
    /// Nil: no metrics (`--no-metrics`).
    package var metrics: ServeMetrics?
    /// `--allow-prefer`.
    package var allowPrefer: Bool
    package var adminAccess: AdminAccess
    /// For a `--memory` server: starts it afresh and answers the setup transcript.
    package var reset: (@Sendable () async throws -> String)?
    /// How often the journal's stream sends a comment, so a client gone silent is noticed.
    package var streamHeartbeat: Duration = .seconds(15)
    /// How requests name the API version and the mode (`--api-rules`).
    package var rules: KeysmithAPIRules

    package init(
        journal: RequestJournal? = RequestJournal(), metrics: ServeMetrics? = ServeMetrics(), allowPrefer: Bool = false,
        adminAccess: AdminAccess = AdminAccess(), reset: (@Sendable () async throws -> String)? = nil,
        rules: KeysmithAPIRules = .lucid
    ) {
        self.rules = rules
        self.journal = journal
        self.metrics = metrics
        self.allowPrefer = allowPrefer
        self.adminAccess = adminAccess
        self.reset = reset
    }
}
