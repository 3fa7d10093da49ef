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

/// Every wait on PostgreSQL has a limit (README: when the store misbehaves): a server that
/// stops answering (SIGSTOP), a lock held by another session, and a server restarted under a
/// session. Each case runs on a private server with `?timeout=2`, and bounds its own time.
extension PostgresServerTests {
    enum Faults {
        /// Seconds of deadline the cases give the store, and the margin an answer may take past it.
        static let timeout = 2
        static let margin: Duration = .seconds(4)

        /// Times `body`.
        static func timed<T>(_ body: () async throws -> T) async rethrows -> (T, Duration) {
            let start = ContinuousClock.now
            let value = try await body()
            return (value, ContinuousClock.now - start)
        }

        static func aFrozenServerGets503WithinTheDeadlineAndServiceResumes() async throws {
            try await Outages.onAPrivateServer(Self.frozenServer)
        }

        static func frozenServer(_ server: PrivateServer, in directory: TemporaryDirectory) async throws {
            let store = server.url + "&connect_timeout=\(timeout)&timeout=\(timeout)"
            let setup = try await RunningProgram.runScript(PostgresServerTests.createKey, store: store, in: directory, tag: "setup")
            let secret = try #require(setup.secrets.first, "\(setup.stderr)")
            let (serve, base) = try await Outages.serve(store, in: directory)
            let headers = ["Authorization: Bearer \(secret)", "Lucid-Api-Version: 1"]
            let request = base + "/users/me/profile"
            #expect(try await curlStatus(request, headers: headers, in: directory) == 200)

            try await server.control("freeze", in: directory)
            do {
                // Light load: three requests at once, then one more; each answered 503 in time.
                let (statuses, took) = try await timed {
                    try await withThrowingTaskGroup(of: Int.self) { group in
                        for n in 0..<3 {
                            group.addTask { try await curlStatus(request, headers: headers, in: directory, tag: "frozen-\(n)") }
                        }
                        return try await group.reduce(into: []) { $0.append($1) }
                    }
                }
                #expect(statuses == [503, 503, 503], "a frozen server: \(statuses)")
                #expect(took < .seconds(timeout) * 2 + margin, "answered in \(took)")
                let (again, tookAgain) = try await timed { try await curlStatus(request, headers: headers, in: directory) }
                #expect(again == 503)
                #expect(tookAgain < .seconds(timeout) * 2 + margin, "answered in \(tookAgain)")

                // A command fails with a clear message within the deadline too.
                let (run, tookRun) = try await timed {
                    try await RunningProgram.runScript("key list", store: store, in: directory, tag: "frozen-run")
                }
                #expect(run.process.terminationStatus != 0)
                let said = run.stdout + run.stderr
                #expect(said.contains("did not answer") || said.contains("no answer"), "\(said)")
                #expect(tookRun < .seconds(timeout) * 3 + margin, "the command failed in \(tookRun)")
            } catch {
                try? await server.control("thaw", in: directory)
                throw error
            }
            try await server.control("thaw", in: directory)

            let status = try await statusOnceRecovered(request, headers: headers, in: directory)
            #expect(status == 200, "service resumes once the server answers again")
            serve.process.terminate()
            #expect(try await serve.wait(timeout: .seconds(30)) == 0, "\(serve.stderr)")
        }

        static func aBlackHoledConnectionGets503WithinTheDeadline() async throws {
            try await Outages.onAPrivateServer(Self.blackHoled)
        }

        /// The network between keysmith and a live server goes dead (a TCP proxy that starts
        /// swallowing everything): answers come within the deadline, and service resumes when
        /// the network does.
        static func blackHoled(_ server: PrivateServer, in directory: TemporaryDirectory) async throws {
            let port = try #require(
                server.url.split(separator: "@").last?.split(separator: "/").first?
                    .split(separator: ":").last.map(String.init))
            let script = SourceTree.path("Tests/KeysmithPostgresTests/Support/blackhole-proxy.py")
            let proxy = try RunningProgram("/usr/bin/env", ["python3", script, port], in: directory, tag: "proxy")
            defer { proxy.process.terminate() }
            try await proxy.waitForOutput(timeout: .seconds(20)) { $0.contains("\n") }
            let proxyPort = try #require(proxy.stdout.split(separator: "\n").first.map(String.init), "\(proxy.stderr)")
            let store =
                "postgres://keysmith:keysmith@127.0.0.1:\(proxyPort)/keysmith?sslmode=disable&connect_timeout=\(timeout)&timeout=\(timeout)"
            let setup = try await RunningProgram.runScript(PostgresServerTests.createKey, store: store, in: directory, tag: "setup")
            let secret = try #require(setup.secrets.first, "\(setup.stdout)\(setup.stderr)")
            let (serve, base) = try await Outages.serve(store, in: directory)
            let headers = ["Authorization: Bearer \(secret)", "Lucid-Api-Version: 1"]
            let request = base + "/users/me/profile"
            #expect(try await curlStatus(request, headers: headers, in: directory) == 200)

