import Testing

@testable import KeysmithCore

@Suite struct SecretDigestTests {
    @Test(arguments: [
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func digestIsSHA256OfTheText(_ text: String, _ hex: String) {
        #expect(SecretDigest(hashing: text).hex == hex)
    }

    @Test func digestOfBytesMatchesDigestOfText() {
        let bytes = Array("abc".utf8)
        let fromBytes = bytes.withUnsafeBytes { SecretDigest(hashing: $0) }
        #expect(fromBytes == SecretDigest(hashing: "abc"))
    }

    @Test func bytesRoundTripThroughStorage() throws {
        let digest = SecretDigest(hashing: "ksk_something")
        #expect(digest.bytes.count == 32)
        #expect(try #require(SecretDigest(bytes: digest.bytes)) == digest)
    }

    @Test(arguments: [0, 31, 33])
    func storedBytesOfTheWrongLengthAreRejected(_ count: Int) {
        #expect(SecretDigest(bytes: [UInt8](repeating: 1, count: count)) == nil)
    }

    @Test func equalityComparesEveryWord() {
        let base = SecretDigest(w0: 1, w1: 2, w2: 3, w3: 4)
        #expect(base == SecretDigest(w0: 1, w1: 2, w2: 3, w3: 4))
        #expect(base != SecretDigest(w0: 0, w1: 2, w2: 3, w3: 4))
        #expect(base != SecretDigest(w0: 1, w1: 0, w2: 3, w3: 4))
        #expect(base != SecretDigest(w0: 1, w1: 2, w2: 0, w3: 4))
        #expect(base != SecretDigest(w0: 1, w1: 2, w2: 3, w3: 0))
        #expect(base != SecretDigest(w0: 1, w1: 2, w2: 3, w3: 4 | 1 << 63))
    }

    @Test func equalityIsNotFooledByDifferencesThatCancelOut() {
        // A constant-time compare that XORed the word differences together would call these equal.
        let zero = SecretDigest(w0: 0, w1: 0, w2: 0, w3: 0)
        #expect(zero != SecretDigest(w0: 1, w1: 1, w2: 0, w3: 0))
        #expect(zero != SecretDigest(w0: .max, w1: .max, w2: .max, w3: .max))
    }

    @Test func digestsWorkAsDictionaryKeys() {
        var index: [SecretDigest: Int] = [:]
        for i in 0..<500 { index[SecretDigest(hashing: "secret-\(i)")] = i }
        #expect(index.count == 500)
        for i in 0..<500 { #expect(index[SecretDigest(hashing: "secret-\(i)")] == i) }
        // Same first word, different rest: distinct keys.
        index = [SecretDigest(w0: 7, w1: 1, w2: 0, w3: 0): 1, SecretDigest(w0: 7, w1: 2, w2: 0, w3: 0): 2]
        #expect(index.count == 2)
    }

    @Test func descriptionShowsOnlyAShortHexPrefix() {
        let digest = SecretDigest(hashing: "abc")
        #expect(digest.description == "sha256:ba7816bf8f01…")
    }
}
