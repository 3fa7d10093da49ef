import Foundation
import Testing

@testable import KeysmithCore

/// Model values round-trip through JSON in the forms people read, and bad JSON is refused
/// with the language's own reasons instead of a trap.
@Suite struct ModelCodingTests {
    struct Sample: Codable, Equatable {
        let at: Instant
        let after: KeyDuration
        let expires: Expiration
        let never: Expiration
        let key: KeyID
        let decision: Decision
        let allow: Decision
        let user: User
        let resource: Resource
        let limit: RateLimit
    }

    @Test func valuesRoundTripInReadableForms() throws {
        let sample = Sample(
            at: Instant(parsing: "2026-01-31")!, after: KeyDuration(seconds: 129_600),
            expires: .at(Instant(parsing: "2027-01-01")!), never: .never, key: KeyID("key_abcd1234"),
            decision: .deny(.missingGrant), allow: .allow, user: User(name: "ann", role: .admin),
            resource: Resource(kind: .document, id: "d1", owner: "ann", shares: ["bob": .view]),
            limit: RateLimit(count: 300, period: KeyDuration(seconds: 5), scope: .account))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(sample), as: UTF8.self)
        #expect(json.contains(#""at":"2026-01-31T00:00:00Z""#))
        #expect(json.contains(#""after":"1d12h""#))
        #expect(json.contains(#""never":"never""#))
        #expect(json.contains(#""decision":"deny:missing_grant""#))
        #expect(try JSONDecoder().decode(Sample.self, from: Data(json.utf8)) == sample)
    }

    @Test(arguments: [
        #"{"at":"2026-02-30"}"#, #"{"after":"0s"}"#, #"{"decision":"deny:bogus"}"#,
        #"{"user":{"name":"","role":"member"}}"#, #"{"limit":{"count":0,"period":"5s"}}"#,
    ])
    func badValuesAreRefusedWithAReason(_ json: String) throws {
        struct One: Decodable {
            var at: Instant?
            var after: KeyDuration?
            var decision: Decision?
            var user: User?
            var limit: RateLimit?
        }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(One.self, from: Data(json.utf8)) }
    }
}
