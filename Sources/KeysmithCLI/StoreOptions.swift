import ArgumentParser
import KeysmithCore
import KeysmithSQLite
import KeysmithStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `--store PATH` and `--memory`: which store an interactive session (or piped standard
/// input) runs on. Without either it is the default SQLite store,
/// `${XDG_DATA_HOME:-$HOME/.local/share}/keysmith/store.sqlite` (Docs: KeysmithSQLite, the store).
///
/// ```swift
/// @OptionGroup var storeOptions: StoreOptions
/// let store = try storeOptions.open()
/// ```
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Use the SQLite store at <path> (created on first use) instead of the default one.", valueName: "path"))
    var store: String?

    @Flag(help: "Use a throwaway in-memory store.")
    var memory = false

    func validate() throws {
        if memory && store != nil { throw ValidationError("--memory and --store cannot be used together") }
        if store == "" { throw ValidationError(emptyStorePath) }
    }

    /// Opens the chosen store; see ``openDefaultOrGivenStore(memory:path:)``.
    func open() throws -> any KeyStore {
        try openDefaultOrGivenStore(memory: memory, path: store)
    }
}

/// The store a session runs on: a fresh ``MemoryStore`` with `memory`, the SQLite store at
/// `path` when given, else the default SQLite store (created on first use, directory 0700,
/// file 0600).
///
/// A store that cannot be used (not a keysmith store, newer schema, unreadable, a directory)
/// is reported on standard error as `keysmith: <why>` and this throws `ExitCode(2)`: nothing
/// ran, as with a bad argument. The file is left untouched.
func openDefaultOrGivenStore(memory: Bool, path: String?) throws -> any KeyStore {
    if memory {
        if path != nil { throw ValidationError("--memory and --store cannot be used together") }
        return MemoryStore()
    }
    try refuseSecret(inStorePath: path)
    do {
        return try SQLiteStore(path: path ?? SQLiteStore.defaultPath(environment: currentEnvironment()))
    } catch {
        FileHandleStderr.write("keysmith: \(error)\n")
        throw ExitCode(ExitStatus.usage)
    }
}

/// Opens the SQLite store at `path` for `keysmith run --store`; failures as in
/// ``openDefaultOrGivenStore(memory:path:)``.
func openSQLiteStore(at path: String) throws -> SQLiteStore {
    try refuseSecret(inStorePath: path)
    do {
        return try SQLiteStore(path: path)
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
