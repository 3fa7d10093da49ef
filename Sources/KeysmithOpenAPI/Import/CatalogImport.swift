import OpenAPIKit
import Yams

/// Reads an OpenAPI 3.0 or 3.1 description as a catalog (DESIGN §9): every operation an
/// endpoint; the alternative of its `security` (or the document's) that names the key scheme
/// gives the accepted grants, any one of which suffices (Lucid's reading: standard OpenAPI
/// reads a list of scopes as "all of", but an API key holds fixed grants and Lucid's
/// description lists the grants that each suffice); an empty list means any grant; no such
/// alternative, or no security at all, means the operation refuses API keys.
///
/// ```swift
/// let imported = try CatalogImport.read(try OpenAPIDescriptionSource(contentsOf: "api.yaml"))
/// ```
public enum CatalogImport {
    /// The catalog `source` describes; throws with the file, line and column or the JSON
    /// pointer of the first problem.
    public static func read(_ source: OpenAPIDescriptionSource,
                            options: ImportOptions = ImportOptions()) throws(OpenAPIImportError) -> ImportedCatalog {
        let (document, tree) = try OpenAPIDocumentReader(source: source).read()
        return try CatalogMapping(source: source, tree: tree, document: document, options: options).run()
    }

    /// Reads the file at `path` (see ``read(_:options:)``); errors name it `name` (by default its path).
    public static func read(contentsOf path: String, named name: String? = nil,
                            options: ImportOptions = ImportOptions()) throws(OpenAPIImportError) -> ImportedCatalog {
        try read(try OpenAPIDescriptionSource(contentsOf: path, name: name), options: options)
    }
}

/// One import's walk over the document's operations.
struct CatalogMapping {
    let source: OpenAPIDescriptionSource
    let tree: Node
    let document: OpenAPI.Document
    let options: ImportOptions

    private func location(_ tokens: [String]) -> OpenAPIImportError.Location { source.location(tokens, in: tree) }

    func run() throws(OpenAPIImportError) -> ImportedCatalog {
        let scheme = try keyScheme()
        var catalog = Catalog()
        var warnings: [String] = []
        try declareGrants(of: scheme, in: &catalog)
        let versionPrefix = options.versionPrefix || (document.vendorExtensions[KeysmithExtensions.versionPrefix]?.value as? Bool ?? false)
        for (path, item) in document.paths {
            let pathTokens = ["paths", path.rawValue]
            let pathItem: OpenAPI.PathItem
            do {
                pathItem = try document.components.lookup(item)
            } catch {
                throw .invalid(location(pathTokens), problem: "the path item's $ref cannot be followed: \(OpenAPI.Error(from: error))")
            }
            var text = path.rawValue
            if let query = text.firstIndex(of: "?") {
                warnings.append("\(text) holds a query string, which keysmith cannot route: imported as \(text[..<query])")
                text = String(text[..<query])
            }
            for endpoint in pathItem.endpoints {
                let method = endpoint.method.rawValue.uppercased()
                let tokens = pathTokens + [endpoint.method.rawValue.lowercased()]
                guard Catalog.methods.contains(method) else {
                    warnings.append("\(method) \(text) left out: keysmith models \(Catalog.methods.joined(separator: ", ")) only")
                    continue
                }
                let made = try self.endpoint(method: method, path: text, versionPrefix: versionPrefix,
                                             operation: endpoint.operation, pathItem: pathItem, scheme: scheme, at: tokens)
                do {
                    try catalog.add(made)
                } catch {
                    throw .invalid(location(tokens), problem: error.description)
                }
            }
        }
        return ImportedCatalog(catalog: catalog, keyScheme: scheme, warnings: warnings)
    }

    /// The scheme `--key-scheme` names, or the one http bearer or apiKey scheme.
    private func keyScheme() throws(OpenAPIImportError) -> String {
        let schemes = document.components.securitySchemes
        let names = schemes.keys.map(\.rawValue)
        if let wanted = options.keyScheme {
            guard names.contains(wanted) else {
                throw .invalid(location(["components", "securitySchemes"]),
                               problem: "no security scheme named \(wanted); the description declares \(names.isEmpty ? "none" : names.joined(separator: ", "))")
            }
            return wanted
        }
        let candidates = schemes.compactMap { key, value -> String? in
            guard let scheme = try? document.components.lookup(value) else { return nil }
            switch scheme.type {
            case .http(let kind, _) where kind.lowercased() == "bearer": return key.rawValue
            case .apiKey: return key.rawValue
            default: return nil
            }
        }
        guard candidates.count == 1 else {
            let problem = candidates.isEmpty
                ? "no http bearer or apiKey security scheme to read API-key grants from (declared: \(names.isEmpty ? "none" : names.joined(separator: ", "))); name one with --key-scheme"
                : "more than one scheme could carry API keys (\(candidates.joined(separator: ", "))); choose one with --key-scheme"
            throw .invalid(location(["components", "securitySchemes"]), problem: problem)
        }
        return candidates[0]
    }

    /// The grants the key scheme's `x-keysmith-grants` declares, in order, with their descriptions.
    private func declareGrants(of scheme: String, in catalog: inout Catalog) throws(OpenAPIImportError) {
        let tokens = ["components", "securitySchemes", scheme, KeysmithExtensions.grants]
        guard let key = OpenAPI.ComponentKey(rawValue: scheme),
              let value = document.components.securitySchemes[key],
              let declared = (try? document.components.lookup(value))?.vendorExtensions[KeysmithExtensions.grants] else { return }
        guard let list = declared.value as? [Any] else {
            throw .invalid(location(tokens), problem: "\(KeysmithExtensions.grants) is a list of {name, description}")
        }
        for (index, element) in list.enumerated() {
            let fields = element as? [String: Any]
            guard let name = fields?["name"] as? String else {
                throw .invalid(location(tokens + [String(index)]), problem: "a grant needs a name")
            }
            do {
                if let summary = fields?["description"] as? String, !summary.isEmpty {
                    try catalog.declareGrant(name, summary: summary)
                } else {
                    try catalog.declareGrants([name])
                }
            } catch {
                throw .invalid(location(tokens + [String(index), "name"]), problem: error.description)
            }
        }
    }
}
