import Testing

@testable import KeysmithCore

@Suite struct ResourceTests {
    static let doc = Resource(kind: .document, id: "d1", owner: "alice", shares: ["viewer": .view, "editor": .edit])

    @Test(arguments: [
        ("alice", ShareRole.view, true), ("alice", .edit, true),
        ("viewer", .view, true), ("viewer", .edit, false),
        ("editor", .view, true), ("editor", .edit, true),
        ("stranger", .view, false), ("stranger", .edit, false),
    ])
    func ownersAndSharesDecideWhoMayViewOrEdit(_ user: String, _ need: ShareRole, _ allowed: Bool) {
        #expect(Self.doc.allows(user, to: need) == allowed)
    }

    @Test func editRoleIncludesView() {
        #expect(ShareRole.view < ShareRole.edit)
        #expect(!(ShareRole.edit < ShareRole.view))
        #expect(ShareRole.edit >= ShareRole.view)
    }

    @Test(arguments: ["d1", "doc-1.v2", String(repeating: "x", count: 64)])
    func goodResourceIDsAreAccepted(_ id: String) {
        #expect(Resource.problem(withID: id) == nil)
    }

    @Test(arguments: ["", String(repeating: "x", count: 65), "a/b", "a b", "tab\t"])
    func badResourceIDsAreRejected(_ id: String) {
        #expect(Resource.problem(withID: id) != nil)
    }

    @Test(arguments: [
        ("me", true), ("alice.b-c_9", true), ("", false), ("a b", false), ("a/b", false),
        (String(repeating: "u", count: 33), false), ("émile", true),
    ])
    func userNamesFollowTheRule(_ name: String, _ valid: Bool) {
        #expect((User.problem(withName: name) == nil) == valid)
    }
}
