import Foundation
import KeysmithCore
import KeysmithStore
import KeysmithTestSupport
import PostgresNIO
import Testing

@testable import KeysmithPostgres

#if canImport(Glibc)
import Glibc
#endif

// MARK: Several processes on one database

extension PostgresServerTests {
    enum Processes {
        static func checks(_ secrets: [String]) -> String {
            secrets.map { "expect allow check \($0) \(PostgresServerTests.request)" }.joined(separator: "\n") + "\n"
        }

        static func aKeyCreatedByOneProcessIsAllowedInAnotherAtOnce() async throws {
            let directory = try TemporaryDirectory()
            let store = try PostgresServerTests.storeURL(schema: PostgresServerTests.freshSchemaName())
            let created = try await RunningProgram.runScript(PostgresServerTests.createKey, store: store, in: directory, tag: "create")
            #expect(created.process.terminationStatus == 0, "\(created.stderr)")
            let secret = try #require(created.secrets.first)
            let checked = try await RunningProgram.runScript(Self.checks([secret]), store: store, in: directory, tag: "check")
            #expect(checked.process.terminationStatus == 0, "\(checked.stdout)\(checked.stderr)")
            try await Self.drop(store)
        }

        static func twoWritersCreating300KeysEachLoseNothing() async throws {
            let directory = try TemporaryDirectory()
            let store = try PostgresServerTests.storeURL(schema: PostgresServerTests.freshSchemaName())
            try directory.write("bulk.ks", "repeat 300 { \(PostgresServerTests.createKey) }\n")
            // Both start on a schema that does not exist yet.
            let first = try RunningProgram.keysmith(["run", "bulk.ks", "--store", store], in: directory, tag: "first")
            let second = try RunningProgram.keysmith(["run", "bulk.ks", "--store", store], in: directory, tag: "second")
            #expect(try await first.wait() == 0, "\(first.stderr)")
            #expect(try await second.wait() == 0, "\(second.stderr)")
            let secrets = first.secrets + second.secrets
            #expect(secrets.count == 600 && Set(secrets).count == 600)
            let checked = try await RunningProgram.runScript(
                Self.checks(secrets) + "key list\n", store: store, in: directory,
                tag: "check")
            #expect(checked.process.terminationStatus == 0, "\(checked.stdout.suffix(2000))\(checked.stderr)")
            #expect(checked.stdout.split(separator: "\n").filter { $0.hasPrefix("key_") }.count == 600)
            try await Self.drop(store)
        }

        static func aWriterKilledMidRepeatLeavesNoHalfWrittenKey() async throws {
            let directory = try TemporaryDirectory()
            let store = try PostgresServerTests.storeURL(schema: PostgresServerTests.freshSchemaName())
            try directory.write("bulk.ks", "repeat 1000000 { \(PostgresServerTests.createKey) }\n")
            let bulk = try RunningProgram.keysmith(["run", "bulk.ks", "--store", store], in: directory, tag: "bulk")
            let deadline = ContinuousClock.now + .seconds(60)
            while bulk.secrets.count < 200 && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
            #expect(bulk.process.isRunning, "the bulk script ended before it could be killed")
            kill(bulk.process.processIdentifier, SIGKILL)
            try await bulk.wait()
            // The store opens; every key it holds has its audit entry (each was one transaction).
            let opened = try await PostgresStore.open(try PostgresURL(parsing: store))
            let (keys, audited) = try await opened.read { tx in
                (
                    try await tx.keys(ownedBy: "me").count,
                    try await tx.auditLog(limit: nil).filter { $0.action == .keyCreate }.count
                )
            }
            #expect(keys >= 200)
            #expect(keys == audited)
            try await opened.dropSchemaAndClose()
        }

