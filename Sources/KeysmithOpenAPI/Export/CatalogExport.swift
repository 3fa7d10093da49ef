import Foundation

/// Writes a catalog as an OpenAPI 3.1 description (DESIGN §9): one operation per endpoint,
/// under `/vN` (the document says `x-keysmith-version-prefix`, so reading it back gives the same
/// versions), the key scheme with the accepted grants of each operation (any one suffices) and
/// the grant list with descriptions (`x-keysmith-grants`), the `x-keysmith-*` extensions, and
/// the answers `keysmith serve` gives (DESIGN §8): 200, and 400/401/403/404/429 with the JSON
/// denial body. ``CatalogImport`` reads it back as the same catalog.
public enum CatalogExport {
    /// The name of the key scheme in an exported description (Lucid's name for it).
    public static let keySchemeName = "ApiKey"

    /// The description as JSON text (keys sorted, so the same catalog gives the same bytes).
    public static func json(_ catalog: Catalog, title: String = "keysmith catalog") -> String {
        let data: Data
        do {
            data = try JSONSerialization.data(withJSONObject: document(catalog, title: title),
                                              options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        } catch {
            preconditionFailure("an exported description holds only JSON values: \(error)")
        }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The description as JSON values (dictionaries, arrays, strings, numbers, booleans).
    static func document(_ catalog: Catalog, title: String) -> [String: Any] {
        var paths: [String: [String: Any]] = [:]
        for endpoint in catalog.endpoints {
            let key = "/v\(endpoint.version)\(endpoint.path)"
            paths[key, default: [:]][endpoint.method.lowercased()] = operation(endpoint)
        }
        let grants: [[String: Any]] = catalog.grantNames.map { name in
            var grant: [String: Any] = ["name": name]
            if let summary = catalog.grantSummaries[name] { grant["description"] = summary }
            return grant
        }
        return [
            "openapi": "3.1.0",
            "info": ["title": title, "version": "1"],
            KeysmithExtensions.versionPrefix: true,
            "paths": paths,
            "components": [
                "securitySchemes": [
                    keySchemeName: [
                        "type": "http", "scheme": "bearer",
                        "description": "An API key: Authorization: Bearer <secret>. Each operation lists the grants it accepts; any one suffices.",
                        KeysmithExtensions.grants: grants,
                    ] as [String: Any],
                ],
                "schemas": ["Denial": ExportResponses.denialSchema, "Allowed": ExportResponses.allowedSchema],
                "responses": ExportResponses.components,
            ] as [String: Any],
        ]
    }

    /// One endpoint as an operation.
    static func operation(_ endpoint: Endpoint) -> [String: Any] {
        var operation: [String: Any] = [
            "operationId": operationID(endpoint),
            "summary": endpoint.signature,
            "responses": ExportResponses.references(for: endpoint),
            "security": endpoint.acceptsAPIKeys ? [[keySchemeName: endpoint.grantNames]] : [[String: [String]]](),
        ]
        var parameters: [[String: Any]] = endpoint.path.parameterNames.map {
            ["name": $0, "in": "path", "required": true, "schema": ["type": "string", "minLength": 1]]
        }
        if endpoint.takesRequestAs {
            operation[KeysmithExtensions.requestAs] = true
            parameters.append(["name": "Lucid-Request-As", "in": "header", "required": false,
                               "schema": ["type": "string", "enum": ["user", "admin"]]])
        }
        if !parameters.isEmpty { operation["parameters"] = parameters }
        if endpoint.acceptsAPIKeys && endpoint.access != .none {
            operation[KeysmithExtensions.access] = KeysmithExtensions.accessText(endpoint.access)
        }
        if let limit = endpoint.rateLimit { operation[KeysmithExtensions.rateLimit] = limit.description }
        return operation
    }

    /// `get_v1_documents_id`: unique per method, version and path.
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
