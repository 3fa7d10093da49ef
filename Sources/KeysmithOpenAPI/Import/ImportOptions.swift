/// How an OpenAPI description is read as a catalog: `--catalog FILE` and `catalog import FILE`
/// take the same options and read the same way.
package struct ImportOptions: Hashable, Sendable {
    /// The security scheme whose requirement lists are API-key grants; nil: the one `http`
    /// bearer or `apiKey` scheme the description declares.
    package var keyScheme: String?
    /// A leading `/vN` segment is the endpoint's version (`/v2/dataSources` → version 2).
    package var versionPrefix: Bool

    package init(keyScheme: String? = nil, versionPrefix: Bool = false) {
        self.keyScheme = keyScheme
        self.versionPrefix = versionPrefix
    }
}

/// An OpenAPI description read as a catalog: the catalog, the key scheme it was read through,
/// and warnings (operations imported by their path alone, or left out).
package struct ImportedCatalog: Sendable {
    /// The description's operations as endpoints, and their grants.
    package let catalog: Catalog
    /// The security scheme whose lists gave the grants.
    package let keyScheme: String
    /// What was imported other than as written, one sentence each.
    package let warnings: [String]
    /// Each endpoint's operation in the description, by the endpoint's signature.
    let operations: [String: OpenAPIImportError.Location]

    /// Where the description holds the operation that became the endpoint `signature` (the file
    /// and the JSON pointer), for an error about it after the import (a store refusing it).
    package func location(of signature: String) -> OpenAPIImportError.Location? { operations[signature] }
}
