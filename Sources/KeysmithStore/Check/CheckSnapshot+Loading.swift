import KeysmithCore

extension CheckSnapshot {
    /// Loads what `batch` needs through a store's reader, one lookup per item: the fallback
    /// for a store that has no batch load of its own.
    package static func load(_ batch: CheckBatch, from tx: any StoreReader) async throws -> CheckSnapshot {
        let catalog = try await tx.catalog()
        var snapshot = CheckSnapshot(
            catalog: catalog, latestInstant: try await tx.latestInstant(),
            apiKeysEnabled: try await tx.apiKeysEnabled())
        for digest in batch.wantedDigests {
            if let key = try await tx.key(digest: digest) { snapshot.add(key) }
        }
        for owner in snapshot.loadedOwners {
            if let user = try await tx.user(named: owner) { snapshot.add(user) }
        }
        for reference in batch.wantedResources(routedBy: catalog) {
            if let resource = try await tx.resource(reference.kind, id: reference.id) { snapshot.add(resource) }
        }
        let found = snapshot
        for bucket in batch.wantedRateBuckets(routedBy: catalog, keys: found.loadedKey(digest:)) {
            if let window = try await tx.rateWindow(bucket) { snapshot.add(window, for: bucket) }
        }
        return snapshot
    }
}

extension CheckEffects {
    /// Writes the effects through a store's writer, one call per item: the fallback for a
    /// store that has no batch write of its own.
    package func write(to tx: any StoreWriter) async throws {
        if let latestInstant { try await tx.recordLatestInstant(latestInstant) }
        for (id, at) in usedKeys {
            guard var key = try await tx.key(id: id) else { continue }
            key.lastUsedAt = at
            try await tx.update(key)
        }
        for (bucket, window) in rateWindows { try await tx.setRateWindow(window, for: bucket) }
        for entry in auditEntries { try await tx.append(entry) }
    }
}
