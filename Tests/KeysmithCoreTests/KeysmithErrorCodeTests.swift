import KeysmithCore
import Testing

/// A program outside keysmith tells errors apart by their code: every code has a distinct,
/// stable snake-case name, and an error's code follows its kind.
@Suite struct KeysmithErrorCodeTests {
    @Test("every code has its own snake-case name")
    func namesAreDistinctSnakeCase() {
        let names = KeysmithError.Code.all.map(\.name)
        #expect(Set(names).count == names.count)
        for name in names {
            #expect(name.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLowercase || $0.isNumber)) }, "\(name)")
            #expect(!name.hasPrefix("_") && !name.hasSuffix("_") && !name.contains("__"), "\(name)")
        }
    }

    @Test("an error's code follows its kind, and its message is unchanged by it")
    func codeFollowsKind() {
        let id = KeyID("key_a")
        #expect(KeysmithError.keyNotFound(id).code == .keyNotFound)
        #expect(KeysmithError.keyNotFound(id).code.name == "key_not_found")
        #expect(KeysmithError.noGrants.code == .noGrants)
        #expect(KeysmithError.badDuration("9x", "no unit x").code == .badDuration)
        #expect(KeysmithError.noAPIKeyEndpointWithGrants("GET /a").code.name == "no_api_key_endpoint_with_grants")
        #expect(KeysmithError.keyNotFound(id).description == "key key_a does not exist")
        #expect(KeysmithError.keyNotFound(id) != KeysmithError.keyNotFound(KeyID("key_b")))
    }
}
