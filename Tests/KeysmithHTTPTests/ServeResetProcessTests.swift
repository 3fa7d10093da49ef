import Foundation
import KeysmithTestSupport
import Testing

/// `POST /_keysmith/reset`: a `--memory` server starts afresh (the `--setup` script run again,
/// the journal cleared); with `--seed N` its ids and secrets are the same every time. A
/// persistent store refuses with 409.
@Suite(.serialized) struct ServeResetProcessTests {
    static func secrets(in text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).filter { $0.hasPrefix("ksk_") }.map(String.init)
    }

    @Test("reset on --memory --seed: the same secrets as at start-up, keys made since are gone, the journal is empty")
    func resetStartsAfresh() async throws {
        let directory = try TemporaryDirectory()
        try directory.write("setup.ks", "doc add d1 --owner me\nkey create k --expires 1d --grants DocumentReadonly\n")
        let server = try ServerProcess(["--memory", "--seed", "7", "--setup", directory.file("setup.ks")], in: directory)
        try await server.waitUntilListening()
        let startup = Self.secrets(in: server.stdout)
        let secret = try #require(startup.first)
        let call = { (secret: String) in
            try await Curl.call(server.baseURL + "/v1/documents/d1", headers: ["Authorization: Bearer \(secret)"], in: directory)
        }
        #expect(try await call(secret).status == 200)

        let reset = try await Curl.call(server.baseURL + "/_keysmith/reset", method: "POST", in: directory)
        #expect(reset.status == 200 && reset.headers.contains("text/plain"))
        #expect(Self.secrets(in: reset.body) == startup, "\(reset.body)")
        #expect(reset.body.contains("added document d1 owned by me"))
        #expect(try await call(secret).status == 200)
        let journal = try await Curl.call(server.baseURL + "/_keysmith/requests", in: directory)
        #expect(journal.body.contains(#""count":1"#), "\(journal.body)")

        // The same seed in another server gives the same secret.
        let twinDirectory = try TemporaryDirectory()
        let twin = try ServerProcess(["--memory", "--seed", "7", "--setup", directory.file("setup.ks")], in: twinDirectory)
        try await twin.waitUntilListening()
        #expect(Self.secrets(in: twin.stdout) == startup)
        _ = try await twin.stop()
        #expect(try await server.stop() == 0)
        #expect(!server.stderr.contains(secret))
    }

    @Test("a reset whose setup script fails now says where and why (body and log line), no secret, and keeps the store in use")
    func resetWithFailingSetupSaysWhy() async throws {
        let directory = try TemporaryDirectory()
        try directory.write("setup.ks", "doc add d1 --owner me\nkey create k --expires 1d --grants DocumentReadonly\n")
        let server = try ServerProcess(["--memory", "--setup", directory.file("setup.ks")], in: directory)
        try await server.waitUntilListening()
        let secret = try #require(Self.secrets(in: server.stdout).first)
        try directory.write("setup.ks", "key create k2 --expires 1d --grants User\nkey frobnicate x\n")
        let reset = try await Curl.call(server.baseURL + "/_keysmith/reset", method: "POST", in: directory)
        #expect(reset.status == 500 && reset.body.contains(#""code":"setup_failed""#), "\(reset.body)")
        #expect(reset.body.contains("setup.ks:2:1: error: unknown command"), "\(reset.body)")
        #expect(!reset.body.contains(/ksk_[A-Za-z0-9]{20}/), "\(reset.body)")
        let answer = try await Curl.call(
            server.baseURL + "/v1/documents/d1", headers: ["Authorization: Bearer \(secret)"], in: directory)
        #expect(answer.status == 200)
        #expect(try await server.stop() == 0)
        let line = server.stderr.split(separator: "\n").first { $0.contains("/_keysmith/reset") } ?? ""
        #expect(line.contains("setup.ks:2:1: error: unknown command"), "\(server.stderr)")
        #expect(!server.stderr.contains(/ksk_[A-Za-z0-9]{20}/), "\(server.stderr)")
    }

    @Test("reset is refused with 409 on a persistent store, and --seed without --memory is a usage error")
    func resetRefusedOnAPersistentStore() async throws {
        let serve = try await ServeFixture(setup: "key create k --expires 1d --grants User")
        let answer = try await serve.admin("reset", method: "POST")
        #expect(answer.status == 409 && answer.body.contains(#""code":"not_resettable""#))
        #expect(try await serve.call("/users/me/profile", secret: serve.secrets[0]).status == 200)
        _ = try await serve.server.stop()
        let refused = try ServerProcess(["--store", serve.store, "--seed", "1"], in: serve.directory)
        do {
            try await refused.waitUntilListening(timeout: .seconds(20))
            Issue.record("serve --seed on a persistent store started")
        } catch {
            #expect(refused.stderr.contains("--seed only works with --memory"))
        }
    }
}
