import KeysmithCore
import Synchronization

/// The catalog a store last built, and how many custom endpoints it was built from.
///
/// Custom endpoints are only ever appended, so among committed states their count names the
/// catalog exactly: a transaction that finds the same count reuses the cached catalog, and one
/// that finds another (an endpoint added, here or by another process) rebuilds it once.
/// Only committed states are cached: a transaction that added an endpoint keeps its catalog to
/// itself, since it may still roll back.
final class CatalogCache: Sendable {
    private let entry = Mutex<(customCount: Int, catalog: Catalog)?>(nil)

    func catalog(forCustomCount count: Int) -> Catalog? {
        entry.withLock { cached in cached.flatMap { $0.customCount == count ? $0.catalog : nil } }
    }

    func remember(_ catalog: Catalog, customCount count: Int) {
        entry.withLock { $0 = (count, catalog) }
    }
}
