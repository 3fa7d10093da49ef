/// A key's public, non-secret identifier (`key_` + 8 lower-case base36 characters), shown in
/// listings and used by commands. Knowing an id grants nothing.
public struct KeyID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The id text, `key_` and eight base36 characters for a generated id.
    public let rawValue: String

    /// Wraps `rawValue` as is; its form is not checked.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    static let alphabet: [UInt8] = Array("0123456789abcdefghijklmnopqrstuvwxyz".utf8)

    /// A fresh id drawn from `random`.
    public init(generatingWith random: some RandomSource) {
        rawValue = "key_" + random.characters(8, from: KeyID.alphabet)
    }

    /// Orders by the id text, compared as strings.
    public static func < (a: KeyID, b: KeyID) -> Bool { a.rawValue < b.rawValue }
    /// The id text (`key_…`).
    public var description: String { rawValue }
}
