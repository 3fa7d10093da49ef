import Testing

@testable import KeysmithCore

@Suite struct APIKeyTests {
    static let now = Instant(parsing: "2026-01-01T00:00:00Z")!

    static func key(expiration: Expiration, deletedAt: Instant? = nil) -> APIKey {
        APIKey(
            id: KeyID("key_abcdefgh"), owner: "me", name: "k", expiration: expiration, grants: GrantSet(),
            digest: SecretDigest(hashing: "z"), createdAt: now, deletedAt: deletedAt)
    }

    @Test(arguments: [
        "a", String(repeating: "x", count: 100), "🔑 clé façade 日本語", "  spaced  ", "dup",
        String(repeating: "🔑", count: 100), String(repeating: "e\u{301}", count: 100),
    ])
    func namesOfOneToHundredPrintableCharactersAreAccepted(_ name: String) {
        #expect(APIKey.problem(withName: name) == nil)
    }

    @Test(arguments: [
        ("", "a key name cannot be empty"),
        (String(repeating: "x", count: 101), "a key name has at most 100 characters; this one has 101"),
        (String(repeating: "🔑", count: 101), "a key name has at most 100 characters; this one has 101"),
        // Printable text only now: a tab or a newline could forge a listing row.
        ("tab\tand\nnewline", "a key name must be printable text: U+0009 (TAB) at character 4"),
    ])
    func emptyOverlongOrUnprintableNamesAreRejected(_ name: String, _ problem: String) {
        #expect(APIKey.problem(withName: name) == problem)
    }

    @Test func statusIsActiveUntilExpiryThenExpired() {
        let key = Self.key(expiration: .at(Self.now))
        #expect(key.status(at: Instant(secondsSinceEpoch: Self.now.secondsSinceEpoch - 1)) == .active)
        #expect(key.status(at: Self.now) == .expired)
        #expect(Self.key(expiration: .never).status(at: Instant(parsing: "9999-01-01")!) == .active)
    }

    @Test func deletedStatusWinsOverExpired() {
        let key = Self.key(expiration: .at(Self.now), deletedAt: Self.now)
        #expect(key.status(at: Instant(parsing: "2030-01-01")!) == .deleted)
        #expect(Self.key(expiration: .never, deletedAt: Self.now).status(at: Self.now) == .deleted)
    }

    @Test(arguments: [
        ("never", ExpirationRequest.never),
        ("30d", .after(KeyDuration(seconds: 2_592_000))),
        ("1d12h", .after(KeyDuration(seconds: 129_600))),
        ("2026-01-31", .at(Instant(parsing: "2026-01-31T00:00:00Z")!)),
        ("2026-01-31T12:00:00+02:00", .at(Instant(parsing: "2026-01-31T10:00:00Z")!)),
    ])
    func expirationRequestsParse(_ text: String, _ expected: ExpirationRequest) {
        #expect(ExpirationRequest(parsing: text) == expected)
    }

    @Test(arguments: ["", "Never", "forever", "0d", "2026-02-30", "tomorrow"])
    func nonExpirationsAreRejected(_ text: String) {
        #expect(ExpirationRequest(parsing: text) == nil)
    }

    @Test func durationExpirationCountsFromNow() throws {
        #expect(
            try ExpirationRequest.after(KeyDuration(seconds: 90)).resolved(now: Self.now)
                == .at(Instant(secondsSinceEpoch: Self.now.secondsSinceEpoch + 90)))
        #expect(try ExpirationRequest.never.resolved(now: Self.now) == .never)
        #expect(try ExpirationRequest.at(Self.now).resolved(now: Instant(secondsSinceEpoch: 0)) == .at(Self.now))
    }

    @Test func aDurationExpirationPastTheLatestInstantIsAnError() {
        #expect(throws: KeysmithError.self) {
            try ExpirationRequest.after(KeyDuration.longest).resolved(now: Instant(parsing: "9000-01-01")!)
        }
    }

    @Test func expirationPrintsAsAnInstantOrNever() {
        #expect(Expiration.at(Self.now).description == "2026-01-01T00:00:00Z")
        #expect(Expiration.never.description == "never")
        #expect(Expiration.never.instant == nil)
    }
}
