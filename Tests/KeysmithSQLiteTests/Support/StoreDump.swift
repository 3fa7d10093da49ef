import KeysmithCore
import KeysmithStore

/// Everything a store holds, read through the store protocol, to compare two stores.
struct StoreDump: Equatable {
    var users: [User] = []
    var resources: [Resource] = []
    var keys: [String: [APIKey]] = [:]
    var keyGrantNames: [String: [[String]]] = [:]
    var audit: [AuditEntry] = []
    var grantNames: [String] = []
    var endpoints: [String] = []

    /// The audit log is read as the service shows it (a `key.create` entry's detail is rendered
    /// from the key), so a store written before details were rendered compares equal.
    static func of(_ store: any KeyStore) async throws -> StoreDump {
        var dump = try await records(of: store)
        dump.audit = try await KeyService(store: store).auditLog()
        return dump
    }

    private static func records(of store: any KeyStore) async throws -> StoreDump {
        try await store.read { tx in
            var dump = StoreDump()
            let catalog = try await tx.catalog()
            dump.users = try await tx.users()
            dump.resources = try await tx.resources()
            for user in dump.users {
                let keys = try await tx.keys(ownedBy: user.name)
                dump.keys[user.name] = keys
                dump.keyGrantNames[user.name] = keys.map { catalog.names(of: $0.grants) }
            }
            dump.grantNames = catalog.grantNames
            dump.endpoints = catalog.endpoints.map {
                "\($0.signature) api=\($0.acceptsAPIKeys) grants=\($0.grantNames) access=\($0.access) custom=\($0.isCustom)"
            }
            return dump
        }
    }
}
