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
                help: "the security scheme whose lists are API-key grants (default: the one http bearer or apiKey scheme)")
        ],
        details: """
            Every operation becomes a custom endpoint. The alternative of its security (or the
            document's) that names the key scheme lists the grants it accepts, any one of which
            suffices (standard OpenAPI reads a list of scopes as "all of"; an API key holds fixed
            grants, so keysmith reads Lucid's way). No alternative naming the key scheme: the
            endpoint refuses API keys. x-keysmith-access and x-keysmith-rate-limit carry the access
            rule and the limit. All or nothing: any error leaves the catalog as it was. A whole API
            (versions under /vN, operations accepting any grant) is modelled by starting keysmith
            with --catalog FILE instead. With a description of your own: catalog import reports.yaml --key-scheme ReportKey
            """
    ) { args in
        let fileSlot = try args.parameter("FILE")
        let keySchemeSlot = try args.option("key-scheme")
        return .async { call in
            let file = try call.text(fileSlot)
            let options = ImportOptions(keyScheme: try call.optionalText(keySchemeSlot), custom: true)
            let imported = try CatalogImport.read(contentsOf: path(file, for: call.interpreter), named: file, options: options)
            let added = try await call.service.addEndpoints(imported.catalog.endpoints, actor: call.actor)
            for warning in imported.warnings { call.output.line("warning: \(warning)") }
            call.output.line(
                "imported \(added.count) endpoint\(added.count == 1 ? "" : "s") from \(file) (key scheme \(imported.keyScheme))")
            return .number(added.count)
        }
    }

    static let catalogExport = CommandSpec(
        named: "catalog export", summary: "writes the catalog as an OpenAPI 3.1 description (JSON)",
        parameters: [Parameter("FILE", .file)],
        details: """
            One operation per endpoint under /vN, the ApiKey scheme (http bearer) with each
            operation's accepted grants, x-keysmith-access, x-keysmith-rate-limit and
            x-keysmith-request-as, and the answers keysmith serve gives (200, 400, 401, 403, 404,
            429). Reading the file back (keysmith --catalog FILE) gives the same catalog.
            To write it to api.json: catalog export api.json
            """
    ) { args in
        let fileSlot = try args.parameter("FILE")
        return .async { call in
            let file = try call.text(fileSlot)
            let catalog = try await call.service.catalog()
            guard TextFile.write(path(file, for: call.interpreter), CatalogExport.json(catalog)) else {
                throw call.usageError("cannot write \"\(file)\"", at: call[fileSlot]?.location)
            }
            call.output.line("wrote \(catalog.endpoints.count) operations to \(file)")
            return .number(catalog.endpoints.count)
        }
    }
}
#else
enum OpenAPICommands {
    static var all: [CommandSpec] { [] }
}
#endif
