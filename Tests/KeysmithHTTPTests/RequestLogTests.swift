import Hummingbird
import HummingbirdTesting
import KeysmithCore
import KeysmithHTTP
import KeysmithServe
import Synchronization
import Testing

/// The request log: one line a request, text or JSON, with the path decoded, escaped and its
/// secrets cut; and the serve application over a real socket (`.live`) writing it.
@Suite struct RequestLogTests {
    static let secret = "ksk_" + String(repeating: "Q", count: 36)

    static let entry = RequestLog.Entry(
        time: Instant(secondsSinceEpoch: 1_767_225_600), method: "GET", path: "/documents/\(secret)%0A",
        status: 403, reason: "no_access", keyID: "key_abc", microseconds: 42)

    @Test("a text line holds time, method, redacted path, status, reason, key id and microseconds")
    func textLine() {
        #expect(
            RequestLog.line(Self.entry, format: .text)
                == #"2026-01-01T00:00:00Z GET /documents/ksk_…\n 403 no_access key=key_abc 42us"#)
    }

    @Test("a JSON line is one object with the same fields")
    func jsonLine() {
        #expect(
            RequestLog.line(Self.entry, format: .json)
                == #"{"time":"2026-01-01T00:00:00Z","method":"GET","path":"/documents/ksk_…\\n","status":403,"reason":"no_access","keyId":"key_abc","micros":42}"#
        )
    }

    @Test("a percent-encoded secret in the path is decoded before it is cut")
    func encodedSecretIsCut() {
        var entry = Self.entry
        entry.path = "/documents/ksk%5F" + String(repeating: "Q", count: 36)
        #expect(!RequestLog.line(entry, format: .text).contains(String(repeating: "Q", count: 30)))
    }

    @Test("the serve application over a real socket (.live) answers and logs each request once")
    func liveServerLogs() async throws {
        let world = try await HTTPWorld()
        let lines = Mutex<[String]>([])
        let log = RequestLog(format: .json) { line in lines.withLock { $0.append(line) } }
        let app = Application(router: KeysmithServer.router(service: world.service, log: log))
        let answers = try await app.test(.live) { client in
            [
                try await client.call(.get, "/healthz", version: nil),
                try await client.call(.get, "/v1/documents/d1", secret: world.reader.secret, version: nil),
                try await client.call(.get, "/v1/documents/d2", secret: world.reader.secret, version: nil),
            ]
        }
        #expect(answers.map(\.status) == [200, 200, 403])
        let logged = lines.withLock { $0 }
        #expect(logged.count == 3)
        #expect(logged.last?.contains(#""status":403,"reason":"no_access","keyId":"\#(world.reader.info.id)""#) == true)
        #expect(!logged.joined().contains(world.reader.secret))
    }
}