        static func aDumpOfTheSchemaHoldsNoSecret() async throws {
            let directory = try TemporaryDirectory()
            let schema = PostgresServerTests.freshSchemaName()
            let store = try PostgresServerTests.storeURL(schema: schema)
            let script = String(
                repeating: "let k = \(PostgresServerTests.createKey)\ncheck $k.secret \(PostgresServerTests.request)\n",
                count: 10)
            let created = try await RunningProgram.runScript(script, store: store, in: directory, tag: "create")
            #expect(created.secrets.count == 10, "\(created.stderr)")
            let url = try PostgresURL(parsing: store)
            let dump = try RunningProgram(
                try Self.pgDump(),
                [
                    "-h", url.socketDirectory ?? url.host, "-p", "\(url.port)",
                    "-U", url.user, "-n", schema, url.database,
                ],
                in: directory, tag: "dump")
            #expect(try await dump.wait() == 0, "\(dump.stderr)")
            #expect(dump.stdout.contains("api_keys"), "the dump holds the store")
            for secret in created.secrets {
                #expect(!dump.stdout.contains(String(secret.dropFirst(4).prefix(24))))
            }
            try await Self.drop(store)
        }

        /// `pg_dump` of the installed server.
        static func pgDump() throws -> String {
            let candidates =
                ["/usr/bin/pg_dump"]
                + ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? [])
                .sorted().reversed().map { "/usr/lib/postgresql/\($0)/bin/pg_dump" }
            guard let found = candidates.first(where: FileManager.default.isExecutableFile(atPath:)) else {
                throw TestProblem("pg_dump is not installed; run scripts/setup-deps")
            }
            return found
        }

        static func drop(_ store: String) async throws {
            try await PostgresStore.open(try PostgresURL(parsing: store)).dropSchemaAndClose()
        }
    }
}

// MARK: A database that goes away

extension PostgresServerTests {
    /// On a private server of their own, which they stop and restart.
    enum Outages {
        /// Runs `body` with a private server of its own, stopped afterwards whatever happens.
        static func onAPrivateServer(_ body: (PrivateServer, TemporaryDirectory) async throws -> Void) async throws {
            let directory = try TemporaryDirectory()
            let server = try await PrivateServer(in: directory)
            do {
                try await body(server, directory)
            } catch {
                await server.stop()
                throw error
            }
            await server.stop()
        }

        /// Starts `keysmith serve --port 0` on `store`; returns it and its base URL.
        static func serve(_ store: String, in directory: TemporaryDirectory) async throws -> (RunningProgram, String) {
            let server = try ServerProcess(["--log", "off", "--store", store], in: directory)
            try await server.waitUntilListening()
            return (server.program, server.baseURL)
        }
        static func aStoppedServerFailsEachCommandClearlyAndTheStoreRecoversByItself() async throws {
            try await onAPrivateServer(Self.stoppedServerFailsAndRecovers)
        }

        static func stoppedServerFailsAndRecovers(_ server: PrivateServer, in directory: TemporaryDirectory) async throws {
            let store = try await PostgresStore.open(try PostgresURL(parsing: server.url + "&connect_timeout=2"))
            let service = KeyService(store: store)
            _ = try await service.createKey(name: "before", expires: .never, grants: ["User"], actor: "me")
            try await server.control("stop", in: directory)
            let started = ContinuousClock.now
            await #expect {
                _ = try await service.keys(actor: "me")
            } throws: { error in
                let text = "\(error)"
                return error is StoreError
                    && (text.contains("nothing is listening") || text.contains("went away")
                        || text.contains("connection to the server was lost"))
            }
            #expect(ContinuousClock.now - started < .seconds(15), "the failure comes within the connect timeout")
            _ = try? await service.keys(actor: "me")  // a lease that finds the server away, if the first did not
            let again = ContinuousClock.now
            await #expect(throws: StoreError.self) { _ = try await service.keys(actor: "me") }
            #expect(ContinuousClock.now - again < .seconds(1), "while the server is known to be away, a command fails at once")
            try await server.control("start", in: directory)
            var keys: [KeyInfo] = []
            let deadline = ContinuousClock.now + .seconds(30)
            while keys.isEmpty && ContinuousClock.now < deadline {
                keys = (try? await service.keys(actor: "me")) ?? []
                if keys.isEmpty { try await Task.sleep(for: .milliseconds(200)) }
            }
            #expect(keys.map(\.name) == ["before"], "the same store value works again without reopening")
            await store.close()
        }

