import ArgumentParser
import KeysmithCore
import KeysmithPostgres
import KeysmithSQLite
import KeysmithStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `--store PATH|URL` and `--memory`: which store an interactive session (or piped standard
/// input) runs on: a SQLite file, or a PostgreSQL database given as
/// `postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?host=/socket/dir&schema=NAME]` (the password
/// may come from `PGPASSWORD`). Without either it is the default SQLite store,
/// `${XDG_DATA_HOME:-$HOME/.local/share}/keysmith/store.sqlite` (Docs: KeysmithSQLite, the store).
///
/// ```swift
/// @OptionGroup var storeOptions: StoreOptions
/// let store = try await storeOptions.open()
/// ```
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Use the SQLite store at <path> (created on first use, in a directory that exists), or the PostgreSQL store at postgres://USER@HOST/DB (password in the URL or PGPASSWORD), instead of the default one.",
            valueName: "path|url"))
    var store: String?

    @Flag(help: "Use a throwaway in-memory store.")
    var memory = false

    func validate() throws {
        if memory && store != nil { throw ValidationError("--memory and --store cannot be used together") }
        if store == "" { throw ValidationError(emptyStorePath) }
    }

    /// Opens the chosen store to verify it: an existing SQLite file is opened without being
    /// refused for damage (verification lists it) and a missing one is not created.
    func openForVerification() async throws -> any KeyStore {
        let path: String
        if let store {
            path = store
        } else {
            do throws(SQLiteStoreError) {
                path = try SQLiteStore.defaultPath(environment: currentEnvironment())
            } catch {
                throw refusal(error)
            }
        }
        try refuseSecret(inStorePath: path)
        if PostgresURL.isPostgresURL(path) { return try await openPostgresStore(at: path) }
        var info = stat()
        guard stat(path, &info) == 0 else { throw UsageFailure("no store at \(path): nothing to verify") }
        if info.st_mode & S_IFMT == S_IFREG && info.st_size == 0 {
            throw UsageFailure("\(path) is an empty file, not a store: nothing to verify (and nothing was written)")
        }
        do {
            return try SQLiteStore(path: path, creatingDirectories: false, refusingDamage: false)
        } catch {
            throw UsageFailure(error.description)
        }
    }

    /// Opens the chosen store; see ``openDefaultOrGivenStore(memory:path:catalog:)``.
    func open(catalog: Catalog? = nil) async throws -> any KeyStore {
        try await openDefaultOrGivenStore(memory: memory, path: store, catalog: catalog)
    }
}

/// The store a session runs on: a fresh ``MemoryStore`` with `memory` (over `catalog` when
/// given: `--catalog` needs `--memory`), the PostgreSQL store
/// when `path` is a `postgres://` URL, the SQLite store at `path` when given (its directory
/// must exist), else the default SQLite store (created on first use, directory 0700, file 0600).
///
/// A store that cannot be used (not a keysmith store, newer schema, unreadable, a directory)
/// is reported on standard error as `keysmith: <why>` and this throws `ExitCode(2)`: nothing
/// ran, as with a bad argument. The file is left untouched.
func openDefaultOrGivenStore(memory: Bool, path: String?, catalog: Catalog? = nil) async throws -> any KeyStore {
    if memory {
        if path != nil { throw ValidationError("--memory and --store cannot be used together") }
        return MemoryStore(catalog: catalog ?? .lucid)
    }
    if catalog != nil { throw ValidationError(CatalogOptions.needsMemory) }
    try refuseSecret(inStorePath: path)
    if let path, PostgresURL.isPostgresURL(path) { return try await openPostgresStore(at: path) }
    do {
        // Only the default location's directories are made; a path typed by a person must be
        // in a directory that exists (a typo is refused, not made into a new, empty store).
        if let path { return try SQLiteStore(path: path, creatingDirectories: false) }
        return try SQLiteStore(path: SQLiteStore.defaultPath(environment: currentEnvironment()))
    } catch {
        throw refusal(error)
    }
}

/// Opens the store at `path` for `keysmith run --store` (SQLite, or PostgreSQL for a
/// `postgres://` URL); failures as in ``openDefaultOrGivenStore(memory:path:)``.
func openGivenStore(at path: String) async throws -> any KeyStore {
    try refuseSecret(inStorePath: path)
    if PostgresURL.isPostgresURL(path) { return try await openPostgresStore(at: path) }
    do {
        return try SQLiteStore(path: path, creatingDirectories: false)
    } catch {
        throw refusal(error)
    }
}

/// Says why a SQLite store cannot be used, as `keysmith: <why>` on standard error, adding
/// for a damaged one the command that lists every damaged row; the exit status is 2.
private func refusal(_ error: SQLiteStoreError) -> ExitCode {
    var line = "keysmith: \(error)"
    if case .damaged = error { line += " (`keysmith store verify` lists every damaged row)" }
    if case .noDefaultLocation = error { line += "; use --store PATH or --memory" }
    FileHandleStderr.write(line + "\n")
    return ExitCode(ExitStatus.usage)
}

/// Opens the PostgreSQL store at `url` (`PGPASSWORD` read from the environment); a store that
/// cannot be used is reported as `keysmith: <why>` (password masked) and throws `ExitCode(2)`.
func openPostgresStore(at url: String) async throws -> PostgresStore {
    do {
        return try await PostgresStore.open(try PostgresURL(parsing: url, environment: currentEnvironment()))
    } catch {
        FileHandleStderr.write("keysmith: \(error)\n")
        throw ExitCode(ExitStatus.usage)
    }
}

/// A store path holding a secret would name a file after it, and show it in every banner.
func refuseSecret(inStorePath path: String?) throws {
    guard let path, SecretRedaction.containsSecret(path) else { return }
    throw UsageFailure("--store must not contain a secret (ksk_…); no store was opened or created")
}

/// How to show a `--store` value in a message: a PostgreSQL URL with its password masked.
func maskedStore(_ text: String) -> String {
    guard PostgresURL.isPostgresURL(text) else { return text }
    if let url = try? PostgresURL(parsing: text) { return url.description }
    // Not a valid URL: hide whatever stands between `user:` and `@`.
    guard let schemeEnd = text.firstRange(of: "://"), let at = text[schemeEnd.upperBound...].lastIndex(of: "@"),
        let colon = text[schemeEnd.upperBound..<at].firstIndex(of: ":")
    else { return text }
    return String(text[..<text.index(after: colon)]) + "***" + String(text[at...])
}

/// The message for `--store ""`.
let emptyStorePath = "--store needs a file path, such as --store ~/keys.sqlite, not an empty string"

/// The process environment as a dictionary (without Foundation).
func currentEnvironment() -> [String: String] {
    var result: [String: String] = [:]
    var entry = environ
    while let pointer = entry.pointee {
        let text = String(cString: pointer)
        if let equals = text.firstIndex(of: "=") {
            result[String(text[..<equals])] = String(text[text.index(after: equals)...])
        }
        entry += 1
    }
    return result
}
