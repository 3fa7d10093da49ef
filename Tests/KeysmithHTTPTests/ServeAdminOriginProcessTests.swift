import Foundation
import KeysmithTestSupport
import Testing

/// The admin API against DNS rebinding and cross-site requests, over a real socket with
/// `curl`: under the loopback rule (no admin token) a request whose `Host` is not a loopback
/// name or address, or whose `Origin` is not the server's own, is refused 403
/// `admin_forbidden` on every admin route (the page and the stream included); with an admin
/// token the bearer token decides alone.
@Suite(.serialized) struct ServeAdminOriginProcessTests {
    static let setup = "doc add d1 --owner me\nkey create k --expires 1d --grants DocumentReadonly\n"

    @Test("without an admin token, a Host that is not loopback is refused 403 admin_forbidden naming it, on every admin route")
    func foreignHostRefused() async throws {
        let serve = try await ServeFixture(setup: Self.setup)
        for route in ["", "keys", "requests", "requests/stream", "catalog", "metrics", "openapi.json", "limits"] {
            for host in ["evil.example", "rebind.evil.example:8080", "127.0.0.1.evil.example", "localhost.evil.example", "10.0.0.1"] {
                let answer = try await serve.admin(route, headers: ["Host: \(host)"])
                #expect(answer.status == 403 && answer.body.contains(#""code":"admin_forbidden""#), "\(route) \(host): \(answer.body)")
                #expect(answer.headers.contains("application/json") && answer.body.contains(host), "\(route) \(host): \(answer.body)")
            }
        }
        // A second Host is ambiguous: refused too (sent raw: curl sends one Host only).
        let port = try #require(UInt16(serve.server.baseURL.split(separator: ":").last ?? ""))
        let twice = try HalfOpenClient(
            port: port, sending: "GET /_keysmith/keys HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")
        defer { twice.close() }
        let answer = twice.readToEnd()
        #expect(answer.hasPrefix("HTTP/1.1 403") && answer.contains("2 Host headers"), "\(answer)")
        // No Host at all (HTTP/1.0 allows it) is no loopback host either.
        let hostless = try HalfOpenClient(port: port, sending: "GET /_keysmith/keys HTTP/1.0\r\n\r\n")
        defer { hostless.close() }
        let hostlessAnswer = hostless.readToEnd()
        #expect(hostlessAnswer.contains(" 403 ") && hostlessAnswer.contains("without Host"), "\(hostlessAnswer)")
        // An absolute-form target names the host in place of Host (RFC 9112 §3.2.2).
        let absolute = try HalfOpenClient(
            port: port, sending: "GET http://evil.example/_keysmith/keys HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        defer { absolute.close() }
        let absoluteAnswer = absolute.readToEnd()
        #expect(absoluteAnswer.hasPrefix("HTTP/1.1 403") && absoluteAnswer.contains("evil.example"), "\(absoluteAnswer)")
        // Loopback names and addresses, with or without a port, are let in.
        for host in ["127.0.0.1", "127.0.0.1:8080", "127.3.2.1:1", "localhost", "LOCALHOST:8080", "app.localhost:9", "[::1]", "[::1]:8080"]
        {
            let answer = try await serve.admin("keys", headers: ["Host: \(host)"])
            #expect(answer.status == 200, "\(host): \(answer.status) \(answer.body)")
        }
        // The key check is not the admin API: any Host may call it.
        #expect(try await serve.call("/documents/d1", secret: serve.secrets[0], headers: ["Host: evil.example"]).status == 200)
        _ = try await serve.server.stop()
    }

    @Test("without an admin token, an Origin other than the server's own is refused, whatever the method; no Origin (curl) is fine")
    func foreignOriginRefused() async throws {
        let serve = try await ServeFixture(setup: Self.setup)
        let port = serve.server.baseURL.split(separator: ":").last.map(String.init) ?? ""
        for (method, route) in [("GET", "keys"), ("GET", "requests/stream"), ("DELETE", "requests"), ("HEAD", "keys"), ("OPTIONS", "keys")]
        {
            for origin in ["http://evil.example", "http://127.0.0.1:\(Int(port)! + 1)", "null", "http://localhost:\(port)"] {
                let answer = try await serve.admin(route, method: method, headers: ["Origin: \(origin)"])
                #expect(answer.status == 403, "\(method) \(route) \(origin): \(answer.status) \(answer.body)")
            }
            let own = try await serve.admin(route, method: method, headers: ["Origin: http://127.0.0.1:\(port)"])
            #expect([200, 204].contains(own.status), "\(method) \(route): \(own.status) \(own.body)")
        }
        let refused = try await serve.admin("keys", headers: ["Origin: http://evil.example"])
        #expect(refused.body.contains(#""code":"admin_forbidden""#) && refused.body.contains("http://evil.example"), "\(refused.body)")
        _ = try await serve.server.stop()
    }

    @Test("the review's reset: a cross-site form POST (rebinding Host, or a foreign Origin) gets 403 and no secret")
    func crossSiteResetRefused() async throws {
        let directory = try TemporaryDirectory()
        try directory.write("setup.ks", Self.setup)
        let server = try ServerProcess(["--memory", "--seed", "42", "--setup", directory.file("setup.ks")], in: directory)
        try await server.waitUntilListening()
        let port = server.baseURL.split(separator: ":").last.map(String.init) ?? ""
        let form = ["Content-Type: text/plain"]
        for headers in [
            ["Host: rebind.evil.example:\(port)", "Origin: http://rebind.evil.example:\(port)"],
            ["Origin: http://evil.example"],
        ] {
            let reset = try await Curl.call(server.baseURL + "/_keysmith/reset", method: "POST", headers: headers + form, in: directory)
            #expect(reset.status == 403 && !reset.body.contains("ksk_"), "\(headers): \(reset.status) \(reset.body)")
        }
        // The page's own origin may reset.
        let own = try await Curl.call(
            server.baseURL + "/_keysmith/reset", method: "POST", headers: ["Origin: http://127.0.0.1:\(port)"] + form, in: directory)
        #expect(own.status == 200 && own.body.contains("ksk_"), "\(own.status) \(own.body)")
        #expect(try await server.stop() == 0)
    }

    @Test("with an admin token the bearer decides: any Host or Origin is let in with it, none without it")
    func tokenIgnoresHostAndOrigin() async throws {
        let token = "admin-token-for-origin-tests"
        let serve = try await ServeFixture(setup: Self.setup, arguments: ["--admin-token", token])
        let foreign = ["Host: keysmith.internal.example:8443", "Origin: https://dashboard.example"]
        #expect(try await serve.admin("keys", headers: foreign + ["Authorization: Bearer \(token)"]).status == 200)
        #expect(try await serve.admin("keys", headers: foreign).status == 403)
        _ = try await serve.server.stop()
    }
}
