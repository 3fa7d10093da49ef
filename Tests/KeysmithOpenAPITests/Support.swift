import Foundation
import KeysmithOpenAPI

/// Fixture files and throwaway description files for the OpenAPI tests.
enum Fixture {
    static let directory: String = {
        var path = #filePath
        path = String(path[..<path.lastIndex(of: "/")!])
        return path + "/Fixtures"
    }()

    static func path(_ name: String) -> String { directory + "/" + name }

    /// Reads `text` as a description file named `name` (errors name it).
    static func importing(
        _ text: String, name: String = "api.yaml",
        options: ImportOptions = ImportOptions()
    ) throws(OpenAPIImportError) -> ImportedCatalog {
        try CatalogImport.read(try OpenAPIDescriptionSource(data: Data(text.utf8), file: name), options: options)
    }
}

/// What makes two catalogs the same for a round trip: the grants in order with their
/// summaries, and every endpoint (method, version, path, API keys, grants in order, access,
/// limit, Lucid-Request-As). Not the order of the endpoints: OpenAPI groups operations by
/// path, so an export lists `GET /a`, `HEAD /a`, `GET /b` for a catalog that added them as
/// `GET /a`, `GET /b`, `HEAD /a` (the order of first appearance of each path is kept).
struct CatalogShape: Equatable, CustomStringConvertible {
    let grants: [String]
    let summaries: [String: String]
    let endpoints: [String]

    init(_ catalog: Catalog) {
        grants = catalog.grantNames
        summaries = catalog.grantSummaries
        endpoints = catalog.endpoints.map { e -> String in
            "\(e.signature) keys=\(e.acceptsAPIKeys) grants=\(e.grantNames) access=\(e.access) limit=\(e.rateLimit?.description ?? "-") requestAs=\(e.takesRequestAs)"
        }.sorted()
    }

    var description: String { (["grants: \(grants)"] + endpoints).joined(separator: "\n") }
}
