package import KeysmithCore

/// The rate-limit change a database store writes when its custom endpoints are replaced
/// (``CatalogCache``): numbered above every change before it, on an endpoint of the new catalog,
/// with the limit that endpoint already has, so only the number is new.
package enum ReplacementMarker {
    /// The endpoint the change is written on: the catalog's first.
    package static func endpoint(in catalog: Catalog) -> Endpoint? { catalog.endpoints.first }

    /// A replacement that would leave no endpoint at all (a store made with an empty catalog,
    /// and a description with no operation).
    package static let emptyCatalog = StoreError.failure(
        "the replacement would leave the catalog without any endpoint; replace it with a description of at least one operation")
}
