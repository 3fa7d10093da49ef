import GRDB
import KeysmithCore
import KeysmithStore

/// Reading every row of the store with the checks the commands read them with, to find every
/// damaged one (`keysmith store verify`, and an open for writing after the store changed
/// behind keysmith's back: ``StoreSeal``).
extension SQLiteTransaction {
    /// Every row of every table decoded; what is wrong with each damaged one (empty: none),
    /// and how many rows were read. With `checkingNames` (`store verify`), names are also held
    /// to the rules the commands apply today; the check at open leaves that out, so a store an
    /// older keysmith wrote under looser rules still opens (reading shows any name safely).
    func verify(checkingNames: Bool = true) throws -> (rows: Int, damage: [String]) {
        var damage: [String] = []
        var rows = 0
        /// Decodes each row of `sql` with `decode`, noting the damage of each that fails.
        func each(_ sql: String, _ decode: (Row) throws -> Void) throws {
            for row in try Row.fetchAll(statement(sql)) {
                rows += 1
                do { try decode(row) } catch { damage.append(Self.detail(of: error)) }
            }
        }
        // With checkingNames, a name is also held to the rules the commands apply to it: a
        // secret, a control or bidi character or a blank put there by hand is damage to
        // `store verify`, though reading would show it safely.
        var userNames: [String: String] = [:]  // by collision key: as written
        try each("SELECT id, name, role FROM users ORDER BY id") { row in
            let name = try user(row).name
            guard checkingNames else { return }
            try refuse(User.problem(withName: name), name, in: stored(row, "users"))
            if let other = userNames[User.collisionKey(of: name)] {
                let problem = "the user name \(StoredRow.quoted(other)) is taken already (user names are unique regardless of case)"
                try refuse(problem, name, in: stored(row, "users"))
            }
            userNames[User.collisionKey(of: name)] = name
        }
        try each("SELECT id, kind, name, owner FROM resources ORDER BY id") { row in
            let resource = try resource(row).1
            guard checkingNames else { return }
            try refuse(Resource.problem(withID: resource.id, kind: resource.kind), resource.id, in: stored(row, "resources"))
        }
        try each("SELECT resource, user, role FROM shares") { _ = try share($0) }
        var catalog = cache.base
        do {
            catalog = try self.catalog()
        } catch {
            damage.append(Self.detail(of: error))
        }
        try each(
            """
            SELECT seq, id, owner, name, expires_at, grants, digest, created_at, last_used_at, deleted_at, replaces,
                   replaced_by, retires_at FROM api_keys ORDER BY seq
            """
        ) { row in
            let name = try key(from: row, catalog: catalog).name
            guard checkingNames else { return }
            try refuse(APIKey.problem(withName: name), name, in: stored(row, "api_keys"))
        }
        try each("SELECT sequence, time, actor, action, key_id, outcome, detail FROM audit_log ORDER BY sequence") { row in
            let actor = try auditEntry(row).actor
            guard checkingNames else { return }
            try refuse(User.problem(withName: actor), actor, in: stored(row, "audit_log"), column: "actor")
        }
        try each("SELECT bucket, window_start, count FROM rate_windows") { _ = try rateWindow($0) }
        for read in [{ _ = try self.latestInstant() }, { _ = try self.apiKeysEnabled() }] as [() throws -> Void] {
            rows += 1
            do { try read() } catch { damage.append(Self.detail(of: error)) }
        }
        return (rows, damage)
    }

    /// Throws the damage of `row`'s `column` holding `name` when the commands refuse it for
    /// `problem` (said of what is stored: without "the secret was not stored").
    private func refuse(_ problem: String?, _ name: String, in row: StoredRow, column: String = "name") throws(StoreError) {
        guard let problem else { return }
        throw row.damage(column, holds: name, refusedBecause: SecretRedaction.asFoundInStore(problem))
    }

    /// What a decoding failure says, without the store's name (the caller names it once).
    static func detail(of error: any Error) -> String {
        if let failure = error as? StoreError, case .damaged(_, let detail) = failure.kind { return detail }
        return "\(error)"
    }
}
