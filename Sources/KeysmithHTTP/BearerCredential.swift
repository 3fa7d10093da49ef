/// The secret a request presents in `Authorization: Bearer <secret>` (RFC 6750), or why it
/// presents none. The scheme is matched without regard to case; exactly one `Authorization`
/// header is accepted. Reasons never quote the header's value: it may be a secret.
enum BearerCredential {
    /// Longest `Authorization` value looked at; longer ones are refused unread.
    static let maximumLength = 1024

    /// The token of the one Bearer `Authorization` value among `values`, or the reason there is none.
    static func token(in values: [String]) -> Result<String, KeysmithDenial> {
        guard let value = values.first else {
            return .failure(.missingKey("send the header Authorization: Bearer <secret>"))
        }
        guard values.count == 1 else {
            return .failure(.missingKey("send one Authorization header; this request has \(values.count)"))
        }
        let bytes = value.utf8
        guard bytes.count <= maximumLength else {
            return .failure(.missingKey("the Authorization header has \(bytes.count) bytes; at most \(maximumLength) are accepted"))
        }
        guard bytes.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }) else {
            return .failure(.missingKey("the Authorization header is empty: Authorization: Bearer <secret>"))
        }
        // The scheme runs to the first space or tab (or the end): `Bearer` alone, or followed
        // by blanks only, is an empty credential, and a tab is named, not taken for another scheme.
        let schemeEnd = bytes.firstIndex(where: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) ?? bytes.endIndex
        guard bytes[bytes.startIndex..<schemeEnd].elementsEqual("bearer".utf8, by: { $0 | 0x20 == $1 }) else {
            return .failure(.missingKey("the Authorization scheme must be Bearer: Authorization: Bearer <secret>"))
        }
        guard schemeEnd < bytes.endIndex,
            bytes[schemeEnd...].contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") })
        else {
            return .failure(.missingKey("the Bearer credential is empty: Authorization: Bearer <secret>"))
        }
        guard bytes[schemeEnd] == UInt8(ascii: " ") else {
            return .failure(.missingKey("separate Bearer from the secret with a space, not a tab: Authorization: Bearer <secret>"))
        }
        var start = bytes.index(after: schemeEnd)
        while start < bytes.endIndex, bytes[start] == UInt8(ascii: " ") { start = bytes.index(after: start) }
        var end = bytes.endIndex
        while end > start, bytes[bytes.index(before: end)] == UInt8(ascii: " ") { end = bytes.index(before: end) }
        guard start < end else {
            return .failure(.missingKey("the Bearer credential is empty: Authorization: Bearer <secret>"))
        }
        return .success(String(decoding: bytes[start..<end], as: UTF8.self))
    }
}
