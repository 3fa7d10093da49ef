import KeysmithCore
import KeysmithStore
import Testing

/// The server's answers (Docs: Verifying keys in your server) for the key life's reasons: a 429 carries `Retry-After` and `retryAfter`, a switched-off
/// account answers 403 `api_keys_disabled`, a retired (rolled) key 401 naming its replacement,
/// and every authenticated answer carries the key's expiry.
@Suite struct KeyLifeResponseTests {
    @Test func overTheLimitAnswers429WithRetryAfterInHeaderAndBody() async throws {
        let world = try await HTTPWorld()
        try await world.service.setRateLimit(
            RateLimit(count: 2, period: KeyDuration(seconds: 10), scope: .key),
            method: "GET", path: "/documents/{id}", actor: "me")
        let answers = try await world.test { client in
            var answers: [Answer] = []
            for _ in 0..<3 { answers.append(try await client.call(.get, "/documents/d1", secret: world.reader.secret)) }
            return answers
        }
        #expect(answers.map(\.status) == [200, 200, 429])
        let limited = answers[2]
        #expect(limited.header("Retry-After") == "10")
        #expect(limited.header("Keysmith-Deny-Reason") == "rate_limited")
        #expect(limited.header("Keysmith-Key-Id") == world.reader.info.id.rawValue)
        #expect(limited.header("Keysmith-Key-Expires") == world.reader.info.key.expiration.description)
        #expect(limited.body.contains(#""code":"rate_limited""#))
        #expect(limited.body.contains(#""retryAfter":10"#))
        #expect(answers[0].header("Retry-After") == nil)
    }

    @Test func aSwitchedOffAccountAnswers403AndKeysWorkAgainWhenItIsOn() async throws {
        let world = try await HTTPWorld()
        _ = try await world.service.addUser("root", role: .admin, actor: "me")
        try await world.service.setAPIKeys(enabled: false, actor: "root")
        let off = try await world.test { try await $0.call(.get, "/documents/d1", secret: world.reader.secret) }
        #expect(off.status == 403)
        #expect(off.header("Keysmith-Deny-Reason") == "api_keys_disabled")
        #expect(off.header("Keysmith-Key-Expires") == world.reader.info.key.expiration.description)
        // The order of the check (Docs: The check): an expired key says so first.
        let expired = try await world.test { try await $0.call(.get, "/documents/d1", secret: world.expired.secret) }
        #expect(expired.header("Keysmith-Deny-Reason") == "expired")
        try await world.service.setAPIKeys(enabled: true, actor: "root")
        let on = try await world.test { try await $0.call(.get, "/documents/d1", secret: world.reader.secret) }
        #expect(on.status == 200)
    }

    @Test func aKeyInItsGracePeriodSaysWhenItRetires() async throws {
        let world = try await HTTPWorld()
        _ = try await world.service.rollKey(world.reader.info.id, grace: KeyDuration(seconds: 3_600), actor: "me")
        let answer = try await world.test { try await $0.call(.get, "/documents/d1", secret: world.reader.secret) }
        #expect(answer.status == 200)
        #expect(answer.header("Keysmith-Key-Retires") == "2026-01-01T03:00:00Z")
    }

    @Test func aRetiredKeyAnswers401NamingItsReplacement() async throws {
        let world = try await HTTPWorld()
        let rolled = try await world.service.rollKey(world.reader.info.id, actor: "me")
        let (old, new) = try await world.test { client in
            (
                try await client.call(.get, "/documents/d1", secret: world.reader.secret),
                try await client.call(.get, "/documents/d1", secret: rolled.created.secret)
            )
        }
        #expect(old.status == 401)
        #expect(old.header("Keysmith-Deny-Reason") == "deleted")
        #expect(old.body.contains(rolled.created.info.id.rawValue))
        #expect(new.status == 200)
        #expect(new.header("Keysmith-Key-Id") == rolled.created.info.id.rawValue)
        #expect(new.header("Keysmith-Key-Expires") == world.reader.info.key.expiration.description)
    }
}
