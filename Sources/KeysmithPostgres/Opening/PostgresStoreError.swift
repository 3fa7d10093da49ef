/// Why a PostgreSQL store could not be opened. Every message names the store by its URL with
/// the password masked, and says what to do where there is something to do.
/// Not frozen: new cases may come in a later version, so a switch outside keysmith needs an
/// `@unknown default` (`@nonexhaustive`; inside the package switches stay exhaustive).
@nonexhaustive
public enum PostgresStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The text given as the store's URL is not a usable PostgreSQL URL.
    case badURL(String)
    /// No connection: nothing listens there, the host is unknown, or it did not answer in time.
    case unreachable(store: String, reason: String)
    /// The server refused the user or the password.
    case authentication(store: String, reason: String)
    /// The server has no database of that name.
    case missingDatabase(store: String, database: String)
    /// The schema holds tables that are not a keysmith store's; left untouched.
    case foreignSchema(store: String, schema: String, detail: String)
    /// The schema was written by a newer keysmith; left untouched.
    case newerSchema(store: String, schema: String, found: Int, supported: Int)
    /// A keysmith schema of this version lacks tables it must hold (dropped by hand); left
    /// untouched.
    case damagedSchema(store: String, schema: String, missing: [String])
    /// Anything else the server answered while opening.
    case server(store: String, message: String)

    /// One sentence naming the store (its URL, password masked) and, where there is one, what to do.
    public var description: String {
        switch self {
        case .badURL(let problem):
            return "bad PostgreSQL URL: \(problem)"
        case .unreachable(let store, let reason):
            return "cannot reach the PostgreSQL server of store \(store): \(reason)"
        case .authentication(let store, let reason):
            return "the PostgreSQL server of store \(store) refused the login: \(reason) (give the password in the URL or in PGPASSWORD)"
        case .missingDatabase(let store, let database):
            return
                "store \(store): the PostgreSQL server has no database \(database) (create it first, for example with createdb \(database))"
        case .foreignSchema(let store, let schema, let detail):
            return
                "store \(store): the schema \(schema) is not a keysmith store (\(detail)); it was left untouched (choose another with ?schema=NAME)"
        case .newerSchema(let store, let schema, let found, let supported):
            return
                "store \(store): the schema \(schema) has version \(found), written by a newer keysmith (this one reads up to \(supported)); it was left untouched"
        case .damagedSchema(let store, let schema, let missing):
            return
                "store \(store) is damaged: the keysmith schema \(schema) has no table \(missing.joined(separator: ", ")); it was left untouched (restore it from a backup)"
        case .server(let store, let message):
            return "store \(store): \(message)"
        }
    }
}
