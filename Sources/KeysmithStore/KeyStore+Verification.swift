import KeysmithCore

extension KeyStore {
    /// Reads the whole store through its reader (users, documents and folders, every user's
    /// keys, the audit log, the clock, the switch, the catalog) and reports the first damaged
    /// value found: `keysmith store verify` on a store without a row-by-row verification of its
    /// own (PostgreSQL, whose column types already hold most values to what keysmith writes).
    package func verifyByReading() async throws -> StoreVerification {
        do {
            let rows = try await read { tx in
                var rows = 0
                _ = try await tx.catalog()
                let users = try await tx.users()
                rows += users.count
                rows += try await tx.resources().count
                for user in users { rows += try await tx.keys(ownedBy: user.name).count }
                rows += try await tx.auditLog(limit: nil).count
                _ = try await tx.latestInstant()
                _ = try await tx.apiKeysEnabled()
                return rows + 2
            }
            return StoreVerification(store: location, rowsRead: rows, damage: [])
        } catch {
            guard let failure = error as? StoreError, case .damaged(_, let detail) = failure.kind else { throw error }
            return StoreVerification(store: location, rowsRead: 0, damage: [detail])
        }
    }
}
