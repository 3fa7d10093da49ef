/// A set of grants as bits over the catalog's grant indices: fixed-size (256 grants), no heap,
/// so intersecting a key's grants with an endpoint's costs four ANDs.
public struct GrantSet: Hashable, Sendable {
    /// The most grants a set (and so a catalog) can hold: indices 0 to 255.
    public static let capacity = 256
    var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    /// An empty set.
    public init() {}

    package mutating func insert(_ index: Int) {
        precondition(index >= 0 && index < GrantSet.capacity)
        let bit = UInt64(1) << UInt64(index & 63)
        switch index >> 6 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        default: words.3 |= bit
        }
    }

    /// Whether the grant at `index` is in the set; false for an index outside `0..<capacity`.
    public func contains(_ index: Int) -> Bool {
        guard index >= 0 && index < Self.capacity else { return false }
        let bit = UInt64(1) << UInt64(index & 63)
        switch index >> 6 {
        case 0: return words.0 & bit != 0
        case 1: return words.1 & bit != 0
        case 2: return words.2 & bit != 0
        default: return words.3 & bit != 0
        }
    }

    package func intersection(_ other: GrantSet) -> GrantSet {
        var out = GrantSet()
        out.words = (words.0 & other.words.0, words.1 & other.words.1, words.2 & other.words.2, words.3 & other.words.3)
        return out
    }

    package func subtracting(_ other: GrantSet) -> GrantSet {
        var out = GrantSet()
        out.words = (words.0 & ~other.words.0, words.1 & ~other.words.1, words.2 & ~other.words.2, words.3 & ~other.words.3)
        return out
    }

    package var isEmpty: Bool { (words.0 | words.1 | words.2 | words.3) == 0 }

    /// The grant indices in the set, ascending; visits only the set bits.
    package var indices: [Int] {
        var result: [Int] = []
        for (offset, word) in [words.0, words.1, words.2, words.3].enumerated() {
            var rest = word
            while rest != 0 {
                result.append(offset * 64 + rest.trailingZeroBitCount)
                rest &= rest - 1
            }
        }
        return result
    }

    /// Equal when the same bits are set.
    public static func == (a: GrantSet, b: GrantSet) -> Bool {
        a.words.0 == b.words.0 && a.words.1 == b.words.1 && a.words.2 == b.words.2 && a.words.3 == b.words.3
    }

    /// Hashes all four words of bits.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }
}
