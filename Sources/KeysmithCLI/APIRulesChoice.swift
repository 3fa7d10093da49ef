import ArgumentParser
import KeysmithCore
import KeysmithHTTP

/// `serve --api-rules`: the request rules apart from the key. `lucid`: `Lucid-Api-Version: 1`
/// or a `/vN/` prefix naming a version of the served catalog, and `Lucid-Request-As`; `none`:
/// the path goes to the catalog as it comes (a `/vN/` prefix still reaches version N), every
/// request in user mode. Lucid's catalog is served with Lucid's rules and a `--catalog`
/// description with none, unless the option says otherwise: a client of an API of one's own
/// sends no Lucid headers.
enum APIRulesChoice: String, CaseIterable, ExpressibleByArgument {
    case lucid, none

    /// The choice when `--api-rules` is not given.
    static func byDefault(ownCatalog: Bool) -> APIRulesChoice { ownCatalog ? .none : .lucid }

    /// The rules for serving `catalog`.
    func rules(for catalog: Catalog) -> KeysmithAPIRules {
        switch self {
        case .none: return .none
        case .lucid:
            return KeysmithAPIRules(
                versionHeader: KeysmithHeader.apiVersion,
                pathVersions: Set(catalog.endpoints.map(\.version)).union([1]).sorted(),
                requestAsHeader: KeysmithHeader.requestAs)
        }
    }
}
