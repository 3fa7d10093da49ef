import Testing

@testable import KeysmithCore

@Suite struct CatalogTests {
    static let lucidGrants = [
        "User", "AccountReadonly", "AccountAdmin", "DocumentReadonly", "DocumentEdit",
        "DocumentAdmin", "FolderReadonly", "FolderEdit", "FolderAdmin", "TeamsReadonly",
        "TeamsEdit", "TeamsAdmin", "LegalHoldReadonly", "LegalHoldEdit", "LicensesAdmin",
        "RepositoryRead", "RepositoryEdit", "CloudReadonly", "CloudEdit",
    ]

    static func endpoint(
        _ method: String, _ path: String, grants: [String], access: AccessRule = .none,
        acceptsAPIKeys: Bool = true
    ) throws -> Endpoint {
        try Endpoint(
            method: method, path: try PathTemplate(parsing: path), acceptsAPIKeys: acceptsAPIKeys,
            grantNames: grants, access: access, isCustom: true)
    }

    @Test func defaultCatalogHasLucidsGrantsInOrder() {
        #expect(Catalog.lucid.grantNames == Self.lucidGrants)
    }

    @Test func onlyAdminSuffixedGrantsAreAdminGrants() {
        let names = Catalog.lucid.names(of: Catalog.lucid.adminGrants)
        #expect(names == ["AccountAdmin", "DocumentAdmin", "FolderAdmin", "TeamsAdmin", "LicensesAdmin"])
    }

    @Test func everyDefaultGrantHasASummary() {
        for name in Catalog.lucid.grantNames {
            let summary = Catalog.lucid.grantSummaries[name] ?? ""
            #expect(!summary.isEmpty && !summary.contains("\n"), "\(name)")
        }
    }

