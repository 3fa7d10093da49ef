import ArgumentParser
import KeysmithCore
import KeysmithOpenAPI

/// `--catalog FILE [--key-scheme NAME] [--version-prefix]`: the session's catalog is the API an
/// OpenAPI 3.0 or 3.1 description (YAML or JSON) describes, instead of Lucid's (DESIGN §9).
/// Warnings (an operation imported by its path alone) go to standard error; a description
/// that cannot be read stops keysmith before anything runs (status 2).
struct CatalogOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Model the API this OpenAPI 3.0 or 3.1 description (YAML or JSON) describes instead of Lucid's (a fresh store: --memory, run and test).",
            valueName: "file"))
    var catalog: String?

    @Option(
        help: ArgumentHelp(
            "With --catalog: the security scheme whose lists are the API-key grants (default: the one http bearer or apiKey scheme).",
            valueName: "name"))
    var keyScheme: String?

    @Flag(help: "With --catalog: a leading /vN path segment is the operation's API version.")
    var versionPrefix = false

    /// Why a persistent store cannot take `--catalog`.
    static let needsMemory =
        "--catalog needs a fresh store (--memory, run without --store, or test): a persistent store keeps its keys' grants against the catalog it was made with; add endpoints to it with `catalog import FILE` instead"

    func validate() throws {
        if catalog == nil && (keyScheme != nil || versionPrefix) {
            throw ValidationError("--key-scheme and --version-prefix apply to --catalog FILE")
        }
    }

    /// The described catalog, or nil without `--catalog`.
    func load() throws -> Catalog? {
        guard let catalog else { return nil }
        let imported: ImportedCatalog
        do {
            imported = try CatalogImport.read(
                contentsOf: catalog,
                options: ImportOptions(keyScheme: keyScheme, versionPrefix: versionPrefix))
        } catch {
            throw UsageFailure(Self.message(for: error))
        }
        for warning in imported.warnings { FileHandleStderr.write("keysmith: warning: \(warning)\n") }
        return imported.catalog
    }

    /// The OpenAPI mapping's message for `error`, with the option that helps where there is one.
    static func message(for error: OpenAPIImportError) -> String {
        switch error {
        case .noKeyScheme: return error.description + "; name one with --key-scheme"
        case .ambiguousKeyScheme: return error.description + "; choose one with --key-scheme"
        default: return error.description
        }
    }
}
