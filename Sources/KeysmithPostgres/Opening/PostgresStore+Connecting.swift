import KeysmithStore
import Logging
import NIOCore
import PostgresNIO

/// Connection settings from a ``PostgresURL``, and the one-off connection that tells a person
/// exactly why a server cannot be used.
extension PostgresStore {
    /// The pool's configuration: the URL's endpoint and login, the store's schema first on
    /// the search path (sent as a startup parameter, a value), a small pool.
    static func clientConfiguration(_ url: PostgresURL) -> PostgresClient.Configuration {
        var config: PostgresClient.Configuration
        if let socket = url.socketPath {
            config = .init(unixSocketPath: socket, username: url.user, password: url.password, database: url.database)
        } else {
            config = .init(
                host: url.host, port: url.port, username: url.user, password: url.password,
                database: url.database, tls: clientTLS(url.tls))
        }
        config.options.connectTimeout = .seconds(Int64(url.connectTimeout))
        config.options.additionalStartupParameters = startupParameters(url)
        config.options.maximumConnections = 8
        return config
    }

    private static func clientTLS(_ mode: PostgresURL.TLSMode) -> PostgresClient.Configuration.TLS {
        switch mode {
        case .disable: return .disable
        case .prefer: return .prefer(.makeClientConfiguration())
        case .require: return .require(.makeClientConfiguration())
        }
    }

    private static func connectionTLS(_ mode: PostgresURL.TLSMode) throws -> PostgresConnection.Configuration.TLS {
        switch mode {
        case .disable: return .disable
        case .prefer: return .prefer(try .init(configuration: .makeClientConfiguration()))
        case .require: return .require(try .init(configuration: .makeClientConfiguration()))
        }
    }

    /// The schema (a plain identifier, quoted) first on the search path; timestamps never
    /// depend on the server's time zone (instants are stored as seconds). A statement, or a
    /// wait for a lock another session holds, ends after the URL's timeout on the server's side.
    private static func startupParameters(_ url: PostgresURL) -> [(String, String)] {
        [
            ("search_path", "\"\(url.schema)\""), ("application_name", "keysmith"),
            ("statement_timeout", "\(url.timeout)s"), ("lock_timeout", "\(url.timeout)s"),
        ]
    }

    /// A connection of its own, outside the pool, with the store's settings.
    static func directConnection(_ url: PostgresURL) async throws -> PostgresConnection {
        var config: PostgresConnection.Configuration
        if let socket = url.socketPath {
            config = .init(unixSocketPath: socket, username: url.user, password: url.password, database: url.database)
        } else {
            config = .init(
                host: url.host, port: url.port, username: url.user, password: url.password,
                database: url.database, tls: try connectionTLS(url.tls))
        }
        config.options.connectTimeout = .seconds(Int64(url.connectTimeout))
        config.options.additionalStartupParameters = startupParameters(url)
        return try await PostgresConnection.connect(configuration: config, id: 0, logger: logger)
    }

    /// Connects once, with the store's settings, and hangs up: throws the precise reason a
    /// server cannot be used (nothing listening, login refused, no such database).
    static func probe(_ url: PostgresURL) async throws(PostgresStoreError) {
        let connection = try await explainedConnection(url)
        try? await connection.close()
    }

    /// A ``directConnection(_:)``, or the precise reason there is none.
    static func explainedConnection(_ url: PostgresURL) async throws(PostgresStoreError) -> PostgresConnection {
        let store = url.description
        do {
            return try await directConnection(url)
        } catch let error as PSQLError {
            switch (error.code, error.serverInfo?[.sqlState]) {
            case (.server, "28P01"?), (.server, "28000"?):
                throw .authentication(store: store, reason: error.serverInfo?[.message] ?? "authentication failed")
            case (.server, "3D000"?):
                throw .missingDatabase(store: store, database: url.database)
            case (.authMechanismRequiresPassword, _):
                throw .authentication(store: store, reason: "the server asks for a password and none was given")
            case (.connectionError, _):
                throw .unreachable(store: store, reason: unreachableDetail(url, error.underlying))
            case (.serverClosedConnection, _), (.uncleanShutdown, _):
                // Something accepted the connection and closed it before the login finished.
                throw .unreachable(
                    store: store,
                    reason: "\(url.serverAddress) closed the connection before the login finished (is a PostgreSQL server listening there?)"
                )
            case (.server, _):
                throw .server(store: store, message: describe(error))
            default:
                throw .unreachable(store: store, reason: describe(error))
            }
        } catch {
            throw .unreachable(store: store, reason: unreachableDetail(url, error))
        }
    }

    /// Why a connection attempt failed, naming the address tried.
    private static func unreachableDetail(_ url: PostgresURL, _ error: (any Error)?) -> String {
        let text = error.map { "\($0)" } ?? "the connection failed"
        let lowered = text.lowercased()
        if lowered.contains("refused") || lowered.contains("no such file") || lowered.contains("enoent") {
            return "nothing is listening at \(url.serverAddress) (is the server running?)"
        }
        if lowered.contains("timeout") || lowered.contains("timed out") {
            return "no answer from \(url.serverAddress) within \(url.connectTimeout) s"
        }
        if lowered.contains("resolve") || lowered.contains("lookup") || lowered.contains("name") {
            return "the host \(url.host) cannot be found (\(text))"
        }
        return "\(url.serverAddress): \(text)"
    }
}
