import Testing

@testable import KeysmithCore

@Suite struct RandomSourceTests {
    @Test func sameSeedGivesTheSameBytes() {
        #expect(SeededRandomSource(seed: 42).bytes(64) == SeededRandomSource(seed: 42).bytes(64))
    }

    @Test func differentSeedsGiveDifferentBytes() {
        #expect(SeededRandomSource(seed: 1).bytes(32) != SeededRandomSource(seed: 2).bytes(32))
    }

    @Test func aSeededSourceMovesOnBetweenDraws() {
        let random = SeededRandomSource(seed: 9)
        #expect(random.bytes(16) != random.bytes(16))
    }

    @Test(arguments: [0, 1, 7, 8, 9, 33, 1000])
    func sourcesReturnExactlyTheBytesAskedFor(_ count: Int) {
        #expect(SystemRandomSource().bytes(count).count == count)
        #expect(SeededRandomSource(seed: 3).bytes(count).count == count)
    }

    @Test func systemSourceDoesNotRepeatItself() {
        let draws = Set((0..<1000).map { _ in SystemRandomSource().bytes(16) })
        #expect(draws.count == 1000)
    }

    /// Draws that cross the pool's refills (4 KiB) and ones larger than the pool are whole and
    /// fresh: no draw repeats another, and none comes back zeroed (handed-out bytes are wiped).
    @Test func systemSourceDrawsAcrossThePoolsRefillsAreFresh() {
        let sizes = [1, 60, 4095, 4096, 4097, 10_000, 37]
        var seen = Set<[UInt8]>()
        for _ in 0..<20 {
            for size in sizes {
                let draw = SystemRandomSource().bytes(size)
                #expect(draw.count == size)
                if size >= 32 { #expect(draw.contains { $0 != 0 }) }
                if size >= 16 { #expect(seen.insert(Array(draw.prefix(16))).inserted) }
            }
        }
    }

    @Test func charactersComeOnlyFromTheAlphabetAndCoverIt() {
        let alphabet = Array("abc".utf8)
        let text = SeededRandomSource(seed: 11).characters(3000, from: alphabet)
        #expect(text.count == 3000)
        #expect(Set(text.utf8) == Set(alphabet))
        // Rejection sampling keeps the draw uniform: each letter near 1000.
        for letter in alphabet {
            let n = text.utf8.filter { $0 == letter }.count
            #expect((850...1150).contains(n), "\(letter): \(n)")
        }
    }

    @Test func keyIDsAreKeyPrefixAndEightLowerCaseBase36Characters() {
        let random = SeededRandomSource(seed: 5)
        for _ in 0..<100 {
            let id = KeyID(generatingWith: random).rawValue
            #expect(id.hasPrefix("key_"))
            #expect(id.count == 12)
            #expect(id.dropFirst(4).allSatisfy { ($0.isASCII && $0.isNumber) || ("a"..."z").contains($0) })
        }
    }
}
