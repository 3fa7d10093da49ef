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
package enum CatalogImport {
    /// The catalog `source` describes; throws with the file, line and column or the JSON
    /// pointer of the first problem.
    package static func read(
        _ source: OpenAPIDescriptionSource,
        options: ImportOptions = ImportOptions()
    ) throws(OpenAPIImportError) -> ImportedCatalog {
        let (document, tree) = try OpenAPIDocumentReader(source: source).read()
        return try CatalogMapping(source: source, tree: tree, document: document, options: options).run()
    }

    /// Reads the file at `path` (see ``read(_:options:)``); errors name it `name` (by default its path).
    package static func read(
        contentsOf path: String, named name: String? = nil,
        options: ImportOptions = ImportOptions()
    ) throws(OpenAPIImportError) -> ImportedCatalog {
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
        var places: [String: OpenAPIImportError.Location] = [:]
        if let carried = apiKeyCarriage(of: scheme) { warnings.append(carried) }
        try declareGrants(of: scheme, in: &catalog)
        let versionPrefix = options.versionPrefix || (document.vendorExtensions[KeysmithExtensions.versionPrefix]?.value as? Bool ?? false)
        for (key, path, item, itemNode) in pathsInFileOrder() {
            let pathTokens = ["paths", key]
            if let problem = Self.routingProblem(in: key) { throw .invalid(location(pathTokens), problem: problem) }
            let pathItem: OpenAPI.PathItem
            do {
                pathItem = try document.components.lookup(item)
            } catch {
                throw .invalid(location(pathTokens), problem: "the path item's $ref cannot be followed: \(OpenAPI.Error(from: error))")
            }
            var text = path.rawValue
            if let query = text.firstIndex(of: "?") {
                warnings.append(
                    "\(PrintableText.shown(text)) holds a query string, which keysmith cannot route: imported as \(PrintableText.shown(String(text[..<query])))"
                )
                text = String(text[..<query])
            }
            for (verb, operation) in operations(of: pathItem, in: itemNode) {
                let method = verb.rawValue.uppercased()
                let tokens = pathTokens + [verb.rawValue.lowercased()]
                guard Catalog.methods.contains(method) else {
                    warnings.append(
                        "\(method) \(PrintableText.shown(text)) left out: keysmith models \(Catalog.methods.joined(separator: ", ")) only")
                    continue
                }
                let made = try self.endpoint(
                    method: method, path: text, versionPrefix: versionPrefix,
                    operation: operation, pathItem: pathItem, scheme: scheme, at: tokens)
                do {
                    try catalog.add(made)
                } catch {
                    throw .invalid(location(tokens), problem: conflict(error, adding: made, to: catalog, places: places))
                }
                // The pointer alone: a line and column would walk the tree for every operation.
                places[made.signature] = .init(file: source.file, pointer: JSONPointer.pointer(tokens))
            }
        }
        // Every warning quotes the file (a path, a scheme's name); a secret pasted there is cut.
        return ImportedCatalog(
            catalog: catalog, keyScheme: scheme, warnings: warnings.map { SecretRedaction.redacting($0) }, operations: places)
    }

    /// Why `catalog` refused `endpoint`: when another operation of the description is the same
    /// endpoint, where that one is and each rule in which they differ.
    private func conflict(
        _ error: KeysmithError, adding endpoint: Endpoint, to catalog: Catalog,
        places: [String: OpenAPIImportError.Location]
    ) -> String {
        guard case .endpointExists = error.kind,
            let held = catalog.endpoint(method: endpoint.method, path: endpoint.path, version: endpoint.version)
        else { return error.description }
        var problem = error.description
        if let first = places[held.signature] { problem += ", from \(first.pointer)" }
        let rules = held.differingRules(from: endpoint)
        if !rules.isEmpty { problem += ", with other rules: " + rules.joined(separator: "; ") }
        return problem
    }

    /// The document's paths in the order the file writes them (the decoded document's order
    /// is not the file's), with each one's node in the tree.
    /// (OpenAPIKit's path drops what keysmith must see: `pets` reads as `/pets`.) Each comes
    /// with its key as the file writes it.
    private func pathsInFileOrder() -> [(String, OpenAPI.Path, Either<OpenAPI.Reference<OpenAPI.PathItem>, OpenAPI.PathItem>, Node?)] {
        let keys = tree["paths"]?.mapping.map { $0.map { ($0.key.string ?? "", $0.value) } } ?? []
        var seen: Set<OpenAPI.Path> = []
        var ordered: [(String, OpenAPI.Path, Either<OpenAPI.Reference<OpenAPI.PathItem>, OpenAPI.PathItem>, Node?)] = []
        for (key, node) in keys {
            let path = OpenAPI.Path(rawValue: key)
            guard let item = document.paths[path], seen.insert(path).inserted else { continue }
            ordered.append((key, path, item, node))
        }
        for (path, item) in document.paths where !seen.contains(path) { ordered.append((path.rawValue, path, item, nil)) }
        return ordered
    }

    /// Why keysmith would route the path key `key` other than as written, or nil: a path
    /// without its leading `/`, an empty segment (`/r//x`, which would be read as `/r/x`), a
    /// `.` or `..` segment (a client or proxy resolves it away), a `#` (a client keeps a
    /// fragment to itself), or an encoded `/` (a server may decode it into a segment boundary). A query string is cut
    /// with a warning instead, so only the part before `?` is looked at.
    static func routingProblem(in key: String) -> String? {
        let path = key.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard path.hasPrefix("/") else { return "a path starts with /" }
        if path.contains("//") { return "a path may not have an empty segment (//)" }
        if path.contains("#") { return "a path may not hold # (a fragment never reaches a server)" }
        if path.split(separator: "/").contains(where: { $0 == "." || $0 == ".." }) { return "a path segment may not be . or .." }
        if path.lowercased().contains("%2f") { return "a path may not hold an encoded / (%2F)" }
        return nil
    }

    /// A path item's operations in the order the file writes them.
    private func operations(of item: OpenAPI.PathItem, in node: Node?) -> [(OpenAPI.HttpMethod, OpenAPI.Operation)] {
        var ordered: [(OpenAPI.HttpMethod, OpenAPI.Operation)] = []
        for key in node?.mapping?.keys.compactMap(\.string) ?? [] {
            guard let verb = OpenAPI.HttpMethod(rawValue: key.uppercased()), let operation = item.for(verb),
                !ordered.contains(where: { $0.0 == verb })
            else { continue }
            ordered.append((verb, operation))
        }
        for endpoint in item.endpoints where !ordered.contains(where: { $0.0 == endpoint.method }) {
            ordered.append((endpoint.method, endpoint.operation))
        }
        return ordered
    }

    /// The security schemes' names in the order the file writes them.
    private var schemeNames: [String] {
        let declared = Set(document.components.securitySchemes.keys.map(\.rawValue))
        let inFile = tree["components"]?["securitySchemes"]?.mapping?.keys.compactMap(\.string) ?? []
        return inFile.filter(declared.contains) + declared.subtracting(inFile).sorted()
    }

    /// The scheme ``ImportOptions/keyScheme`` names, or the one http bearer or apiKey scheme.
    private func keyScheme() throws(OpenAPIImportError) -> String {
        let schemes = document.components.securitySchemes
        let names = schemeNames
        if let wanted = options.keyScheme {
            guard names.contains(wanted) else {
                throw .invalid(
                    location(["components", "securitySchemes"]),
                    problem:
                        "no security scheme named \(wanted); the description declares \(names.isEmpty ? "none" : names.joined(separator: ", "))"
                )
            }
            return wanted
        }
        let candidates = names.compactMap { name -> String? in
            guard let key = OpenAPI.ComponentKey(rawValue: name), let value = schemes[key],
                let scheme = try? document.components.lookup(value)
            else { return nil }
            switch scheme.type {
            case .http(let kind, _) where kind.lowercased() == "bearer": return name
            case .apiKey: return name
            default: return nil
            }
        }
        let here = location(["components", "securitySchemes"])
        guard !candidates.isEmpty else { throw .noKeyScheme(here, declared: names) }
        guard candidates.count == 1 else { throw .ambiguousKeyScheme(here, candidates: candidates) }
        return candidates[0]
    }

    /// A warning when the key scheme is an `apiKey` scheme that sends the key anywhere but
    /// `Authorization`: keysmith checks the secret however it arrives, but `keysmith serve`
    /// reads it from `Authorization: Bearer` only, and an export describes that scheme.
    private func apiKeyCarriage(of scheme: String) -> String? {
        guard let key = OpenAPI.ComponentKey(rawValue: scheme), let value = document.components.securitySchemes[key],
            let resolved = try? document.components.lookup(value),
            case .apiKey(let name, let place) = resolved.type,
            !(place == .header && name.lowercased() == "authorization")
        else { return nil }
        return
            "the key scheme \(PrintableText.shown(scheme)) sends the key in the \(place.rawValue) \(PrintableText.shown(name)); keysmith serve reads a key only from Authorization: Bearer <secret>, and catalog export describes it that way"
    }

    /// The grants the key scheme's `x-keysmith-grants` declares, in order, with their descriptions.
    private func declareGrants(of scheme: String, in catalog: inout Catalog) throws(OpenAPIImportError) {
        let tokens = ["components", "securitySchemes", scheme, KeysmithExtensions.grants]
        guard let key = OpenAPI.ComponentKey(rawValue: scheme),
            let value = document.components.securitySchemes[key],
            let declared = (try? document.components.lookup(value))?.vendorExtensions[KeysmithExtensions.grants]
        else { return }
        guard let list = declared.value as? [Any] else {
            throw .invalid(location(tokens), problem: "\(KeysmithExtensions.grants) is a list of {name, description}")
        }
        var declaredAt: [String: Int] = [:]
        for (index, element) in list.enumerated() {
            let fields = element as? [String: Any]
            guard let name = fields?["name"] as? String else {
                throw .invalid(location(tokens + [String(index)]), problem: "a grant needs a name")
            }
            if let first = declaredAt[name] {
                throw .invalid(
                    location(tokens + [String(index), "name"]),
                    problem:
                        "the grant \(PrintableText.shown(name)) is declared twice (first at \(JSONPointer.pointer(tokens + [String(first)])))"
                )
            }
            declaredAt[name] = index
            if let summary = fields?["description"] as? String,
                let problem = SecretRedaction.problem(in: summary, what: "a grant description")
            {
                throw .invalid(location(tokens + [String(index), "description"]), problem: problem)
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
