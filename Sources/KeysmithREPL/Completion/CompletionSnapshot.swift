import KeysmithCore
import KeysmithScript
import KeysmithStore

/// What Tab can offer from the live session: kept up to date after each line by what the line
/// changed (``CompletionChanges``), so completion (which libedit calls synchronously) never has
/// to wait on the store, and a line's cost does not grow with the store.
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
            (
                keys: try await tx.keys(ownedBy: actor).map(\.id.rawValue), users: try await tx.users().map(\.name),
                resources: try await tx.resources(), catalog: try await tx.catalog()
            )
        }
        if let read {
            snapshot.keyIDs = read.keys
            snapshot.users = read.users
            snapshot.documents = read.resources.filter { $0.kind == .document }.map(\.id)
            snapshot.folders = read.resources.filter { $0.kind == .folder }.map(\.id)
            snapshot.setCatalog(read.catalog)
        }
        snapshot.takeVariables(of: interpreter)
        return snapshot
    }

    /// Brings the snapshot up to date with what a line changed: additions are applied as they
    /// are, and the store is read only for a part the line may have changed in other ways (the
    /// acting user's keys after `as`, the catalog after `endpoint add`), or whole after a command
    /// whose effects are not known (an embedder's own).
    package mutating func apply(_ changes: CompletionChanges, of interpreter: Interpreter) async {
        if changes.rereadsEverything {
            self = await Self.take(of: interpreter)
            return
        }
        let actor = interpreter.actingUser
        if changes.rereadsKeys {
            if let keys = try? await interpreter.service.store.read({ tx in try await tx.keys(ownedBy: actor).map(\.id.rawValue) }) {
                keyIDs = keys
            }
        } else {
            keyIDs += changes.newKeyIDs
        }
        if changes.rereadsCatalog, let catalog = try? await interpreter.service.store.read({ tx in try await tx.catalog() }) {
            setCatalog(catalog)
        }
        users += changes.newUsers
        documents += changes.newDocuments
        folders += changes.newFolders
        if changes.variablesChanged { takeVariables(of: interpreter) }
    }

    private mutating func setCatalog(_ catalog: Catalog) {
        grants = catalog.grantNames
        paths = [:]
        for endpoint in catalog.endpoints { paths[endpoint.method, default: []].append(endpoint.displayPath) }
    }

    private mutating func takeVariables(of interpreter: Interpreter) {
        variables = [:]
        secretReferences = []
        for (name, value) in interpreter.variables {
            switch value {
            case .record(let record):
                variables[name] = record.fieldNames
                for field in record.fields { if case .secret = field.value { secretReferences.append("$\(name).\(field.name)") } }
            case .secret:
                variables[name] = []
                secretReferences.append("$\(name)")
            default:
                variables[name] = []
            }
        }
        secretReferences.sort()
    }
}