        /// A backend terminated under a running server (an administrator, a pooler, a
        /// failover) closes the connection mid-transaction. postgres-nio drops a query sent on
        /// a channel that has just closed, and once one check waited forever every check queued
        /// behind it did too, and SIGTERM waited for them: the server answered nothing again.
        static func serveKeepsAnsweringWhileItsConnectionsAreTerminated() async throws {
            try await onAPrivateServer(Self.serveSurvivesTerminatedBackends)
        }

        static func serveSurvivesTerminatedBackends(_ server: PrivateServer, in directory: TemporaryDirectory) async throws {
            let setup = try await RunningProgram.runScript(PostgresServerTests.createKey, store: server.url, in: directory, tag: "setup")
            let secret = try #require(setup.secrets.first, "\(setup.stderr)")
            let (serve, base) = try await Self.serve(server.url, in: directory)
            let headers = ["Authorization: Bearer \(secret)", "Lucid-Api-Version: 1"]
            let request = base + "/users/me/profile"
            let killer = try await PostgresStore.open(try PostgresURL(parsing: server.url))
            let terminate: PostgresQuery = """
                SELECT count(pg_terminate_backend(pid))::text FROM pg_stat_activity
                WHERE pid <> pg_backend_pid() AND datname = current_database()
                """
            let statuses = try await withThrowingTaskGroup(of: [Int].self) { group in
                for lane in 0..<3 {
                    group.addTask {
                        var statuses: [Int] = []
                        for call in 0..<40 {
                            statuses.append(
                                try await curlStatus(
                                    request, headers: headers, in: directory,
                                    tag: "curl-\(lane)-\(call)"))
                        }
                        return statuses
                    }
                }
                for _ in 0..<25 {
                    try await Task.sleep(for: .milliseconds(150))
                    _ = try await PostgresServerTests.sql(terminate, on: killer)
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            await killer.close()
            #expect(!statuses.contains(0), "every request is answered: \(statuses)")
            #expect(Set(statuses).isSubset(of: [200, 503]), "\(statuses)")
            #expect(statuses.filter { $0 == 200 }.count > statuses.count / 2, "a lost connection is replaced at once: \(statuses)")
            #expect(try await curlStatus(request, headers: headers, in: directory) == 200)
            serve.process.terminate()
            let exit = try? await serve.wait(timeout: .seconds(30))
            if serve.process.isRunning { kill(serve.process.processIdentifier, SIGKILL) }
            #expect(exit == 0, "SIGTERM ends the server: \(serve.stderr)")
        }

        static func serveAnswers503WhileTheDatabaseIsAwayThen200WithoutARestart() async throws {
            try await onAPrivateServer(Self.serveAnswers503ThenRecovers)
        }

        static func serveAnswers503ThenRecovers(_ server: PrivateServer, in directory: TemporaryDirectory) async throws {
            let store = server.url + "&connect_timeout=2"
            let setup = try await RunningProgram.runScript(PostgresServerTests.createKey, store: store, in: directory, tag: "setup")
            let secret = try #require(setup.secrets.first, "\(setup.stderr)")
            let (serve, base) = try await Self.serve(store, in: directory)
            let headers = ["Authorization: Bearer \(secret)", "Lucid-Api-Version: 1"]
            let request = base + "/users/me/profile"
            #expect(try await curlStatus(request, headers: headers, in: directory) == 200)
            try await server.control("stop", in: directory)
            #expect(try await curlStatus(request, headers: headers, in: directory) == 503)
            try await server.control("start", in: directory)
            let status = try await statusOnceRecovered(request, headers: headers, in: directory)
            #expect(status == 200, "serve recovers by itself")
            #expect(serve.process.isRunning)
            serve.process.terminate()
            try await serve.wait()
        }
    }
}
