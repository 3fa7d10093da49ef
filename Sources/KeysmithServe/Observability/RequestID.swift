import KeysmithCore

/// Request ids: `Keysmith-Request-Id` is the server's own, fresh for every request (`req_` and
/// 20 random base-32 characters), so no two journal entries share one; a client's own
/// `X-Request-Id` is kept beside it (and sent back) when it is well formed: one value of 1 to
/// 128 of `A-Z a-z 0-9 - _ . :`, not shaped like a secret, which a log must never show, and
/// not starting `req_` as the server's own ids do (a client's id must not pass as server-made).
package enum RequestID {
    /// The server's own ids start with this; a client's id that does is not kept.
    static let prefix = "req_"

    /// The client's `X-Request-Id` values, when they are one well-formed id; else nil.
    package static func client(_ incoming: [String]) -> String? {
        if incoming.count == 1, let id = incoming.first, isWellFormed(id) { return id }
        return nil
    }

    package static func isWellFormed(_ id: String) -> Bool {
        guard (1...128).contains(id.utf8.count), !id.hasPrefix(prefix) else { return false }
        guard
            id.utf8.allSatisfy({ byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == 0x2D || byte == 0x5F || byte == 0x2E || byte == 0x3A
            })
        else { return false }
        return PrintableText.shown(id) == id
    }

    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)

    package static func fresh() -> String {
        var generator = SystemRandomNumberGenerator()
        var bits = generator.next() as UInt64
        var more = generator.next() as UInt64
        var out = [UInt8](prefix.utf8)
        for i in 0..<20 {
            if i == 12 {
                bits = more
                more = 0
            }
            out.append(alphabet[Int(bits & 31)])
            bits >>= 5
        }
        return String(decoding: out, as: UTF8.self)
    }
}
