import Testing

@testable import KeysmithCore

@Suite struct ChecksumTests {
    @Test(arguments: [
        ("123456789", UInt32(0xCBF4_3926)),
        ("", UInt32(0)),
        ("The quick brown fox jumps over the lazy dog", UInt32(0x414F_A339)),
    ])
    func crc32MatchesTheIEEEKnownVectors(_ text: String, _ expected: UInt32) {
        #expect(CRC32.checksum(Array(text.utf8)) == expected)
    }

    @Test(arguments: [UInt32(0), 1, 61, 62, 0xCBF4_3926, UInt32.max])
    func checksumDigitsAreSixBase62DigitsThatDecodeBack(_ value: UInt32) {
        let digits = Base62.checksumDigits(value)
        #expect(digits.count == 6)
        let decoded = digits.reduce(UInt64(0)) { $0 * 62 + UInt64(Base62.alphabet.firstIndex(of: $1)!) }
        #expect(decoded == UInt64(value))
    }

    @Test func zeroChecksumIsPaddedWithZeros() {
        #expect(String(decoding: Base62.checksumDigits(0), as: UTF8.self) == "000000")
    }

    @Test func base62AlphabetIsDigitsUpperThenLower() {
        #expect(
            String(decoding: Base62.alphabet, as: UTF8.self)
                == "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        for byte in UInt8.min...UInt8.max {
            #expect(Base62.isDigit(byte) == Base62.alphabet.contains(byte))
        }
    }
}
