/// Writes a catalog as an OpenAPI 3.1 description (DESIGN §9): one operation per endpoint, in
/// catalog order, under `/vN` (the document says `x-keysmith-version-prefix`, so reading it
/// back gives the same versions), the key scheme with the accepted grants of each operation
/// (any one suffices) and the grant list with descriptions (`x-keysmith-grants`), the
/// `x-keysmith-*` extensions, and the answers `keysmith serve` gives (DESIGN §8): 200, and
/// 400/401/403/404/429 with the JSON denial body. ``CatalogImport`` reads it back as the same
/// catalog.
///
/// ```swift
/// let json = CatalogExport.json(try await service.catalog())
/// ```
package enum CatalogExport {
    /// The name of the key scheme in an exported description (Lucid's name for it).
    package static let keySchemeName = "ApiKey"

    /// The description as JSON text; the same catalog always gives the same bytes.
    package static func json(_ catalog: Catalog, title: String = "keysmith catalog") -> String {
        document(catalog, title: title).text
    }

    static func document(_ catalog: Catalog, title: String) -> OrderedJSON {
        var paths: [(String, [(String, OrderedJSON)])] = []
        var usedIDs: Set<String> = []
        for endpoint in catalog.endpoints {
            let key = "/v\(endpoint.version)\(endpoint.path)"
            var id = operationID(endpoint)
            if usedIDs.contains(id) {
                var n = 2
                while usedIDs.contains("\(id)_\(n)") { n += 1 }
                id = "\(id)_\(n)"
            }
            usedIDs.insert(id)
            let entry = (endpoint.method.lowercased(), operation(endpoint, id: id))
            if let index = paths.firstIndex(where: { $0.0 == key }) {
                paths[index].1.append(entry)
            } else {
                paths.append((key, [entry]))
            }
        }
        let grants: [OrderedJSON] = catalog.grantNames.map { name in
            .object([("name", .string(name))] + (catalog.grantSummaries[name].map { [("description", .string($0))] } ?? []))
        }
        let scheme: OrderedJSON = .object([
            ("type", "http"), ("scheme", "bearer"),
            ("description", "An API key: Authorization: Bearer <secret>. Each operation lists the grants it accepts; any one suffices."),
            (KeysmithExtensions.grants, .array(grants)),
        ])
        return .object([
            ("openapi", "3.1.0"),
            ("info", .object([("title", .string(title)), ("version", "1")])),
            (KeysmithExtensions.versionPrefix, .boolean(true)),
            ("paths", .object(paths.map { ($0.0, .object($0.1)) })),
            (
                "components",
                .object([
                    ("securitySchemes", .object([(keySchemeName, scheme)])),
                    ("schemas", .object([("Denial", ExportResponses.denialSchema), ("Allowed", ExportResponses.allowedSchema)])),
                    ("responses", ExportResponses.components),
                ])
            ),
        ])
    }

    /// One endpoint as an operation.
    static func operation(_ endpoint: Endpoint, id: String) -> OrderedJSON {
        var members: [(String, OrderedJSON)] = [
            ("operationId", .string(id)),
            ("summary", .string(endpoint.signature)),
        ]
        var parameters: [OrderedJSON] = endpoint.path.parameterNames.map {
            .object([
                ("name", .string($0)), ("in", "path"), ("required", .boolean(true)),
                ("schema", .object([("type", "string"), ("minLength", 1)])),
            ])
        }
        if endpoint.takesRequestAs {
            parameters.append(
                .object([
                    ("name", "Lucid-Request-As"), ("in", "header"), ("required", .boolean(false)),
                    ("schema", .object([("type", "string"), ("enum", ["user", "admin"])])),
                ]))
        }
        if !parameters.isEmpty { members.append(("parameters", .array(parameters))) }
        let grants = OrderedJSON.array(endpoint.grantNames.map { .string($0) })
        members.append(("security", endpoint.acceptsAPIKeys ? [.object([(keySchemeName, grants)])] : []))
        members.append(("responses", ExportResponses.references))
        if endpoint.acceptsAPIKeys && endpoint.access != .none {
            members.append((KeysmithExtensions.access, .string(KeysmithExtensions.accessText(endpoint.access))))
        }
        if let limit = endpoint.rateLimit { members.append((KeysmithExtensions.rateLimit, .string(limit.description))) }
        if endpoint.takesRequestAs { members.append((KeysmithExtensions.requestAs, .boolean(true))) }
        return .object(members)
    }

    /// `get_v1_documents_by_id` (made unique by the document, which numbers a repeat).
    static func operationID(_ endpoint: Endpoint) -> String {
        let segments = endpoint.path.segments.map { segment -> String in
            switch segment {
            case .literal(let text): return text
            case .parameter(let name): return "by_" + name
            }
        }
        return ([endpoint.method.lowercased(), "v\(endpoint.version)"] + segments).joined(separator: "_")
    }
}