    @Test func endpointsThatListNoGrantAcceptAnyGrantOrRefuseKeys() {
        for endpoint in Catalog.lucid.endpoints {
            #expect(endpoint.acceptsAnyGrant == (endpoint.acceptsAPIKeys && endpoint.grantNames.isEmpty), "\(endpoint.signature)")
            #expect(!endpoint.isCustom)
        }
        let anyGrant = Catalog.lucid.endpoints.filter(\.acceptsAnyGrant).map(\.signature)
        #expect(
            anyGrant == [
                "POST /describeLink", "GET /dataSources/aws/resources", "GET /v2/dataSources/aws/regions",
                "GET /dataSources/azure/resources", "GET /dataSources/googleCloud/resources",
                "GET /documents/cloud/aws/viewTemplates", "GET /documents/cloud/azure/viewTemplates",
                "GET /documents/cloud/googleCloud/viewTemplates",
            ])
        #expect(Catalog.lucid.endpoints.filter { !$0.acceptsAPIKeys }.count == 28)
    }

    /// An imported operation whose security names the key scheme with `[]` accepts any grant,
    /// as Lucid's own `POST /describeLink` does (`endpoint add` asks for grants by itself).
    @Test func aCustomEndpointMayAcceptAnyGrant() throws {
        var catalog = Catalog.lucid
        try catalog.add(Self.endpoint("GET", "/widgets", grants: []))
        #expect(catalog.customEndpoints.last?.acceptsAnyGrant == true)
    }

    @Test func rateLimitsAreTheSixLucidStates() {
        let limits = Catalog.lucid.endpoints.compactMap { e in e.rateLimit.map { "\(e.signature) \($0)" } }
        #expect(
            limits == [
                "POST /accounts/me/documents/search 300/5s per account",
                "GET /documents/{id} 75/5s per account",
                "POST /documents/search 300/5s per account",
                "GET /documents/{id}/contents 100/5s per account",
                "POST /folders/search 300/5s per account",
                "POST /transferUserContent 30/5s per account",
            ])
    }

    @Test func twelveOperationsTakeTheRequestAsHeader() {
        let modal = Catalog.lucid.endpoints.filter(\.takesRequestAs).map(\.signature)
        #expect(modal.count == 12)
        #expect(modal.filter { $0.contains("/teams") }.count == 9)
        #expect(modal.contains("GET /documents/{id}"))
        #expect(modal.contains("POST /folders/search"))
        #expect(modal.contains("POST /accounts/me/documents/search"))
    }

    static let filters: [(prefix: String?, grant: String?, count: Int)] = [
        ("/teams", nil, 9), ("/teams/", nil, 9), ("/team", nil, 0), ("/", nil, 154),
        (nil, "TeamsEdit", 6), ("/teams/{id}/users", "TeamsEdit", 2), ("/teams/{id}", "TeamsEdit", 5),
        ("/v2", nil, 1), ("/dataSources/aws", nil, 7),
    ]

    @Test(arguments: filters)
    func endpointsFilterByPathPrefixAndGrant(_ prefix: String?, _ grant: String?, _ count: Int) {
        #expect(Catalog.lucid.endpoints(pathPrefix: prefix, grant: grant).count == count)
    }

    @Test func aStoredCustomEndpointTheDefaultCatalogNowHasGivesWayButKeepsItsGrants() throws {
        var catalog = Catalog.lucid
        let stored = try Self.endpoint("GET", "/teams/{teamId}", grants: ["TeamRead"])
        #expect(try catalog.restore(stored) == false)
        #expect(catalog.isGrant("TeamRead"))
        #expect(catalog.customEndpoints.isEmpty)
        #expect(try catalog.restore(Self.endpoint("GET", "/widgets", grants: ["WidgetRead"])) == true)
        #expect(catalog.customEndpoints.map(\.signature) == ["GET /widgets"])
    }

    @Test func endpointGrantSetsMatchTheirGrantNames() {
        let catalog = Catalog.lucid
        for endpoint in catalog.endpoints {
            #expect(catalog.names(of: endpoint.grants) == catalog.names(of: catalog.knownGrantSet(endpoint.grantNames)))
            #expect(Set(catalog.names(of: endpoint.grants)) == Set(endpoint.grantNames))
        }
    }

    @Test func addedEndpointsGrantsJoinTheGrantListWithoutRenumberingOldOnes() throws {
        var catalog = Catalog.lucid
        let before = try catalog.grantSet(["DocumentReadonly", "FolderEdit"])
        try catalog.add(Self.endpoint("GET", "/widgets", grants: ["WidgetRead", "DocumentReadonly", "WidgetWrite"]))
        #expect(catalog.grantNames == Self.lucidGrants + ["WidgetRead", "WidgetWrite"])
        #expect(catalog.isGrant("WidgetRead"))
        #expect(try catalog.grantSet(["DocumentReadonly", "FolderEdit"]) == before)
        #expect(catalog.names(of: try catalog.grantSet(["WidgetWrite", "User"])) == ["User", "WidgetWrite"])
        #expect(catalog.customEndpoints.map(\.signature) == ["GET /widgets"])
    }

    @Test func addedAdminSuffixedGrantBecomesAnAdminGrant() throws {
        var catalog = Catalog.lucid
        try catalog.add(Self.endpoint("GET", "/widgets", grants: ["WidgetAdmin", "WidgetRead"]))
        #expect(catalog.names(of: catalog.adminGrants).contains("WidgetAdmin"))
        #expect(!catalog.names(of: catalog.adminGrants).contains("WidgetRead"))
    }

    @Test(arguments: ["GET /documents/{id}", "GET /documents/{docId}", "POST /documents/search", "GET /users"])
    func duplicateEndpointIsRejected(_ signature: String) throws {
        var catalog = Catalog.lucid
        let parts = signature.split(separator: " ").map(String.init)
        let error = #expect(throws: KeysmithError.self) {
            try catalog.add(Self.endpoint(parts[0], parts[1], grants: ["Brand_New_Grant"]))
        }
        guard case .endpointExists? = error?.kind else {
            Issue.record("got \(String(describing: error))")
            return
        }
        #expect(error?.description.contains("is already in the catalog") == true)
        // A failed add changes nothing: its new grant did not join.
        #expect(!catalog.isGrant("Brand_New_Grant"))
        #expect(catalog.endpoints.count == Catalog.lucid.endpoints.count)
    }

    @Test func sameMethodOnADifferentPathOrOtherMethodOnTheSamePathIsNotADuplicate() throws {
        var catalog = Catalog.lucid
        try catalog.add(Self.endpoint("DELETE", "/documents/{id}", grants: ["DocumentEdit"]))
        try catalog.add(Self.endpoint("GET", "/documents/{id}/history", grants: ["DocumentReadonly"]))
        #expect(catalog.endpoints.count == Catalog.lucid.endpoints.count + 2)
    }

    @Test(arguments: [
        ("GTE", "GET"),
        ("POTS", "POST"),
        ("DELET", "DELETE"),
        ("PATHC", "PATCH"),
        ("get", "GET"),
    ])
    func badMethodIsRejectedWithASuggestion(_ method: String, _ suggestion: String) throws {
        var catalog = Catalog.lucid
        #expect(throws: KeysmithError.badMethod(method, suggestion: suggestion)) {
            try catalog.add(Self.endpoint(method, "/widgets", grants: ["User"]))
        }
        #expect(KeysmithError.badMethod(method, suggestion: suggestion).description.contains("did you mean \(suggestion)?"))
    }

    @Test func badMethodFarFromAnyMethodHasNoSuggestionButListsTheMethods() throws {
        var catalog = Catalog.lucid
        #expect(throws: KeysmithError.badMethod("BREW", suggestion: nil)) {
            try catalog.add(Self.endpoint("BREW", "/coffee", grants: ["User"]))
        }
        #expect(
            KeysmithError.badMethod("BREW", suggestion: nil).description
                == "\"BREW\" is not an HTTP method; use one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS")
    }

    @Test(arguments: ["1Widget", "Widget-Read", "Widget Read", "", "Wídget", String(repeating: "G", count: 65)])
    func badGrantNameIsRejected(_ name: String) throws {
        var catalog = Catalog.lucid
        #expect(throws: KeysmithError.badGrantName(name)) {
            try catalog.add(Self.endpoint("GET", "/widgets", grants: [name]))
        }
        #expect(!catalog.grantNames.contains(name))
    }

    @Test func aRefusedGrantLeavesTheCatalogAsItWasEvenAfterANewOne() throws {
        var catalog = Catalog.lucid
        #expect(throws: KeysmithError.badGrantName("Bad-Name")) {
            try catalog.add(Self.endpoint("GET", "/widgets", grants: ["WidgetRead", "Bad-Name"]))
        }
        #expect(catalog.grantNames == Catalog.lucid.grantNames)
        #expect(catalog.endpoints.count == Catalog.lucid.endpoints.count)
        #expect(catalog.route(method: "GET", path: "/widgets") == nil)
        // The same endpoint adds cleanly afterwards: nothing of the refused add was left behind.
        try catalog.add(Self.endpoint("GET", "/widgets", grants: ["WidgetRead"]))
        #expect(catalog.grantNames == Catalog.lucid.grantNames + ["WidgetRead"])
    }

    @Test func anAddThatWouldPassTheGrantCapacityChangesNothing() throws {
        var catalog = Catalog()
        try catalog.declareGrants((0..<255).map { "G\($0)" })
        #expect(throws: KeysmithError.tooManyGrants(256)) {
            try catalog.add(Self.endpoint("GET", "/a", grants: ["G1", "Last", "OneTooMany"]))
        }
        #expect(catalog.grantNames.count == 255)
        #expect(catalog.endpoints.isEmpty)
        try catalog.add(Self.endpoint("GET", "/a", grants: ["G1", "Last", "Last"]))
        #expect(catalog.grantNames.count == 256)
    }

    /// An OpenAPI description can hold thousands of sibling paths; the catalog builds and routes
    /// them all (the router finds a node's children by hashing while it builds).
    @Test func thousandsOfSiblingPathsAllRoute() throws {
        var catalog = Catalog()
        for i in 0..<5000 {
            try catalog.add(Self.endpoint("GET", "/r\(i)/items/{id}", grants: ["R"]))
            try catalog.add(Self.endpoint("POST", "/r\(i)/items/{id}", grants: ["W"]))
        }
        #expect(catalog.endpoints.count == 10000)
        for i in stride(from: 0, to: 5000, by: 7) {
            let found = try #require(catalog.route(method: "POST", path: "/r\(i)/items/x"))
            #expect(catalog.endpoints[found.endpointIndex].signature == "POST /r\(i)/items/{id}")
        }
        #expect(throws: KeysmithError.self) { try catalog.add(Self.endpoint("GET", "/r4999/items/{other}", grants: ["R"])) }
    }

    @Test func differingRulesNameEachRuleWithBothValues() throws {
        let held = try Endpoint(
            method: "GET", path: try PathTemplate(parsing: "/w/{id}"), acceptsAPIKeys: true, grantNames: ["User"],
            access: .none, isCustom: true)
        let same = try Self.endpoint("GET", "/w/{id}", grants: ["User"])
        #expect(held.differingRules(from: same).isEmpty)
        let other = try Endpoint(
            method: "GET", path: try PathTemplate(parsing: "/w/{key}"), acceptsAPIKeys: true,
            grantNames: ["User", "ProfileRead"], access: .none, rateLimit: try RateLimit(validating: "5/1s", scope: .account),
            takesRequestAs: true, isCustom: true)
        #expect(
            held.differingRules(from: other) == [
                "path /w/{id} in the catalog, /w/{key} here", "grants User in the catalog, User, ProfileRead here",
                "rate limit none in the catalog, 5/1s per account here",
                "Lucid-Request-As not taken in the catalog, taken here",
            ])
    }

    @Test func catalogHoldsAtMostTwoHundredFiftySixGrants() throws {
        var catalog = Catalog()
        try catalog.declareGrants((0..<256).map { "G\($0)" })
        #expect(throws: KeysmithError.tooManyGrants(256)) { try catalog.declareGrants(["OneTooMany"]) }
        #expect(catalog.names(of: try catalog.grantSet(["G255", "G0", "G64"])) == ["G0", "G64", "G255"])
    }

    @Test func unknownGrantListsTheKnownOnesAndSuggestsTheClosest() {
        let error = #expect(throws: KeysmithError.self) { try Catalog.lucid.grantSet(["DocumentReadOnly"]) }
        #expect(error == .unknownGrant("DocumentReadOnly", suggestion: "DocumentReadonly", known: Self.lucidGrants))
        let message = error?.description ?? ""
        #expect(message.contains("did you mean DocumentReadonly?"))
        for grant in Self.lucidGrants { #expect(message.contains(grant)) }
    }

    @Test func knownGrantSetSkipsUnknownNames() {
        let catalog = Catalog.lucid
        #expect(catalog.names(of: catalog.knownGrantSet(["User", "Nope", "FolderEdit"])) == ["User", "FolderEdit"])
    }
}
