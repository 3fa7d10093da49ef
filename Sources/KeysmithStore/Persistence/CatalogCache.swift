import KeysmithCore
import Synchronization

/// The catalog a database store last built, and which state of the store it was built from
/// (shared by the SQLite and PostgreSQL stores).
///
/// Between two replacements (`catalog import --replace`) custom endpoints are only ever
/// appended and every rate-limit change gets a larger number; a custom endpoint's position is
/// never used again, even after a replacement removed it (SQLite: it is above every audit
/// sequence number, and the audit log only grows; PostgreSQL: a sequence gives it). So among committed states the triple (custom
/// endpoint count, last position, last rate-limit change) names the catalog exactly: the last
/// position names the run of appends since a replacement, the count how far it got, and with
/// no custom endpoint the last change names the limits set on the catalog's own endpoints. A
/// transaction that finds the same triple reuses the cached catalog, and one that finds
/// another (a change made here or by another process) rebuilds it once.
/// Only committed states are cached: a transaction that added an endpoint keeps its catalog to
/// itself, since it may still roll back. The custom endpoints are added to ``base``, the
/// catalog the store was opened with (Lucid's by default).
package final class CatalogCache: Sendable {
    /// What a cached catalog was built from.
    package struct Version: Equatable, Sendable {
        package var customEndpoints: Int
        /// The largest position of a custom endpoint; 0 when there is none.
        package var lastPosition: Int64
        package var lastLimitChange: Int64

        package init(customEndpoints: Int, lastPosition: Int64, lastLimitChange: Int64) {
            self.customEndpoints = customEndpoints
            self.lastPosition = lastPosition
            self.lastLimitChange = lastLimitChange
        }
    }

    private let entry = Mutex<(version: Version, catalog: Catalog)?>(nil)

    /// The catalog the store's custom endpoints are added to.
    package let base: Catalog

    package init(base: Catalog) { self.base = base }

    /// The cached catalog if it was built from `version`.
    package func catalog(for version: Version) -> Catalog? {
        entry.withLock { cached in cached.flatMap { $0.version == version ? $0.catalog : nil } }
    }

    /// Keeps `catalog`, built from the committed state `version`.
    package func remember(_ catalog: Catalog, version: Version) {
        entry.withLock { $0 = (version, catalog) }
    }
}
