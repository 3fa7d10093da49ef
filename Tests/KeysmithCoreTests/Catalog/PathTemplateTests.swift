import Testing

@testable import KeysmithCore

@Suite struct PathTemplateTests {
    @Test(arguments: [
        "/documents", "/documents/{id}", "/documents/{id}/threads/{threadId}/comments", "/a_b/{x_1}/c-d.e",
    ])
    func templatePrintsAsWritten(_ text: String) throws {
        #expect(try PathTemplate(parsing: text).description == text)
    }

    @Test func parametersAreNamedInOrder() throws {
        let template = try PathTemplate(parsing: "/documents/{id}/threads/{threadId}/comments")
        #expect(template.parameterNames == ["id", "threadId"])
        #expect(
            template.segments == [
                .literal("documents"), .parameter("id"), .literal("threads"),
                .parameter("threadId"), .literal("comments"),
            ])
    }

    @Test(arguments: [
        "documents", "", "/", "/a//b", "/a/", "/a/{b}{c}", "/a/{b c}", "/a/{id}/b/{id}", "/a/b?x=1",
        "/a/{}", "/a/{b", "/a/b}", "/a/x{b}", "/a b", "/{a-b}",
    ])
    func badTemplatesAreRejected(_ text: String) {
        let error = #expect(throws: KeysmithError.self) { try PathTemplate(parsing: text) }
        guard case .badPath(let path, _)? = error?.kind else {
            Issue.record("got \(String(describing: error))")
            return
        }
        #expect(path == text)
    }
}

@Suite struct PathTemplateLengthTests {
    /// Found by fuzzing: a 22-segment endpoint was accepted and then never matched, since the
    /// router splits a request path into at most 16 segments.
    @Test func aTemplateLongerThanTheRouterCanMatchIsRefused() throws {
        let longest = String(repeating: "/a", count: PathTemplate.maximumSegments)
        #expect(try PathTemplate(parsing: longest).segments.count == 16)
        var catalog = Catalog.lucid
        try catalog.declareGrants(["LongGrant"])
        try catalog.add(
            Endpoint(
                method: "GET", path: PathTemplate(parsing: longest), acceptsAPIKeys: true,
                grantNames: ["LongGrant"], access: .none, isCustom: true))
        #expect(catalog.route(method: "GET", path: longest) != nil)
        let error = #expect(throws: KeysmithError.self) { try PathTemplate(parsing: longest + "/b") }
        #expect(error.map { "\($0)" }?.contains("at most 16 segments, this one has 17") == true, "\(String(describing: error))")
    }
}
