import KeysmithCore
import KeysmithScript
import KeysmithStore
import Testing

/// DESIGN §7, messages belong to their layer: an HTTP answer says what a client can do, and
/// never names a command of keysmith's REPL or a flag of its command line. Every deny reason
/// of the check and every request-shape refusal of the middleware is produced here, and each
/// body is scanned for a backtick, a `--flag` and every `group command` of the registry.
@Suite struct DenyBodyLayerTests {
    /// `account api-keys`, `key create`, `endpoint list`, …: what a person types at the REPL.
    static let commandPhrases: [String] = {
        let registry = CommandRegistry.standard
        return registry.names.flatMap { name in registry.subcommands(of: name).map { "\(name) \($0)" } }
    }()

    @Test func noDenyBodyNamesACommandOrAFlag() async throws {
        let world = try await HTTPWorld()
        _ = try await world.service.addUser("root", role: .admin, actor: "me")
        try await world.service.setRateLimit(
            RateLimit(count: 1, period: KeyDuration(seconds: 10), scope: .key),
            method: "GET", path: "/documents/{id}", actor: "me")
        let garbage = "ksk_" + String(repeating: "A", count: 36)
        let answers = try await world.test { client in
            var answers: [Answer] = []
            for (path, secret) in [
                ("/documents/d1", garbage), ("/documents/d1", world.deleted.secret),
                ("/documents/d1", world.expired.secret), ("/nothing/here", world.reader.secret),
                ("/folders/f1", world.reader.secret), ("/documents/d2", world.reader.secret),
                ("/documents/d1", world.reader.secret), ("/documents/d1", world.reader.secret),
            ] {
                answers.append(try await client.call(.get, path, secret: secret))
            }
            answers.append(try await client.call(.post, "/users", secret: world.reader.secret))
            answers.append(try await client.call(.get, "/documents/d1"))
            answers.append(try await client.call(.get, "/documents/d1", secret: world.reader.secret, version: nil))
            answers.append(try await client.call(.get, "/documents/d1", secret: world.reader.secret, version: "7"))
            answers.append(
                try await client.call(
                    .get, "/documents/d1", secret: world.reader.secret,
                    headers: [("Lucid-Request-As", "root")]))
            answers.append(try await client.call(.get, "/documents/%zz", secret: world.reader.secret))
            answers.append(try await client.call(.get, "/" + String(repeating: "a", count: 3_000), secret: world.reader.secret))
            try await world.service.setAPIKeys(enabled: false, actor: "root")
            answers.append(try await client.call(.get, "/users/me/profile", secret: world.profile.secret))
            return answers
        }
        let reasons = Set(answers.compactMap { $0.header("Keysmith-Deny-Reason") })
        #expect(
            reasons == [
                "unknown_key", "deleted", "expired", "unknown_endpoint", "missing_grant", "no_access",
                "rate_limited", "not_api_key_endpoint", "missing_key", "missing_api_version",
                "unsupported_api_version", "bad_request_as", "bad_path", "path_too_long", "api_keys_disabled",
            ])
        #expect(!Self.commandPhrases.isEmpty)
        for answer in answers {
            #expect(!answer.body.contains("`"), "\(answer.body)")
            #expect(answer.body.firstMatch(of: /--[a-z]/) == nil, "\(answer.body)")
            for phrase in Self.commandPhrases { #expect(!answer.body.contains(phrase), "\(phrase): \(answer.body)") }
        }
    }
}
