import KeysmithCore
import KeysmithScript
import KeysmithStore

/// What Tab can offer from the live session: taken after each command, so completion
/// (which libedit calls synchronously) never has to wait on the store.
package struct CompletionSnapshot: Sendable {
    package var keyIDs: [String] = []
    package var users: [String] = []
    package var documents: [String] = []
    package var folders: [String] = []
    package var grants: [String] = Catalog.lucid.grantNames
    /// Endpoint path templates by method.
    package var paths: [String: [String]] = [:]
    /// Variable name → field names (empty for values without fields).
    package var variables: [String: [String]] = [:]
    /// Variables whose value is, or has a field that is, a secret: `$k.secret`.
    package var secretReferences: [String] = []

    package init() {}

    /// Reads the session's current state, in one read of the store.
    package static func take(of interpreter: Interpreter) async -> CompletionSnapshot {
        var snapshot = CompletionSnapshot()
        let actor = interpreter.actingUser
        let read = try? await interpreter.service.store.read { tx in
            (keys: try await tx.keys(ownedBy: actor).map(\.id.rawValue), users: try await tx.users().map(\.name),
             resources: try await tx.resources(), catalog: try await tx.catalog())
        }
        if let read {
            snapshot.keyIDs = read.keys
            snapshot.users = read.users
            snapshot.documents = read.resources.filter { $0.kind == .document }.map(\.id)
            snapshot.folders = read.resources.filter { $0.kind == .folder }.map(\.id)
            snapshot.grants = read.catalog.grantNames
            for endpoint in read.catalog.endpoints { snapshot.paths[endpoint.method, default: []].append(endpoint.displayPath) }
        }
        for (name, value) in interpreter.variables {
            switch value {
            case .record(let record):
                snapshot.variables[name] = record.fieldNames
                for field in record.fields { if case .secret = field.value { snapshot.secretReferences.append("$\(name).\(field.name)") } }
            case .secret:
                snapshot.variables[name] = []
                snapshot.secretReferences.append("$\(name)")
            default:
                snapshot.variables[name] = []
            }
        }
        snapshot.secretReferences.sort()
        return snapshot
    }
}
