import Benchmark
import KeysmithCore
import KeysmithPostgres
import KeysmithScript
import KeysmithStore
import KeysmithSyntax

#if canImport(Glibc)
import Glibc
#endif

/// The database of the PostgreSQL benchmarks, `KEYSMITH_TEST_POSTGRES` (scripts/bench starts
/// a throwaway server over a Unix socket); without it they are left out.
let postgresDatabase: PostgresURL? = {
    guard let text = getenv("KEYSMITH_TEST_POSTGRES").map({ String(cString: $0) }), !text.isEmpty else { return nil }
    return try? PostgresURL(parsing: text)
}()

/// The instant every benchmark's clock starts at (as in golden scenarios).
let start = Instant(parsing: "2026-01-01")!

/// Output that goes nowhere, so benchmarks measure keysmith and not the terminal.
final class DiscardedOutput: OutputSink {
    func write(_ text: String, style: OutputStyle) {}
}

/// Adds `d1` owned by `me` and lifts Lucid's 75/5s limit on `GET /documents/{id}`: with the
/// benchmarks' frozen clock every check after the 75th would be `rate_limited`, and these
/// measure the allowed path (`check: …, counted` measures a check that a limit counts).
func prepareDocument(_ service: KeyService) async throws {
    _ = try await service.addResource(.document, id: "d1", owner: "me", actor: "me")
    try await service.setRateLimit(nil, method: "GET", path: "/documents/{id}", actor: "me")
}

/// `store` with the document `d1` (no rate limit on it) and 64 keys that may read it: a batch
/// of 64 distinct allowed checks, as a busy server's group commit hands a store.
func batchFixture(on store: any KeyStore) async throws -> CheckFixture {
    let service = KeyService(store: store, clock: ManualClock(start), random: SystemRandomSource())
    try await prepareDocument(service)
    var secrets: [String] = []
    for n in 0..<64 {
        secrets.append(try await service.createKey(name: "k\(n)", expires: .after(KeyDuration(seconds: 86_400)),
                                                   grants: ["DocumentReadonly"], actor: "me").secret)
    }
    return CheckFixture(service: service, secrets: secrets)
}

/// A memory store holding `count` keys, of which the first `min(count, 1_000)` were made by
/// ``KeyService/createKey`` (so their secrets are known) and the rest inserted in bulk with
/// random digests; plus the document `d1` owned by `me`, so a check of
/// `GET /documents/d1` goes through every step of the decision and ends in allow.
struct CheckFixture: @unchecked Sendable {
    let service: KeyService
    let secrets: [String]

    /// Checks an allowed `GET /documents/d1` once per iteration, with each key in turn.
    func checkEachKey(_ iterations: some Sequence) async {
        var i = 0
        for _ in iterations {
            let secret = secrets[i % secrets.count]
            i += 1
            blackHole(try? await service.check(secret: secret, method: "GET", path: "/documents/d1"))
        }
    }

    static func make(keys count: Int) async throws -> CheckFixture {
        let clock = ManualClock(start)
        let random = SeededRandomSource(seed: 1)
        let service = KeyService(store: MemoryStore(), clock: clock, random: random)
        try await prepareDocument(service)
        var secrets: [String] = []
        for i in 0..<min(count, 1_000) {
            let created = try await service.createKey(name: "k\(i)", expires: .after(KeyDuration(seconds: 86_400 * 365)),
                                                      grants: ["DocumentReadonly"], actor: "me")
            secrets.append(created.secret)
        }
        let bulk = count - secrets.count
        if bulk > 0 {
            let grants = try Catalog.lucid.grantSet(["DocumentReadonly"])
            let words = random.bytes(bulk * 8)
            try await service.store.write { tx in
                for i in 0..<bulk {
                    let w = Array(words[(i * 8)..<(i * 8 + 8)])
                    try await tx.insert(APIKey(id: KeyID("key_b" + String(i, radix: 36)), owner: "me", name: "bulk",
                                         expiration: .never, grants: grants,
                                         digest: Self.digest(w, i), createdAt: start))
                }
            }
        }
        return CheckFixture(service: service, secrets: secrets)
    }

    /// A digest made of 8 leading bytes and the index `i` (distinct for every bulk key), built
    /// through the public byte initialiser.
    static func digest(_ lead: [UInt8], _ i: Int) -> SecretDigest {
        let index = withUInt64(UInt64(i))
        return SecretDigest(bytes: lead + index + [UInt8](repeating: 0, count: 16))!
    }
}

/// The 8 big-endian bytes of `value`.
func withUInt64(_ value: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: value >> (56 - 8 * $0)) } }

/// The least any implementation of `check` must do: hash the presented secret and look its
/// digest up in an index of `count` digests.
struct FloorFixture: @unchecked Sendable {
    let index: [SecretDigest: Int]
    let secrets: [String]

    static func make(keys count: Int) -> FloorFixture {
        let random = SeededRandomSource(seed: 2)
        var index: [SecretDigest: Int] = [:]
        index.reserveCapacity(count)
        var secrets: [String] = []
        for i in 0..<count {
            if i < 1_000 {
                let secret = Secret(generatingWith: random)
                secrets.append(secret.text)
                index[secret.digest] = i
            } else {
                index[CheckFixture.digest(withUInt64(UInt64(i) &* 0x9E37_79B9_7F4A_7C15), i)] = i
            }
        }
        return FloorFixture(index: index, secrets: secrets)
    }
}

/// An interpreter on a fresh memory store with a seeded clock and randomness, printing nowhere.
func makeInterpreter() -> Interpreter {
    let clock = ManualClock(start)
    let service = KeyService(store: MemoryStore(), clock: clock, random: SeededRandomSource(seed: 1))
    return Interpreter(service: service, output: DiscardedOutput())
}

/// A 10,000-line script using every kind of word (bare, quoted, variables, blocks, options).
let tenThousandLines: SourceFile = {
    var lines: [String] = []
    let kinds = [
        "key create \"ci key $n\" --expires 30d --grants DocumentReadonly,FolderReadonly",
        "expect allow check $k.secret GET /documents/d1   # a comment",
        "repeat 3 { clock advance 1d; echo 'tick' \"now $n\" }",
        "let k = key create ci --expires 2026-01-31T00:00:00Z --grants User",
        "share doc plan alice --role view",
    ]
    for i in 0..<10_000 { lines.append(kinds[i % kinds.count]) }
    return SourceFile(name: "ten-thousand.ks", text: lines.joined(separator: "\n") + "\n")
}()
