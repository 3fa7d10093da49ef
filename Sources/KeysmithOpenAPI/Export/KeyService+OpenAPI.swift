extension KeyService {
    /// The store's catalog as an OpenAPI 3.1 description (JSON text, see ``CatalogExport``):
    /// what `GET /_keysmith/openapi.json` is to serve, read in one store transaction.
    package func openAPIDescription(title: String = "keysmith catalog") async throws -> String {
        CatalogExport.json(try await catalog(), title: title)
    }
}
