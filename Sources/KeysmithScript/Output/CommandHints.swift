import KeysmithCore
import KeysmithStore

#if canImport(KeysmithOpenAPI)
import KeysmithOpenAPI
#endif

/// What a person at keysmith's command line can type about a refusal. The model says what is
/// wrong in its own terms (DESIGN §7: messages belong to their layer); this layer adds the
/// command or flag that helps, so no HTTP answer or embedder ever sees a REPL command.
enum CommandHints {
    /// The model's message for `error`, with the command that helps where there is one.
    static func message(for error: KeysmithError) -> String {
        switch error.kind {
        case .apiKeysDisabled:
            return error.description + " (an account admin can run `account api-keys on`)"
        case .clockBeforeStoreTime:
            return error.description + " (use --memory or a new --store to experiment from an earlier time)"
        case .unknownEndpoint(_, let template):
            return error.description + (template == nil ? " (see `endpoint list`)" : ": give the template as `endpoint list` shows it")
        case .versionedCustomEndpoint:
            return error.description + "; start keysmith with --catalog FILE to model an API with versions"
        case .endpointNeedsGrants:
            return error.description + " (or --no-api-key)"
        case .noAPIKeyEndpointWithGrants(let signature):
            return PrintableText.shown("endpoint \(signature) does not accept API keys (--no-api-key), so it cannot list grants")
        default:
            return error.description
        }
    }

    /// The service's warning about a key `key create` made, with the option that avoids it: a
    /// key that never expires could have been given `--expires` (a roll keeps the expiration of
    /// the key it replaces, so its warning gets no such hint).
    static func warning(for created: CreatedKey) -> String? {
        guard let warning = created.warning else { return nil }
        return created.info.key.expiration == .never ? warning + " — prefer --expires 90d or a date" : warning
    }

    /// The check's explanation, naming the command that would turn a denial around where one
    /// command does.
    static func explanation(of result: CheckResult) -> String {
        guard result.decision == .deny(.apiKeysDisabled), let key = result.keyID else { return result.explanation }
        return "API keys are turned off for this account; key \(key) works again when an account admin runs `account api-keys on`"
    }
}

#if canImport(KeysmithOpenAPI)
extension CommandHints {
    /// The OpenAPI mapping's message for `error`, with the `catalog import` option that helps
    /// where there is one.
    static func message(for error: OpenAPIImportError) -> String {
        switch error {
        case .noKeyScheme: return error.description + "; name one with --key-scheme"
        case .ambiguousKeyScheme: return error.description + "; choose one with --key-scheme"
        default: return error.description
        }
    }
}
#endif
