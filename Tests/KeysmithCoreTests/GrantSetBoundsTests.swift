import KeysmithCore
import Testing

/// A grant set answers for every index: those outside `0..<capacity` are never in it, so a
/// stray index cannot alias a grant of another word.
@Suite struct GrantSetBoundsTests {
    @Test("indices outside the capacity are not members, even when the grant they would alias is")
    func outOfRangeIsNotAMember() {
        var set = GrantSet()
        set.insert(255)
        set.insert(0)
        #expect(set.contains(255) && set.contains(0))
        for index in [-1, -64, 256, 319, Int.max, Int.min] { #expect(!set.contains(index), "\(index)") }
    }
}
