package import KeysmithCore
import Synchronization

/// The catalog a database store last built, and which state of the store it was built from
/// (shared by the SQLite and PostgreSQL stores).
///
/// Between two replacements of the custom endpoints (an import that replaces them) they are only ever
/// appended and every rate-limit change gets a larger number, and a replacement writes a
/// rate-limit change numbered above every one before it (the limit an endpoint of the new
/// catalog already has, so nothing changes but the number). So among committed states the
/// pair (custom endpoint count, last rate-limit change) names the catalog exactly: a
/// transaction that finds the same pair reuses the cached catalog, and one that finds another
/// (a change made here or by another process) rebuilds it once.
/// Only committed states are cached: a transaction that added an endpoint keeps its catalog to
/// itself, since it may still roll back. The custom endpoints are added to ``base``, the
/// catalog the store was opened with (Lucid's by default).
package final class CatalogCache: Sendable {
    /// What a cached catalog was built from.
    package struct Version: Equatable, Sendable {
        package var customEndpoints: Int
        package var lastLimitChange: Int64

        package init(customEndpoints: Int, lastLimitChange: Int64) {
            self.customEndpoints = customEndpoints
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
