/// Where a PostgreSQL store lives:
/// `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?host=/socket/dir&schema=NAME&sslmode=MODE&connect_timeout=S&timeout=S]`.
///
/// The password may be left out of the URL and given in `PGPASSWORD` instead. Its
/// ``description`` never shows the password (`postgres://me:***@db.example/keys`), so a URL
/// can be named in any message.
///
/// ```swift
/// let url = try PostgresURL(parsing: "postgres://keysmith@localhost/keys?host=/run/postgresql",
///                           environment: ["PGPASSWORD": "s3cret"])
/// ```
public struct PostgresURL: Sendable, Hashable, CustomStringConvertible {
    /// How the connection uses TLS (`sslmode`): off, when the server offers it, or required.
    package enum TLSMode: String, Sendable, Hashable {
        case disable, prefer, require
    }

    /// The login user, percent-decoded; never empty.
    public var user: String
    /// From the URL, else from `PGPASSWORD`; nil for none (trusted or peer authentication).
    public var password: String?
    /// Whether the password was written in the URL (it is masked in ``description``).
    package var passwordInURL: Bool
    /// The server's host name or address (an IPv6 address without its brackets); empty only when `?host=` names a socket directory.
    public var host: String
    /// The server's TCP port (1–65535), 5432 when the URL gives none; also names the socket file.
    public var port: Int
    /// The database name, percent-decoded; never empty.
    public var database: String
    /// The directory holding the server's Unix socket (`?host=/dir`), or nil for TCP.
    package var socketDirectory: String?
    /// The PostgreSQL schema holding the store's tables (default `keysmith`).
    public var schema: String
    package var tls: TLSMode
    /// How long, in seconds, to wait for a connection before calling the server unreachable.
    package var connectTimeout: Int
    /// The deadline of every store operation, in seconds (`?timeout=`, default
    /// ``defaultTimeout``): the server's `statement_timeout` and `lock_timeout`, and the time
    /// after which keysmith gives up on a transaction the server does not answer (a server
    /// stopped, a lock held elsewhere) and closes its connection.
    public var timeout: Int
    /// The deadline of a store operation when the URL gives none.
    package static let defaultTimeout = 10

    /// The default schema name.
    package static let defaultSchema = "keysmith"

    /// Whether `text` is meant as a PostgreSQL URL (rather than a SQLite file path): any
    /// spelling of the scheme, even with blanks before it or a slash missing, so that a
    /// near-miss is refused as a bad URL instead of becoming a SQLite file named after the
    /// user and password.
    package static func isPostgresURL(_ text: String) -> Bool {
        let start = text.drop(while: { $0 == " " || $0 == "\t" }).prefix(11).lowercased()
        return start.hasPrefix("postgres:") || start.hasPrefix("postgresql:")
    }

    /// The Unix socket file, for a URL with `?host=/dir`.
    package var socketPath: String? {
        socketDirectory.map { ($0.hasSuffix("/") ? $0 : $0 + "/") + ".s.PGSQL.\(port)" }
    }

