import Testing

@testable import KeysmithCore

/// Runs `body` and returns the `KeysmithError` it threw (recording an issue if it threw
/// something else or nothing).
func keysmithError<T>(_ body: () async throws -> T, sourceLocation: SourceLocation = #_sourceLocation) async -> KeysmithError? {
    do {
        _ = try await body()
        Issue.record("expected a KeysmithError, but nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as KeysmithError {
        return error
    } catch {
        Issue.record("expected a KeysmithError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

/// Every string that `value` holds, however deep, plus the descriptions of every part of it.
func allText(of value: Any) -> String {
    var out = ""
    dump(value, to: &out, maxDepth: .max, maxItems: .max)
    out += String(describing: value) + "\n" + String(reflecting: value)
    return out
}
