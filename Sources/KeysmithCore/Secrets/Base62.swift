/// The base62 alphabet of secrets (`0-9A-Za-z`) and the fixed-width checksum encoding.
enum Base62 {
    static let alphabet: [UInt8] = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
    }

    /// `value` as exactly 6 base62 digits, left-padded with `0` (62⁶ > 2³²).
    static func checksumDigits(_ value: UInt32) -> [UInt8] {
        var v = UInt64(value)
        var out = [UInt8](repeating: 48, count: 6)
        for i in stride(from: 5, through: 0, by: -1) {
            out[i] = alphabet[Int(v % 62)]
            v /= 62
        }
        return out
    }
}

/// CRC-32 (IEEE 802.3, the zlib polynomial), as GitHub uses for token checksums.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
        var crc: UInt32 = 0xFFFF_FFFF
        for b in bytes { crc = table[Int((crc ^ UInt32(b)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
