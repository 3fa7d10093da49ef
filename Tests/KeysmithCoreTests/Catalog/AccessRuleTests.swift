import Testing

@testable import KeysmithCore

@Suite struct AccessRuleTests {
    static func parse(_ rule: String, on path: String) throws -> AccessRule {
        try AccessRule.parse(rule, template: PathTemplate(parsing: path))
    }

    @Test(arguments: [
        ("none", "/widgets", AccessRule.none),
        ("admin", "/widgets", .admin),
        ("view id", "/documents/{id}", .view(.document, parameter: "id")),
        ("edit id", "/documents/{id}/export", .edit(.document, parameter: "id")),
        ("view fid", "/folders/{fid}/items", .view(.folder, parameter: "fid")),
        ("edit:id", "/folders/{id}", .edit(.folder, parameter: "id")),
        ("view document w", "/widgets/{w}", .view(.document, parameter: "w")),
        ("view doc w", "/widgets/{w}", .view(.document, parameter: "w")),
        ("edit folder w", "/widgets/{w}", .edit(.folder, parameter: "w")),
        ("view id", "/documents/{id}/shares/users/{userId}", .view(.document, parameter: "id")),
    ])
    func accessRulesParseAndInferTheResourceKindFromThePath(_ rule: String, _ path: String, _ expected: AccessRule) throws {
        #expect(try Self.parse(rule, on: path) == expected)
    }

    @Test func kindThatCannotBeInferredIsAnErrorThatSaysHowToWriteIt() {
        let error = #expect(throws: KeysmithError.self) { try Self.parse("view id", on: "/widgets/{id}") }
        #expect(error?.description.contains("cannot tell whether {id} names a document or a folder") == true)
        #expect(error?.description.contains("view document id") == true)
    }

    @Test func parameterAfterAnotherParameterCannotBeInferred() {
        #expect(throws: KeysmithError.self) { try Self.parse("edit userId", on: "/documents/{id}/{userId}") }
    }

    @Test(arguments: [
        ("view nope", "/documents/{id}", "has no parameter {nope}"),
        ("view widget id", "/documents/{id}", "is not a resource kind"),
        ("readonly", "/documents/{id}", "an access rule is none, admin, view P or edit P"),
        ("view", "/documents/{id}", "an access rule is"),
        ("none extra", "/documents/{id}", "an access rule is"),
        ("view a b c", "/documents/{id}", "an access rule is"),
        ("", "/documents/{id}", "an access rule is"),
    ])
    func malformedAccessRulesAreRejected(_ rule: String, _ path: String, _ message: String) {
        let error = #expect(throws: KeysmithError.self) { try Self.parse(rule, on: path) }
        guard case .badAccessRule(let text, _)? = error?.kind else {
            Issue.record("got \(String(describing: error))")
            return
        }
        #expect(text == rule)
        #expect(error?.description.contains(message) == true, "\(String(describing: error))")
    }

    @Test func defaultCatalogRulesMatchTheFacts() {
        let rules = Dictionary(uniqueKeysWithValues: Catalog.lucid.endpoints.map { ($0.signature, $0.access) })
        #expect(rules["GET /users"] == .admin)
        #expect(rules["GET /documents/{id}"] == .view(.document, parameter: "id"))
        #expect(rules["POST /documents/{documentId}/threads/{threadId}/comments"] == .edit(.document, parameter: "documentId"))
        #expect(rules["GET /documents/{documentId}/threads"] == .view(.document, parameter: "documentId"))
        #expect(rules["POST /documents/cloud/aws/{documentId}/sync"] == .edit(.document, parameter: "documentId"))
        #expect(rules["GET /documents/{id}/shares/teams/{teamId}"] == .view(.document, parameter: "id"))
        #expect(rules["DELETE /folders/{id}/shares/groups/{groupId}"] == .edit(.folder, parameter: "id"))
        #expect(rules["POST /accounts/me/legalHolds/{legalHoldId}/release"] == .admin)
        #expect(rules["GET /subscriptions/{id}/licenses"] == .admin)
        #expect(rules["POST /users/{id}/licenses"] == .admin)
        #expect(rules["POST /accounts/me/documents/search"] == .admin)
        #expect(rules["POST /teams/{id}/archive"] == AccessRule.none)
        #expect(rules["POST /repositories/{repositoryId}/users/add"] == AccessRule.none)
        #expect(rules["DELETE /credentials/{credentialId}"] == AccessRule.none)
        #expect(rules["POST /describeLink"] == AccessRule.none)
        #expect(rules["PATCH /folders/{id}"] == .edit(.folder, parameter: "id"))
        #expect(rules["POST /documents/search"] == AccessRule.none)
        #expect(rules["GET /accounts/me/legalHolds"] == .admin)
    }
}
