import KeysmithTestSupport
import Testing

@testable import KeysmithCore
@testable import KeysmithStore

/// Seeds make ids and secrets reproducible (for scripts and goldens); the system source never repeats.
@Suite struct RandomnessTests {
    static func keys(seed: UInt64) async throws -> [(id: KeyID, secret: String)] {
        let world = try await TestWorld.withCast(seed: seed)
        var out: [(id: KeyID, secret: String)] = []
        for i in 0..<5 {
            let key = try await world.createKey("k\(i)", grants: ["User"])
            out.append((key.info.id, key.secret))
        }
        return out
    }

    @Test func sameSeedGivesTheSameIDsAndSecretsInAFreshService() async throws {
        let first = try await Self.keys(seed: 42)
        let second = try await Self.keys(seed: 42)
        #expect(first.map(\.id) == second.map(\.id))
        #expect(first.map(\.secret) == second.map(\.secret))
    }

    @Test func differentSeedsGiveDifferentIDsAndSecrets() async throws {
        let first = try await Self.keys(seed: 42)
        let second = try await Self.keys(seed: 43)
        #expect(Set(first.map(\.id)).isDisjoint(with: second.map(\.id)))
        #expect(Set(first.map(\.secret)).isDisjoint(with: second.map(\.secret)))
    }

    @Test func seededKeysAreStillDistinctWithinOneService() async throws {
        let keys = try await Self.keys(seed: 42)
        #expect(Set(keys.map(\.id)).count == keys.count)
        #expect(Set(keys.map(\.secret)).count == keys.count)
    }

    @Test func systemRandomnessNeverRepeatsASecretAcrossServices() async throws {
        var secrets = Set<String>()
        for _ in 0..<2 {
            let world = TestWorld(random: SystemRandomSource())
            for i in 0..<500 {
                let key = try await world.createKey("k\(i)", grants: ["User"], as: "me")
                #expect(Secret(parsing: key.secret) != nil)
                secrets.insert(key.secret)
            }
        }
        #expect(secrets.count == 1000)
    }

    @Test func defaultServiceUsesSystemRandomness() {
        #expect(KeyService(store: MemoryStore()).random is SystemRandomSource)
        #expect(KeyService(store: MemoryStore()).clock.flowsWithRealTime)
    }
}
