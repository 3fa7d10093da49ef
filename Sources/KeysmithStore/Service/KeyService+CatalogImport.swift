package import KeysmithCore

/// What an import did to the store's catalog: the endpoints it added (custom ones, in the
/// order given), how many of the given endpoints the catalog already held with the same
/// rules, and the custom endpoints a replacement removed.
package struct EndpointImport: Sendable {
    package let added: [Endpoint]
    package let unchanged: Int
    package let removed: [Endpoint]
}

extension KeyService {
    /// Adds the endpoints of an imported catalog (such as an OpenAPI description read into a
    /// `Catalog`) to the store's catalog in one transaction: all of them with
    /// their rate limits, or, if any one does not fit, none.
    ///
    /// An endpoint the catalog already holds with the same rules (``Endpoint/hasSameRules(as:)``)
    /// is left as it is, so importing the export of a store's own catalog changes nothing; one
    /// it holds with other rules is an error (``KeysmithError/endpointExists(_:)``). A new
    /// endpoint becomes a custom one, and must answer under version 1
    /// (``KeysmithError/versionedCustomEndpoint(_:)``): a store keeps no versions of its own.
    ///
    /// With `replace`, the store's custom endpoints (and the limits set on them) are removed
    /// first, so the catalog becomes the one the store was made with plus the description's
    /// operations. A key's grants never change and every key keeps its record (a deleted key
    /// is a tombstone that still names its grants, which a database store checks against the
    /// catalog): a replacement that would lose a grant any key holds, deleted keys too, is
    /// refused, naming the keys and grants (``KeysmithError/catalogDropsHeldGrants(_:)``).
    package func importEndpoints(_ endpoints: [Endpoint], replace: Bool = false, actor: String) async throws -> EndpointImport {
        let clock = self.clock
        return try await store.write { tx in
            let now = try await Self.moment(recordedIn: tx, clock: clock)
            let catalog = try await tx.catalog()
            var added: [Endpoint] = []
            var unchanged = 0
            for endpoint in endpoints {
                if let held = catalog.endpoint(method: endpoint.method, path: endpoint.path, version: endpoint.version),
                    !(replace && held.isCustom)
                {
                    guard held.hasSameRules(as: endpoint) else { throw KeysmithError.endpointExists(endpoint.signature) }
                    unchanged += 1
                    continue
                }
                guard endpoint.version == 1 else { throw KeysmithError.versionedCustomEndpoint(endpoint.signature) }
                added.append(
                    try Endpoint(
                        method: endpoint.method, path: endpoint.path, acceptsAPIKeys: endpoint.acceptsAPIKeys,
                        grantNames: endpoint.grantNames, access: endpoint.access, rateLimit: endpoint.rateLimit,
                        takesRequestAs: endpoint.takesRequestAs, isCustom: true))
            }
            let removed = replace ? catalog.customEndpoints : []
            if replace {
                let held = try await Self.grantsHeld(in: tx, catalog: catalog)
                try await tx.replaceCustomEndpoints(with: added)
                let after = try await tx.catalog()
                var lost: [KeyID: [String]] = [:]
                for (key, names) in held {
                    let missing = names.filter { !after.isGrant($0) }
                    if !missing.isEmpty { lost[key] = missing }
                }
                if !lost.isEmpty { throw KeysmithError.catalogDropsHeldGrants(lost) }
            } else {
                for endpoint in added {
                    try await tx.insertCustomEndpoint(endpoint)
                    if let limit = endpoint.rateLimit { try await tx.setRateLimit(limit, on: endpoint) }
                }
            }
            for endpoint in removed {
                try await tx.append(
                    AuditEntry(
                        time: now, actor: actor, action: .endpointRemove, keyID: nil, outcome: .ok,
                        detail: .text(endpoint.signature)))
            }
            for endpoint in added {
                try await tx.append(
                    AuditEntry(
                        time: now, actor: actor, action: .endpointAdd, keyID: nil, outcome: .ok,
                        detail: .text(endpoint.signature)))
            }
            return EndpointImport(added: added, unchanged: unchanged, removed: removed)
        }
    }

    /// Every key's grant names (deleted keys too), in creation order per owner.
    private static func grantsHeld(in tx: any StoreReader, catalog: Catalog) async throws -> [(KeyID, [String])] {
        var held: [(KeyID, [String])] = []
        for user in try await tx.users() {
            for key in try await tx.keys(ownedBy: user.name) { held.append((key.id, catalog.names(of: key.grants))) }
        }
        return held
    }
}