            kill(proxy.process.processIdentifier, SIGUSR1)
            for n in 0..<2 {
                let (status, took) = try await timed { try await curlStatus(request, headers: headers, in: directory, tag: "holed-\(n)") }
                #expect(status == 503, "a dead network: \(status)")
                #expect(took < .seconds(timeout) * 2 + margin, "answered in \(took)")
            }
            kill(proxy.process.processIdentifier, SIGUSR2)
            let status = try await statusOnceRecovered(request, headers: headers, in: directory)
            #expect(status == 200, "service resumes with the network")
            serve.process.terminate()
            #expect(try await serve.wait(timeout: .seconds(30)) == 0, "\(serve.stderr)")
        }

        static func aCancelledCommandStopsWaitingAtOnce() async throws {
            try await Outages.onAPrivateServer(Self.cancelledCommand)
        }

        /// Ctrl-C in the REPL cancels the command's task: a transaction waiting on a frozen
        /// server gives up at once instead of after the deadline.
        static func cancelledCommand(_ server: PrivateServer, in directory: TemporaryDirectory) async throws {
            let store = try await PostgresStore.open(try PostgresURL(parsing: server.url + "&timeout=30"))
            let service = KeyService(store: store)
            _ = try await service.keys(actor: "me")
            try await server.control("freeze", in: directory)
            let waiting = Task { try await service.keys(actor: "me") }
            try await Task.sleep(for: .milliseconds(300))
            let (result, took) = await timed {
                waiting.cancel()
                return await waiting.result
            }
            try await server.control("thaw", in: directory)
            #expect(throws: CancellationError.self) { try result.get() }
            #expect(took < .seconds(2), "cancelled in \(took)")
            #expect(try await service.keys(actor: "me").isEmpty, "the store works again")
            await store.close()
        }

        static func aTableLockHeldElsewhereGives503WithinTheDeadline() async throws {
            try await Outages.onAPrivateServer(Self.tableLock)
        }

        static func tableLock(_ server: PrivateServer, in directory: TemporaryDirectory) async throws {
            let store = server.url + "&timeout=\(timeout)"
            let setup = try await RunningProgram.runScript(PostgresServerTests.createKey, store: store, in: directory, tag: "setup")
            let secret = try #require(setup.secrets.first, "\(setup.stderr)")
            let (serve, base) = try await Outages.serve(store, in: directory)
            let headers = ["Authorization: Bearer \(secret)", "Lucid-Api-Version: 1"]
            let request = base + "/users/me/profile"
            #expect(try await curlStatus(request, headers: headers, in: directory) == 200)

            // Another session holds every table the check needs for 20 s.
            let locker = try RunningProgram(
                "/bin/bash",
                [
                    "-c",
                    """
                    psql "$0" -v ON_ERROR_STOP=1 -q -c 'BEGIN' -c 'LOCK TABLE keysmith.api_keys, keysmith.store_clock IN ACCESS EXCLUSIVE MODE' -c 'SELECT pg_sleep(20)' -c 'COMMIT'
                    """, Self.psqlURL(server.url),
                ], in: directory, tag: "locker")
            try await Task.sleep(for: .seconds(1))
            let (status, took) = try await timed { try await curlStatus(request, headers: headers, in: directory) }
            #expect(status == 503, "a lock held elsewhere: \(status)")
            #expect(took < .seconds(timeout) + margin, "answered in \(took)")
            let audited = try await RunningProgram.runScript("key list", store: store, in: directory, tag: "locked-run")
            #expect(audited.process.terminationStatus != 0)
            // The server's own timeout speaks first: the message says what it waited for.
            let said = audited.stdout + audited.stderr
            #expect(said.contains("lock held by another session"), "\(said)")
            locker.process.terminate()
            _ = try? await locker.wait(timeout: .seconds(10))
            let after = try await statusOnceRecovered(request, headers: headers, in: directory)
            #expect(after == 200)
            serve.process.terminate()
            _ = try await serve.wait(timeout: .seconds(30))
        }

