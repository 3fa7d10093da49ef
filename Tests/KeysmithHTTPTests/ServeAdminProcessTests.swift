import Foundation
import KeysmithTestSupport
import Testing

/// The admin API of `keysmith serve` under `/_keysmith/`, over a real socket with `curl`: the
/// journal (filters, clearing, the SSE stream), the keys and the catalog, who may ask, and
/// that no answer holds a secret.
@Suite(.serialized) struct ServeAdminProcessTests {
    static let setup = """
        user add bob
        doc add d1 --owner me
        doc add d2 --owner bob
        endpoint limit GET /documents/{id} 100/1h
        key create reader --expires 30d --grants DocumentReadonly
        key create profile --expires 30d --grants User
        """

    @Test("the journal lists answered requests newest first, with filters, request ids, redacted paths; DELETE clears it")
    func journalListsFiltersAndClears() async throws {
        let serve = try await ServeFixture(setup: Self.setup)
        let (reader, profile) = (serve.secrets[0], serve.secrets[1])
        #expect(try await serve.call("/documents/d1", secret: reader, headers: ["X-Request-Id: client-trace.42"]).status == 200)
        #expect(try await serve.call("/documents/d2", secret: reader).status == 403)
        #expect(try await serve.call("/documents/\(profile)", secret: reader).status == 403)
        #expect(try await serve.call("/users/me/profile", secret: profile, headers: ["Lucid-Request-As: admin"]).status == 200)
        #expect(try await serve.call("/documents/d1").status == 401)
        // An X-Request-Id shaped like a secret is not kept: a fresh id is given.
        let traced = try await serve.call("/documents/d1", secret: reader, headers: ["X-Request-Id: \(profile)"])
        #expect(!traced.headers.contains(profile))
        #expect(traced.headers.contains("Keysmith-Request-Id: req_"))

        let raw = try await serve.admin("requests")
        for secret in serve.secrets { #expect(!raw.body.contains(secret)) }
        let all = try await serve.journal()
        #expect(all.count == 6)
        #expect(all.map { $0["status"] as? Int } == [200, 401, 200, 403, 403, 200])
        let first = try #require(all.last)
        #expect(first["clientRequestId"] as? String == "client-trace.42" && (first["id"] as? String)?.hasPrefix("req_") == true)
        #expect(first["method"] as? String == "GET" && first["path"] as? String == "/documents/d1")
        #expect(first["outcome"] as? String == "allow" && first["reason"] as? String == "allow")
        #expect(first["keyId"] as? String == serve.ids[0] && first["keyName"] as? String == "reader")
        #expect(first["user"] as? String == "me" && first["endpoint"] as? String == "GET /documents/{id}")
        #expect(first["mode"] as? String == "user" && first["forced"] as? Bool == false)
        #expect(first["storeTime"] as? String != nil && first["time"] as? String != nil && first["micros"] as? Int != nil)
        let fields = Set(first.keys)
        #expect(
            fields == [
                "seq", "generation", "id", "clientRequestId", "time", "storeTime", "method", "path", "status", "outcome", "reason", "keyId",
                "keyName",
                "user", "endpoint", "mode", "forced", "micros", "explanation", "acceptedGrants", "keyGrants",
                "rateLimit", "responseHeaders",
            ])
        #expect(all[2]["mode"] as? String == "admin")
        #expect((all[3]["path"] as? String)?.contains("ksk_…") == true)
        #expect(all[1]["reason"] as? String == "missing_key" && all[1]["keyId"] is NSNull)

        #expect(try await serve.journal("outcome=deny").count == 3)
        #expect(try await serve.journal("reason=no_access").count == 2)
        #expect(try await serve.journal("key=\(serve.ids[1])").count == 1)
        #expect(try await serve.journal("key=reader").count == 4)
        #expect(try await serve.journal("limit=2").map { $0["status"] as? Int } == [200, 401])
        let bad = try await serve.admin("requests?outcome=maybe")
        #expect(bad.status == 400 && bad.body.contains(#""code":"bad_query""#))

        let before = try #require(try await serve.journal().first)
        #expect(before["generation"] as? Int == 0)
        let cleared = try await serve.admin("requests", method: "DELETE")
        #expect(cleared.status == 200 && cleared.body == #"{"cleared":6}"#)
        #expect(try await serve.journal().isEmpty)
        #expect(try await serve.admin("requests").body.contains(#""generation":1,"#))
        // Admin requests are not journaled.
        _ = try await serve.admin("keys")
        #expect(try await serve.journal().isEmpty)
        // Numbering goes on across a clear; the generation tells a reader it happened.
        _ = try await serve.call("/documents/d1", secret: serve.secrets[0])
        let after = try #require(try await serve.journal().first)
        #expect(after["seq"] as? Int == (before["seq"] as? Int).map { $0 + 1 } && after["generation"] as? Int == 1)
        _ = try await serve.server.stop()
    }