    /// Parses a `postgres://` or `postgresql://` URL (scheme in any case), taking the password from `PGPASSWORD` in `environment` when the URL has none. Throws ``PostgresStoreError/badURL(_:)`` saying what is wrong: no user or database, a bad port, a `#`, an unknown or repeated parameter, a bad value.
    public init(parsing text: String, environment: [String: String] = [:]) throws(PostgresStoreError) {
        // The scheme in any case (RFC 3986); nothing before it.
        let lowered = text.prefix(13).lowercased()
        let schemeLength = lowered.hasPrefix("postgresql://") ? 13 : lowered.hasPrefix("postgres://") ? 11 : 0
        guard schemeLength > 0 else {
            throw .badURL("a PostgreSQL store URL starts with postgres://, as in postgres://USER@HOST/DATABASE")
        }
        var rest = Substring(text.dropFirst(schemeLength))
        if rest.contains("#") {
            throw .badURL("the URL has a #: write a # in a name or password as %23")
        }
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        guard let slash = rest.firstIndex(of: "/") else {
            throw .badURL("the URL names no database: add /DATABASE after the host, as in postgres://USER@HOST/DATABASE")
        }
        let authority = rest[..<slash]
        let databaseText = rest[rest.index(after: slash)...]
        guard let at = authority.lastIndex(of: "@") else {
            throw .badURL("the URL names no user: write USER@ before the host, as in postgres://USER@HOST/DATABASE")
        }
        let credentials = authority[..<at]
        let hostPort = authority[authority.index(after: at)...]
        if let colon = credentials.firstIndex(of: ":") {
            user = try Self.decode(credentials[..<colon], "user")
            password = try Self.decode(credentials[credentials.index(after: colon)...], "password")
            passwordInURL = true
        } else {
            user = try Self.decode(credentials, "user")
            password = environment["PGPASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
            passwordInURL = false
        }
        guard !user.isEmpty else { throw .badURL("the user name is empty") }
        database = try Self.decode(databaseText, "database")
        guard !database.isEmpty else { throw .badURL("the database name is empty") }
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else { throw .badURL("an IPv6 host needs its closing ]") }
            host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
            let after = hostPort[hostPort.index(after: close)...]
            port = after.isEmpty ? 5432 : try Self.port(after.hasPrefix(":") ? after.dropFirst() : after)
        } else if let colon = hostPort.lastIndex(of: ":") {
            host = String(hostPort[..<colon])
            port = try Self.port(hostPort[hostPort.index(after: colon)...])
        } else {
            host = String(hostPort)
            port = 5432
        }
        socketDirectory = nil
        schema = Self.defaultSchema
        tls = .prefer
        connectTimeout = 5
        timeout = Self.defaultTimeout
        var seen: Set<String> = []
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            guard seen.insert(name).inserted else {
                throw .badURL("the URL parameter \(name) is given twice; give it once")
            }
            let value = try Self.decode(parts.count > 1 ? parts[1] : "", name)
            switch name {
            case "host":
                guard value.hasPrefix("/") else {
                    throw .badURL("?host= takes the directory of the server's Unix socket, such as /var/run/postgresql")
                }
                socketDirectory = value
            case "schema":
                guard !value.isEmpty else { throw .badURL("?schema= is empty: give a schema name, or leave it out for keysmith") }
                guard Self.isSchemaName(value) else {
                    throw .badURL(
                        "the schema name \(value) is not a plain name: use 1 to 63 lower-case letters, digits and _, starting with a letter or _"
                    )
                }
                guard !Self.isReservedSchema(value) else {
                    throw .badURL(
                        "the schema \(value) belongs to PostgreSQL or to everyone in the database: give keysmith a schema of its own")
                }
                schema = value
            case "sslmode":
                guard let mode = TLSMode(rawValue: value) else {
                    throw .badURL("sslmode is disable, prefer or require, not \(value)")
                }
                tls = mode
            case "connect_timeout":
                guard let seconds = Int(value), (1...600).contains(seconds) else {
                    throw .badURL("connect_timeout is a whole number of seconds from 1 to 600, not \(value)")
                }
                connectTimeout = seconds
            case "timeout":
                guard let seconds = Int(value), (1...600).contains(seconds) else {
                    throw .badURL("timeout is a whole number of seconds from 1 to 600, not \(value)")
                }
                timeout = seconds
            default:
                throw .badURL("unknown URL parameter \(name) (known: host, schema, sslmode, connect_timeout, timeout)")
            }
        }
        if host.isEmpty && socketDirectory == nil { throw .badURL("the host is empty") }
    }

    /// The URL with the password masked.
    public var description: String {
        var text = "postgres://" + Self.encode(user) + (passwordInURL ? ":***" : "") + "@"
        text += host.contains(":") ? "[\(host)]" : host
        if port != 5432 { text += ":\(port)" }
        text += "/" + Self.encode(database)
        var parameters: [String] = []
        if let socketDirectory { parameters.append("host=" + socketDirectory) }
        if schema != Self.defaultSchema { parameters.append("schema=" + schema) }
        if tls != .prefer { parameters.append("sslmode=" + tls.rawValue) }
        if connectTimeout != 5 { parameters.append("connect_timeout=\(connectTimeout)") }
        if timeout != Self.defaultTimeout { parameters.append("timeout=\(timeout)") }
        return parameters.isEmpty ? text : text + "?" + parameters.joined(separator: "&")
    }

    /// Where the server is, for messages: the socket, or `host:port`.
    package var serverAddress: String {
        socketPath ?? (host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)")
    }

    /// A plain lower-case SQL identifier, safe to name a schema without quoting rules.
    static func isSchemaName(_ text: String) -> Bool {
        guard let first = text.utf8.first, (1...63).contains(text.utf8.count) else { return false }
        guard first == UInt8(ascii: "_") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) else { return false }
        return text.utf8.allSatisfy { byte in
            byte == UInt8(ascii: "_") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
    }

    /// Schemas keysmith never takes: `public` (everyone's by default), PostgreSQL's own
    /// (`pg_catalog`, `pg_temp`, `pg_toast`, and any `pg_` name, which the server reserves) and
    /// `information_schema`.
    static func isReservedSchema(_ name: String) -> Bool {
        name == "public" || name == "information_schema" || name.hasPrefix("pg_")
    }

    private static func port(_ text: Substring) throws(PostgresStoreError) -> Int {
        guard let port = Int(text), (1...65_535).contains(port) else {
            throw .badURL("the port \(text) is not a number from 1 to 65535")
        }
        return port
    }

    /// Percent-decodes one part of the URL.
    private static func decode(_ text: Substring, _ part: String) throws(PostgresStoreError) -> String {
        var bytes: [UInt8] = []
        var index = text.utf8.startIndex
        let utf8 = text.utf8
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%") {
                let first = utf8.index(after: index)
                guard first != utf8.endIndex, utf8.index(after: first) != utf8.endIndex,
                    let high = hexValue(utf8[first]), let low = hexValue(utf8[utf8.index(after: first)])
                else {
                    throw .badURL("the \(part) has a % not followed by two hexadecimal digits")
                }
                bytes.append(high << 4 | low)
                index = utf8.index(first, offsetBy: 2)
            } else {
                bytes.append(byte)
                index = utf8.index(after: index)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// Percent-encodes what a URL part may not hold as it is.
    private static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let plain =
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || "-._~".utf8.contains(byte)
            if plain {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
