import Foundation
import KeysmithTestSupport
import Testing

/// The IETF `RateLimit-Policy` and `RateLimit` fields on every answer of a limited endpoint,
/// read off the window the check counted in, across a window's end reached by moving the
/// store's clock from another process; `Keysmith-Accepted-Grants` on every authenticated
/// answer of an endpoint with grants.
@Suite(.serialized) struct ServeRateLimitHeaderTests {
    static func field(_ name: String, in headers: String) -> String? {
        headers.split(separator: "\r\n").first { $0.lowercased().hasPrefix(name.lowercased() + ":") }
            .map { String($0.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespaces) }
    }

    @Test(
        "RateLimit counts down through a window, 429 adds Retry-After, and a new window starts when another process moves the clock past its end"
    )
    func headersAcrossAWindowBoundary() async throws {
        let serve = try await ServeFixture(
            setup: """
                doc add d1 --owner me
                endpoint limit GET /documents/{id} 2/10s --per key
                key create reader --expires 30d --grants DocumentReadonly
                key create other --expires 30d --grants User
                """, arguments: ["--frozen-clock"])
        let reader = serve.secrets[0]
        var seen: [String?] = []
        for _ in 0..<3 {
            let answer = try await serve.call("/documents/d1", secret: reader)
            #expect(Self.field("RateLimit-Policy", in: answer.headers) == #""key";q=2;w=10"#)
            #expect(Self.field("Keysmith-Accepted-Grants", in: answer.headers)?.contains("DocumentReadonly") == true)
            seen.append(Self.field("RateLimit", in: answer.headers))
            if answer.status == 429 { #expect(Self.field("Retry-After", in: answer.headers) == "10") }
        }
        #expect(seen == [#""key";r=1;t=10"#, #""key";r=0;t=10"#, #""key";r=0;t=10"#])

        try await serve.script("clock advance 4s")
        let later = try await serve.call("/documents/d1", secret: reader)
        #expect(later.status == 429 && Self.field("RateLimit", in: later.headers) == #""key";r=0;t=6"#)
        #expect(Self.field("Retry-After", in: later.headers) == "6")

        try await serve.script("clock advance 6s")
        let fresh = try await serve.call("/documents/d1", secret: reader)
        #expect(fresh.status == 200 && Self.field("RateLimit", in: fresh.headers) == #""key";r=1;t=10"#)

        // A denial on the limited endpoint carries the fields too (and counts toward nothing).
        let denied = try await serve.call("/documents/d1", secret: serve.secrets[1])
        #expect(denied.status == 403 && Self.field("RateLimit", in: denied.headers) == #""key";r=2;t=10"#)
        #expect(Self.field("Keysmith-Accepted-Grants", in: denied.headers)?.contains("DocumentReadonly") == true)
        // An endpoint without a limit sends none; without a key, no accepted grants either.
        let unlimited = try await serve.call("/users/me/profile", secret: serve.secrets[1])
        #expect(unlimited.status == 200 && Self.field("RateLimit", in: unlimited.headers) == nil)
        #expect(Self.field("Keysmith-Accepted-Grants", in: unlimited.headers) == "User")
        let anonymous = try await serve.call("/documents/d1")
        #expect(Self.field("Keysmith-Accepted-Grants", in: anonymous.headers) == nil)
        #expect(Self.field("Keysmith-Request-Id", in: anonymous.headers) != nil)
        _ = try await serve.server.stop()
    }
}