    @Test("keys, catalog and its OpenAPI description as JSON, never a secret; unknown admin paths are 404 with a JSON body")
    func keysAndCatalog() async throws {
        let serve = try await ServeFixture(setup: Self.setup)
        let keys = try await serve.admin("keys")
        #expect(keys.status == 200 && keys.headers.contains("application/json"))
        let listed = try ServeFixture.object(keys.body)["keys"] as? [[String: Any]] ?? []
        #expect(listed.compactMap { $0["id"] as? String } == serve.ids)
        #expect(listed.first?["grants"] as? [String] == ["DocumentReadonly"])
        #expect(listed.first?["status"] as? String == "active")
        let catalog = try await serve.admin("catalog")
        let endpoints = try ServeFixture.object(catalog.body)["endpoints"] as? [[String: Any]] ?? []
        #expect(endpoints.count > 100)
        let documents = endpoints.first { $0["method"] as? String == "GET" && $0["path"] as? String == "/documents/{id}" }
        #expect(documents?["rateLimit"] as? String == "100/1h per account")
        // The served catalog as OpenAPI 3.1 (DESIGN §9): one operation per endpoint of the catalog.
        let description = try await serve.admin("openapi.json")
        #expect(description.status == 200 && description.headers.contains("application/json"))
        let document = try ServeFixture.object(description.body)
        #expect((document["openapi"] as? String)?.hasPrefix("3.1") == true)
        let paths = document["paths"] as? [String: [String: Any]] ?? [:]
        let methods = ["get", "head", "post", "put", "patch", "delete", "options"]
        #expect(paths.values.reduce(0) { $0 + $1.keys.filter { methods.contains($0) }.count } == endpoints.count)
        let missing = try await serve.admin("nothing")
        #expect(missing.status == 404 && missing.body.contains(#""code":"not_found""#), "\(missing.body)")
        for answer in [keys, catalog, description, missing] {
            for secret in serve.secrets { #expect(!answer.body.contains(secret)) }
        }
        _ = try await serve.server.stop()
    }

    @Test("the SSE stream delivers a new entry within a second, and SIGTERM still exits 0 promptly with it attached")
    func streamDeliversAndShutsDown() async throws {
        let serve = try await ServeFixture(setup: Self.setup)
        let curl = try RunningProgram(
            try Curl.path(), ["-sS", "-N", "--max-time", "60", serve.server.baseURL + "/_keysmith/requests/stream"],
            in: serve.directory, tag: "stream")
        func streamed() -> String { curl.stdout }
        let opened = ContinuousClock.now
        while !streamed().contains(": keysmith request journal") && ContinuousClock.now - opened < .seconds(10) {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(streamed().contains(": keysmith request journal"))

        let sent = ContinuousClock.now
        #expect(try await serve.call("/documents/d1", secret: serve.secrets[0], headers: ["X-Request-Id: sse-1"]).status == 200)
        while !streamed().contains("event: request") && ContinuousClock.now - sent < .seconds(5) {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(ContinuousClock.now - sent < .seconds(1), "the entry took \(ContinuousClock.now - sent)")
        let event = streamed()
        #expect(event.contains("id: 1\nevent: request\ndata: {\"seq\":1,\"generation\":0,\"id\":\"req_"), "\(event)")
        #expect(event.contains("\"clientRequestId\":\"sse-1\""), "\(event)")
        // A clear is told at once, with the new generation (and no id: it replays nothing).
        #expect(try await serve.admin("requests", method: "DELETE").status == 200)
        let cleared = ContinuousClock.now
        while !streamed().contains("event: cleared") && ContinuousClock.now - cleared < .seconds(5) {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(streamed().hasSuffix("\n\nevent: cleared\ndata: {\"generation\":1}\n\n"), "\(streamed())")

        let stopping = ContinuousClock.now
        #expect(try await serve.server.stop(signal: SIGTERM) == 0)
        #expect(ContinuousClock.now - stopping < .seconds(5))
        let ended = ContinuousClock.now
        while curl.process.isRunning && ContinuousClock.now - ended < .seconds(5) { try await Task.sleep(for: .milliseconds(20)) }
        #expect(!curl.process.isRunning, "the stream's client was not let go")
        for secret in serve.secrets { #expect(!event.contains(secret)) }
    }

    @Test("the admin API answers loopback only, or with --admin-token only the bearer of the token")
    func adminAccessRules() async throws {
        let token = "admin-token-for-tests-1234"
        let serve = try await ServeFixture(setup: Self.setup, arguments: ["--admin-token", token])
        let none = try await serve.admin("requests")
        #expect(none.status == 403 && none.body.contains(#""code":"admin_forbidden""#) && none.headers.contains("application/json"))
        // HTTP answers say what a client can do, never a flag of the command line (DESIGN §7).
        #expect(none.body.firstMatch(of: /--[a-z]/) == nil, "\(none.body)")
        #expect(try await serve.admin("requests", headers: ["Authorization: Bearer wrong-token"]).status == 403)
        #expect(try await serve.admin("requests", headers: ["Authorization: Bearer \(token)x"]).status == 403)
        #expect(try await serve.admin("requests", headers: ["Authorization: Bearer \(token)"]).status == 200)
        #expect(try await serve.admin("metrics", headers: ["Authorization: Bearer \(token)"]).status == 200)
        _ = try await serve.server.stop()
        #expect(!serve.server.stderr.contains(token))
    }

    @Test("a peer that is not loopback is refused (when this machine has a non-loopback IPv4 address)")
    func nonLoopbackPeerRefused() async throws {
        guard let address = NonLoopback.ipv4() else { return }
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(["--memory", "--host", "0.0.0.0", "--log", "off"], in: directory)
        try await server.waitUntilListening()
        let port = server.baseURL.split(separator: ":").last.map(String.init) ?? ""
        let remote = try await Curl.call("http://\(address):\(port)/_keysmith/requests", in: directory)
        #expect(remote.status == 403 && remote.body.contains("loopback"), "\(remote.status) \(remote.body)")
        let local = try await Curl.call("http://127.0.0.1:\(port)/_keysmith/requests", in: directory)
        #expect(local.status == 200)
        _ = try await server.stop()
    }
}

/// A non-loopback IPv4 address of this machine, if it has one.
enum NonLoopback {
    static func ipv4() -> String? {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0, let first = list else { return nil }
        defer { freeifaddrs(list) }
        var cursor: UnsafeMutablePointer<ifaddrs>? = first
        while let entry = cursor {
            defer { cursor = entry.pointee.ifa_next }
            guard let address = entry.pointee.ifa_addr, address.pointee.sa_family == sa_family_t(AF_INET) else { continue }
            var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            guard
                getnameinfo(
                    address, socklen_t(MemoryLayout<sockaddr_in>.size), &host, socklen_t(host.count), nil, 0,
                    NI_NUMERICHOST) == 0
            else { continue }
            let text = String(decoding: host.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if !text.hasPrefix("127.") { return text }
        }
        return nil
    }
}
