import Benchmark
import KeysmithCore
import KeysmithPostgres
import KeysmithSQLite
import KeysmithScript
import KeysmithStore
import KeysmithSyntax

// Every benchmark reports wall-clock time and heap allocations (malloc calls). Fast
// operations run 1,000 times a sample (`scalingFactor: .kilo`); `--scale` reports them per
// operation. BENCHMARKS.md says what each one measures and why.

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal],
        warmupIterations: 3,
        scalingFactor: .kilo,
        maxDuration: .seconds(2),
        maxIterations: 10_000)
    let slow = Benchmark.Configuration(scalingFactor: .one, maxDuration: .seconds(10), maxIterations: 10)

    // MARK: Secrets and routing

    Benchmark("secret: generate") { benchmark in
        let random = SystemRandomSource()
        for _ in benchmark.scaledIterations { blackHole(Secret(generatingWith: random)) }
    }

    Benchmark("secret: digest (SHA-256)") { benchmark in
        let text = Secret(generatingWith: SystemRandomSource()).text
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(SecretDigest(hashing: text)) }
    }

    Benchmark("secret: parse, good checksum") { benchmark in
        let text = Secret(generatingWith: SystemRandomSource()).text
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(Secret(parsing: text)) }
    }

    Benchmark("secret: parse, bad checksum") { benchmark in
        var text = Secret(generatingWith: SystemRandomSource()).text
        text.removeLast()
        text += text.hasSuffix("0") ? "1" : "0"
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(Secret(parsing: text)) }
    }

    Benchmark("route: GET /documents/{id}/threads/{threadId}/comments") { benchmark in
        let catalog = Catalog.lucid
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(catalog.route(method: "GET", path: "/documents/d1/threads/t9/comments")?.endpointIndex)
        }
    }

    // MARK: The check, against the floor

    Benchmark("check: memory store, 1,000 keys, counted by a rate limit") { benchmark, fixture in
        await fixture.checkEachKey(benchmark.scaledIterations)
    } setup: {
        let fixture = try await CheckFixture.make(keys: 1_000)
        // A limit no run reaches, per key: every check finds and updates its bucket.
        try await fixture.service.setRateLimit(RateLimit(count: RateLimit.largestCount, period: KeyDuration(seconds: 3_600),
                                                         scope: .key), method: "GET", path: "/documents/{id}", actor: "me")
        return fixture
    }

    for count in [1_000, 100_000, 1_000_000] {
        Benchmark("check: memory store, \(count.formatted) keys") { benchmark, fixture in
            await fixture.checkEachKey(benchmark.scaledIterations)
        } setup: {
            try await CheckFixture.make(keys: count)
        }
    }

    Benchmark("floor: SHA-256 + dictionary lookup, 1,000,000 keys") { benchmark, fixture in
        var i = 0
        for _ in benchmark.scaledIterations {
            let secret = fixture.secrets[i % fixture.secrets.count]
            i += 1
            blackHole(fixture.index[SecretDigest(hashing: secret)])
        }
    } setup: {
        FloorFixture.make(keys: 1_000_000)
    }

    // MARK: Keys

    Benchmark("key create: memory store") { benchmark in
        let service = KeyService(store: MemoryStore(), clock: ManualClock(start), random: SystemRandomSource())
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try? await service.createKey(name: "ci", expires: .after(KeyDuration(seconds: 86_400)),
                                                   grants: ["DocumentReadonly"], actor: "me"))
        }
    }

    // MARK: The SQLite store (a temporary file, WAL, one transaction per operation)

    Benchmark("SQLite store: key create", configuration: .init(scalingFactor: .one)) { benchmark, store in
        let service = KeyService(store: store, clock: ManualClock(start), random: SystemRandomSource())
        for _ in benchmark.scaledIterations {
            blackHole(try? await service.createKey(name: "ci", expires: .after(KeyDuration(seconds: 86_400)),
                                                   grants: ["DocumentReadonly"], actor: "me"))
        }
    } setup: {
        try SQLiteStore.temporary()
    }

    Benchmark("SQLite store: check", configuration: .init(scalingFactor: .one)) { (benchmark, fixture: CheckFixture) in
        for _ in benchmark.scaledIterations {
            blackHole(try? await fixture.service.check(secret: fixture.secrets[0], method: "GET", path: "/documents/d1"))
        }
    } setup: {
        let store = try SQLiteStore.temporary()
        let service = KeyService(store: store, clock: ManualClock(start), random: SystemRandomSource())
        try await prepareDocument(service)
        let created = try await service.createKey(name: "ci", expires: .after(KeyDuration(seconds: 86_400)),
                                                  grants: ["DocumentReadonly"], actor: "me")
        return CheckFixture(service: service, secrets: [created.secret])
    }

    Benchmark("SQLite store: 64 checks in one batch", configuration: .init(scalingFactor: .one)) { (benchmark, fixture: CheckFixture) in
        let batch = fixture.secrets.map { CheckRequest(secret: $0, method: "GET", path: "/documents/d1") }
        for _ in benchmark.scaledIterations {
            blackHole(try? await fixture.service.checks(batch))
        }
    } setup: {
        try await batchFixture(on: try SQLiteStore.temporary())
    }

    // MARK: The PostgreSQL store (a new schema of KEYSMITH_TEST_POSTGRES, left there: scripts/bench's
    // server is a throwaway one; one transaction per call)

    if let database = postgresDatabase {
        Benchmark("PostgreSQL store: key create", configuration: .init(scalingFactor: .one)) { benchmark, store in
            let service = KeyService(store: store, clock: ManualClock(start), random: SystemRandomSource())
            for _ in benchmark.scaledIterations {
                blackHole(try? await service.createKey(name: "ci", expires: .after(KeyDuration(seconds: 86_400)),
                                                       grants: ["DocumentReadonly"], actor: "me"))
            }
        } setup: {
            try await PostgresStore.temporary(in: database)
        }

        Benchmark("PostgreSQL store: check", configuration: .init(scalingFactor: .one)) { (benchmark, fixture: CheckFixture) in
            for _ in benchmark.scaledIterations {
                blackHole(try? await fixture.service.check(secret: fixture.secrets[0], method: "GET", path: "/documents/d1"))
            }
        } setup: {
            let store = try await PostgresStore.temporary(in: database)
            let service = KeyService(store: store, clock: ManualClock(start), random: SystemRandomSource())
            try await prepareDocument(service)
            let created = try await service.createKey(name: "ci", expires: .after(KeyDuration(seconds: 86_400)),
                                                      grants: ["DocumentReadonly"], actor: "me")
            return CheckFixture(service: service, secrets: [created.secret])
        }
    }

    if let database = postgresDatabase {
        Benchmark("PostgreSQL store: 64 checks in one batch", configuration: .init(scalingFactor: .one)) { (benchmark, fixture: CheckFixture) in
            let batch = fixture.secrets.map { CheckRequest(secret: $0, method: "GET", path: "/documents/d1") }
            for _ in benchmark.scaledIterations {
                blackHole(try? await fixture.service.checks(batch))
            }
        } setup: {
            try await batchFixture(on: try await PostgresStore.temporary(in: database))
        }
    }

    // MARK: The language

    Benchmark("script: parse 10,000 lines", configuration: slow) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try? Parser.parse(tenThousandLines)) }
    }

    Benchmark("script: repeat 1000000 { clock advance 1s }", configuration: slow) { benchmark in
        let interpreter = makeInterpreter()
        let source = SourceFile(name: "loop.ks", text: "repeat 1000000 { clock advance 1s }")
        benchmark.startMeasurement()
        blackHole(await interpreter.run(source))
    }
}

extension Int {
    /// `1000000` as `1,000,000`.
    var formatted: String {
        var digits = Array(String(self))
        var i = digits.count - 3
        while i > 0 { digits.insert(",", at: i); i -= 3 }
        return String(digits)
    }
}
