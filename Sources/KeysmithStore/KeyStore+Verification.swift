import KeysmithCore

extension KeyStore {
    /// Reads the whole store through its reader (users, documents and folders, every user's
    /// keys, the audit log, the clock, the switch, the catalog) and reports the first damaged
    /// value found: `keysmith store verify` on a store without a row-by-row verification of its
    /// own (PostgreSQL, whose column types already hold most values to what keysmith writes).
    package func verifyByReading() async throws -> StoreVerification {
        do {
            let (rows, damage) = try await read { tx in
                var rows = 0
                var damage: [String] = []
                /// A name the commands refuse (a secret, a control or bidi character) was put
                /// there by hand: damage, though reading shows it safely.
                func refuse(_ problem: String?, _ what: String, _ name: String) {
                    guard let problem else { return }
                    damage.append(
                        "\(what) '\(PrintableText.shown(name))' is one the commands refuse: \(SecretRedaction.asFoundInStore(problem))")
                }
                _ = try await tx.catalog()
                let users = try await tx.users()
                rows += users.count
                for user in users { refuse(User.problem(withName: user.name), "the user name", user.name) }
                let resources = try await tx.resources()
                rows += resources.count
                for resource in resources {
                    refuse(Resource.problem(withID: resource.id, kind: resource.kind), "the \(resource.kind.rawValue) id", resource.id)
                }
                for user in users {
                    let keys = try await tx.keys(ownedBy: user.name)
                    rows += keys.count
                    for key in keys { refuse(APIKey.problem(withName: key.name), "the name of key \(key.id)", key.name) }
                }
                rows += try await tx.auditLog(limit: nil).count
                _ = try await tx.latestInstant()
                _ = try await tx.apiKeysEnabled()
                return (rows + 2, damage)
            }
            return StoreVerification(store: location, rowsRead: rows, damage: damage)
        } catch {
            guard let failure = error as? StoreError, case .damaged(_, let detail) = failure.kind else { throw error }
            return StoreVerification(store: location, rowsRead: 0, damage: [detail])
        }
    }
}
