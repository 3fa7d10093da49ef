import ArgumentParser
import KeysmithPostgres
import KeysmithSQLite
import KeysmithStore

/// `keysmith store verify`: the store's own upkeep.
struct StoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Look after a store: verify reads every row.",
        subcommands: [Verify.self])

    /// Reads every row of the store and names every damaged one.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Read every row of the store and report each damaged one (exit status 2 if any).",
            discussion: """
                Writes nothing. A SQLite store is read row by row with the checks the commands use, and every \
                damaged row is listed; a PostgreSQL store is read whole and the first damaged value is named. \
                A clean SQLite store is sealed, so the next open need not read it again.
                """)

        @OptionGroup var storeOptions: StoreOptions

        func validate() throws {
            if storeOptions.memory { throw ValidationError("--memory has nothing to verify: give --store or use the default store") }
        }

        func run() async throws {
            let store = try await storeOptions.openForVerification()
            let result: StoreVerification
            do {
                if let sqlite = store as? SQLiteStore {
                    result = try await sqlite.verify()
                } else {
                    result = try await store.verifyByReading()
                }
            } catch let error as StoreError {
                // Damage that stops the reading itself (a table gone): one line, exit 2.
                await closeStore(store)
                StandardOutputLine.write("\(error)\n")
                throw ExitCode(ExitStatus.usage)
            }
            await closeStore(store)
            for damage in result.damage {
                StandardOutputLine.write(StoreError.damaged(store: result.store, detail: damage).description + "\n")
            }
            if result.isClean {
                StandardOutputLine.write("store \(result.store): \(result.rowsRead) rows read, no damage\n")
                throw ExitCode(ExitStatus.ok)
            }
            StandardOutputLine.write("store \(result.store): \(result.damage.count) damaged row\(result.damage.count == 1 ? "" : "s")\n")
            throw ExitCode(ExitStatus.usage)
        }
    }
}

/// Lets go of a store at the end of a command: a SQLite store is sealed (``SQLiteStore/close()``)
/// and a PostgreSQL store's connections are closed.
func closeStore(_ store: any KeyStore) async {
    // Compared by type first: a failing `as?` has the runtime search every protocol
    // conformance of the program, a cost `keysmith run` would pay at every exit.
    if type(of: store) == MemoryStore.self { return }
    if let sqlite = store as? SQLiteStore { sqlite.close() }
    if let postgres = store as? PostgresStore { await postgres.close() }
}