        static func theFirstCommandAfterARestartConnectsAfresh() async throws {
            try await Outages.onAPrivateServer(Self.restart)
        }

        /// A session that saw the server away does not repeat that once it is back.
        static func restart(_ server: PrivateServer, in directory: TemporaryDirectory) async throws {
            let store = try await PostgresStore.open(try PostgresURL(parsing: server.url + "&connect_timeout=2"))
            let service = KeyService(store: store)
            _ = try await service.keys(actor: "me")
            try await server.control("stop", in: directory)
            await #expect(throws: StoreError.self) { _ = try await service.keys(actor: "me") }
            try await server.control("start", in: directory)
            let (keys, took) = try await timed { try await service.keys(actor: "me") }
            #expect(keys.isEmpty)
            #expect(took < .seconds(10))
            await store.close()
        }

        /// `psql` takes the URL without keysmith's own parameters.
        static func psqlURL(_ url: String) -> String {
            guard let query = url.split(separator: "?", maxSplits: 1).last, url.contains("?") else { return url }
            let base = url.split(separator: "?", maxSplits: 1)[0]
            let kept = query.split(separator: "&").filter { $0.hasPrefix("host=") }
            return base + (kept.isEmpty ? "" : "?" + kept.joined(separator: "&"))
        }
    }
}

// MARK: Many hosts on one store

extension PostgresServerTests {
    enum ManyHosts {
        /// Two `keysmith serve` processes on one database, both under load at once: a per-account
        /// limit admits exactly its budget across both (each batch locks the clock row, so they
        /// take turns), every request is answered 200 or 429 (no deadlock, no 5xx), and every
        /// answer has its audit entry.
        static func twoServersShareOneRateLimitAndLoseNoAuditEntry() async throws {
            try await TestDatabase.withFreshStore { store in
                let directory = try TemporaryDirectory()
                let url = store.url.description
                let setup = try await RunningProgram.runScript(
                    """
                    let k = key create shared --expires 30d --grants User
                    echo $k.secret
                    endpoint limit GET /users/me/profile 25/300s
                    """, store: url, in: directory, tag: "setup")
                let secret = try #require(setup.secrets.first, "\(setup.stdout)\(setup.stderr)")
                let (first, firstBase) = try await Outages.serve(url, in: directory)
                let (second, secondBase) = try await Outages.serve(url, in: directory)
                let headers = ["Authorization: Bearer \(secret)", "Lucid-Api-Version: 1"]
                let statuses = try await withThrowingTaskGroup(of: [Int].self) { group in
                    for lane in 0..<6 {
                        group.addTask {
                            var statuses: [Int] = []
                            for call in 0..<10 {
                                let base = (lane + call).isMultiple(of: 2) ? firstBase : secondBase
                                statuses.append(
                                    try await curlStatus(
                                        base + "/users/me/profile", headers: headers, in: directory,
                                        tag: "curl-\(lane)-\(call)"))
                            }
                            return statuses
                        }
                    }
                    return try await group.reduce(into: []) { $0 += $1 }
                }
                #expect(statuses.count == 60)
                #expect(Set(statuses).isSubset(of: [200, 429]), "\(statuses)")
                #expect(statuses.filter { $0 == 200 }.count == 25, "the budget across both servers: \(statuses)")
                let audited = try await PostgresServerTests.sql(
                    "SELECT count(*)::text FROM audit_log WHERE action = 'check'", on: store)
                #expect(Int(audited.first ?? "") ?? 0 >= 60, "audit rows \(audited) for 60 answers")
                for serve in [first, second] {
                    serve.process.terminate()
                    #expect(try await serve.wait(timeout: .seconds(30)) == 0, "\(serve.stderr)")
                }
            }
        }
    }
}
