import Testing

@testable import KeysmithCore

/// A grant set is 256 bits over the catalog's grant indices.
@Suite struct GrantSetTests {
    @Test func indicesListEverySetBitInAscendingOrderAcrossAllFourWords() {
        var set = GrantSet()
        for index in [255, 0, 130, 64, 63, 1] { set.insert(index) }
        #expect(set.indices == [0, 1, 63, 64, 130, 255])
        #expect(GrantSet().indices.isEmpty)
    }

    @Test func intersectionAndSubtractionWorkBitByBit() {
        var a = GrantSet(), b = GrantSet()
        for i in [3, 70, 200] { a.insert(i) }
        for i in [70, 200, 201] { b.insert(i) }
        #expect(a.intersection(b).indices == [70, 200])
        #expect(a.subtracting(b).indices == [3])
        #expect(!a.isEmpty && GrantSet().isEmpty)
    }

    @Test func namesFollowCatalogOrderWhateverTheInsertionOrder() throws {
        let catalog = Catalog.lucid
        let set = try catalog.grantSet(["RepositoryEdit", "User", "DocumentAdmin"])
        #expect(catalog.names(of: set) == ["User", "DocumentAdmin", "RepositoryEdit"])
    }
}
