// The fuzz build (scripts/fuzz) compiles the interpreter by hand, without OpenAPIKit: there the
// language has no `catalog import` or `catalog export`. Every SwiftPM build has them.
#if canImport(KeysmithOpenAPI)
import KeysmithCore
import KeysmithOpenAPI
import KeysmithStore

/// `catalog import` and `catalog export`: an OpenAPI description as catalog endpoints, and the
/// catalog as an OpenAPI 3.1 description (DESIGN §9).
enum OpenAPICommands {
    static var all: [CommandSpec] { [catalogImport, catalogExport] }

    /// FILE relative to the running script's directory (as `source` reads it), or to the
    /// working directory at the prompt.
    static func path(_ file: String, for interpreter: Interpreter) -> String {
        let base = interpreter.sourceStack.last.map(TextFile.directory(of:)) ?? interpreter.workingDirectory
        return file.hasPrefix("/") || base == "." ? file : base + "/" + file
    }

    static let catalogImport = CommandSpec(
        named: "catalog import", summary: "adds the operations of an OpenAPI 3.0 or 3.1 description (YAML or JSON) to the catalog",
        parameters: [Parameter("FILE", .file)],
        options: [
            OptionSpec(
                "key-scheme", value: "NAME", .text,
                help: "the security scheme whose lists are API-key grants (default: the one http bearer or apiKey scheme)"),
            OptionSpec("version-prefix", value: nil, .text, help: "a leading /vN path segment is the operation's API version"),
            OptionSpec(
                "replace", value: nil, .text,
                help: "the description's operations take the place of every custom endpoint (refused if any key holds a grant it drops)"),
        ],
        details: """
            The description is read as keysmith --catalog FILE reads it. The alternative of an
            operation's security (or the document's) that names the key scheme lists the grants
            it accepts, any one of which suffices (standard OpenAPI reads a list of scopes as
            "all of"; an API key holds fixed grants, so keysmith reads Lucid's way); an empty
            list accepts any grant. No alternative naming the key scheme: the endpoint refuses
            API keys. x-keysmith-access and x-keysmith-rate-limit carry the access rule and the
            limit. An operation the catalog already holds with the same rules is left as it is
            (so a catalog's own export imports as no change); every other one becomes a custom
            endpoint, which answers under version 1 (a whole API with versions under /vN is
            modelled by starting keysmith with --catalog FILE instead). With --replace, the
            store's custom endpoints (and limits set on them) go first, so the catalog becomes the
            one the store started with plus the description's operations; a key's grants never
            change and every key keeps its record, so a description that drops a grant any key
            holds (deleted keys too) is refused, naming them. All or nothing: any error leaves the catalog as it was. With a description of your own: catalog import reports.yaml --key-scheme ReportKey
            """
    ) { args in
        let fileSlot = try args.parameter("FILE")
        let keySchemeSlot = try args.option("key-scheme")
        let versionPrefixFlag = try args.flag("version-prefix")
        let replaceFlag = try args.flag("replace")
        return .async { call in
            let file = try call.text(fileSlot)
            let options = ImportOptions(keyScheme: try call.optionalText(keySchemeSlot), versionPrefix: call.has(versionPrefixFlag))
            let imported: ImportedCatalog
            do throws(OpenAPIImportError) {
                imported = try CatalogImport.read(contentsOf: path(file, for: call.interpreter), named: file, options: options)
            } catch {
                throw ScriptError(CommandHints.message(for: error), at: call.location, kind: .command(error))
            }
            let replace = call.has(replaceFlag)
            let result: EndpointImport
            do {
                result = try await call.service.importEndpoints(imported.catalog.endpoints, replace: replace, actor: call.actor)
            } catch {
                throw try await conflict(error, importing: imported, for: call) ?? error
            }
            for warning in imported.warnings { call.output.line("warning: \(warning)") }
            let added = result.added.count
            let unchanged = result.unchanged > 0 ? "; \(result.unchanged) already in the catalog as described" : ""
            let removed = result.removed.count
            let replaced = replace ? "; in place of \(removed) custom endpoint\(removed == 1 ? "" : "s")" : ""
            call.output.line(
                "imported \(added) endpoint\(added == 1 ? "" : "s") from \(file) (key scheme \(PrintableText.shown(imported.keyScheme)))\(unchanged)\(replaced)"
            )
            return .number(added)
        }
    }

    /// The store refused an operation the catalog already holds with other rules: the error
    /// names where the description has it and each rule that differs.
    static func conflict(_ error: any Error, importing imported: ImportedCatalog, for call: Invocation) async throws -> ScriptError? {
        guard let refused = error as? KeysmithError, case .endpointExists(let signature) = refused.kind,
            let mine = imported.catalog.endpoints.first(where: { $0.signature == signature })
        else { return nil }
        let held = try await call.service.catalog().endpoint(method: mine.method, path: mine.path, version: mine.version)
        let rules = held.map { $0.differingRules(from: mine) } ?? []
        let place = imported.location(of: signature).map { "\($0): " } ?? ""
        let why = rules.isEmpty ? "" : " with other rules: " + rules.joined(separator: "; ")
        return ScriptError(place + refused.description + why, at: call.location, kind: .refused(refused))
    }

    static let catalogExport = CommandSpec(
        named: "catalog export", summary: "writes the catalog as an OpenAPI 3.1 description (JSON)",
        parameters: [Parameter("FILE", .file)],
        details: """
            One operation per endpoint under /vN, the ApiKey scheme (http bearer) with each
            operation's accepted grants, x-keysmith-access, x-keysmith-rate-limit and
            x-keysmith-request-as, and the answers keysmith serve gives (200, 400, 401, 403, 404,
            429). Reading the file back (keysmith --catalog FILE) gives the same catalog. A file
            already there is replaced only if it is an earlier catalog export.
            To write it to api.json: catalog export api.json
            """
    ) { args in
        let fileSlot = try args.parameter("FILE")
        return .async { call in
            let file = try call.text(fileSlot)
            let full = path(file, for: call.interpreter)
            let catalog = try await call.service.catalog()
            let json = CatalogExport.json(catalog)
            if let held = TextFile.readPrefix(full, count: 4096), !held.isEmpty, !Self.isEarlierExport(held, like: json) {
                throw ScriptError(
                    "cannot write \"\(file)\": it holds something other than an earlier catalog export, "
                        + "which catalog export does not replace; remove it first, or give another name",
                    at: call[fileSlot]?.location ?? call.location, kind: .badArguments)
            }
            if let reason = TextFile.replaceContents(of: full, named: file, with: json) {
                throw ScriptError(
                    "cannot write \"\(file)\": \(reason)", at: call[fileSlot]?.location ?? call.location, kind: .badArguments)
            }
            call.output.line("wrote \(catalog.endpoints.count) operations to \(file)")
            return .number(catalog.endpoints.count)
        }
    }

    /// Whether `head`, the start of a file, is the start of an earlier export: the same text
    /// as `export` up to the end of its title line (`"title": "keysmith catalog",`). Only
    /// such a file is replaced, never a script, a store or a description written by hand.
    static func isEarlierExport(_ head: [UInt8], like export: String) -> Bool {
        guard let title = export.firstRange(of: "\"title\": \"keysmith catalog\"") else { return false }
        let opening = Array(export[..<title.upperBound].utf8)
        return head.count >= opening.count && head[..<opening.count].elementsEqual(opening)
    }
}
#else
enum OpenAPICommands {
    static var all: [CommandSpec] { [] }
}
#endif
