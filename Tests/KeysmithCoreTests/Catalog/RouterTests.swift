import Testing

@testable import KeysmithCore

/// `catalog.route(method:path:)`: every default endpoint is reachable, and the request forms
/// Lucid accepts (version prefix, any-case method, trailing slash, query string) route the same.
@Suite struct RouterTests {
    static let signatures = Catalog.lucidRows.map { "\($0.method) \($0.version == 1 ? "" : "/v\($0.version)")\($0.path)" }

    /// `/documents/{id}/threads/{threadId}` → `/documents/id-7/threads/threadId-7`.
    static func concrete(_ template: String) -> String {
        template.split(separator: "/").map { segment -> String in
            segment.first == "{" ? "\(segment.dropFirst().dropLast())-7" : String(segment)
        }.reduce("") { $0 + "/" + $1 }
    }

    static func routed(_ method: String, _ path: String, in catalog: Catalog = .lucid) -> String? {
        catalog.route(method: method, path: path).map { catalog.endpoints[$0.endpointIndex].signature }
    }

    @Test func defaultCatalogHasOneEndpointPerRow() {
        #expect(Catalog.lucid.endpoints.count == Catalog.lucidRows.count)
        #expect(Set(Self.signatures).count == Self.signatures.count)
    }

    @Test(arguments: signatures)
    func everyDefaultEndpointRoutesToItself(_ signature: String) {
        let parts = signature.split(separator: " ").map(String.init)
        let (method, path) = (parts[0], Self.concrete(parts[1]))
        #expect(Self.routed(method, path) == signature, "\(method) \(path)")
        #expect(Self.routed(method.lowercased(), path) == signature, "lower-case method")
        #expect(Self.routed(method, path + "/") == signature, "trailing slash")
        #expect(Self.routed(method, path + "?limit=10&x=/y") == signature, "query string")
        guard !path.hasPrefix("/v2/") else { return }
        #expect(Self.routed(method, "/v1" + path) == signature, "/v1 prefix")
        #expect(Self.routed(method, "/v1" + path + "/?q") == signature, "all together")
        #expect(Self.routed(method, "/v2" + path) != signature, "a version-1 endpoint does not answer under /v2")
    }

    @Test func theVersion2OperationAnswersOnlyUnderItsPrefix() {
        #expect(Self.routed("GET", "/v2/dataSources/aws/regions") == "GET /v2/dataSources/aws/regions")
        #expect(Self.routed("GET", "/dataSources/aws/regions") == nil)
        #expect(Self.routed("GET", "/v1/dataSources/aws/regions") == nil)
        #expect(Self.routed("GET", "/v3/dataSources/aws/regions") == nil)
        #expect(Self.routed("GET", "/v2/dataSources/aws/resources") == nil)
        #expect(
            Catalog.lucid.otherVersion(method: "GET", path: "/dataSources/aws/regions")?.signature
                == "GET /v2/dataSources/aws/regions")
        #expect(Catalog.lucid.otherVersion(method: "GET", path: "/users/me/profile") == nil)
    }

    @Test func parameterValuesAreReadFromTheRightSegment() throws {
        let match = try #require(Catalog.lucid.route(method: "POST", path: "/v1/documents/doc-1/threads/t-9/comments?x=1"))
        #expect(match.segment(1) == "doc-1")
        #expect(match.segment(3) == "t-9")
    }

    /// Segments are split on bytes: `/` never occurs inside a multi-byte character, so
    /// non-ASCII ids are whole parameter values and non-ASCII text never matches a literal.
    @Test func nonASCIISegmentsAreParameterValuesAndNeverLiterals() throws {
        let match = try #require(Catalog.lucid.route(method: "GET", path: "/documents/café-✓/contents"))
        #expect(match.segment(1) == "café-✓")
        #expect(Self.routed("GET", "/documents/café-✓/contents") == "GET /documents/{id}/contents")
        #expect(Self.routed("GET", "/documénts/d1") == nil)
    }

    @Test func sixteenSegmentsRouteAndSeventeenAreRefused() {
        let sixteen = "/" + Array(repeating: "s", count: 16).joined(separator: "/")
        let seventeen = sixteen + "/s"
        var catalog = Catalog.lucid
        #expect(throws: Never.self) {
            try catalog.add(
                Endpoint(
                    method: "GET", path: try PathTemplate(parsing: sixteen), acceptsAPIKeys: true,
                    grantNames: ["User"], access: .none))
        }
        #expect(catalog.route(method: "GET", path: sixteen) != nil)
        #expect(catalog.route(method: "GET", path: seventeen) == nil)
    }

    @Test(arguments: ["get", "Get", "gET"])
    func methodMatchesInAnyCase(_ method: String) {
        #expect(Self.routed(method, "/documents/d1") == "GET /documents/{id}")
    }

    @Test(arguments: [
        ("GET", "/nothing"),
        ("DELETE", "/documents/d1"),
        ("FETCH", "/documents/d1"),
        ("", "/documents/d1"),
        ("GET", "/documents/d1/unknown"),
        ("GET", "/documents/d1/threads/t1"),
        ("GET", "/"),
        ("GET", ""),
        ("GET", "documents/d1"),
        ("GET", "/documents//"),
        ("GET", "//documents/d1"),
        ("GET", "/v1"),
        ("GET", "/v1/v2/documents/d1"),
        ("GET", "/vx/documents/d1"),
        ("GET", "/DOCUMENTS/d1"),
        ("GET", "/documents/d1/contents/extra/segments/beyond/the/template/a/b/c/d/e/f/g/h/i"),
    ])
    func unknownMethodsAndPathsRouteNowhere(_ method: String, _ path: String) {
        #expect(Self.routed(method, path) == nil)
    }

    @Test func literalSegmentBeatsParameter() {
        #expect(Self.routed("POST", "/documents/search") == "POST /documents/search")
        #expect(Self.routed("POST", "/documents/search/trash") == "POST /documents/{id}/trash")
        #expect(Self.routed("POST", "/documents/d1/trash") == "POST /documents/{id}/trash")
        #expect(Self.routed("GET", "/users/me/profile") == "GET /users/me/profile")
        #expect(Self.routed("GET", "/users/me") == "GET /users/{id}")
        #expect(Self.routed("GET", "/users/me/licenses") == "GET /users/{id}/licenses")
        #expect(Self.routed("GET", "/folders/root/contents") == "GET /folders/root/contents")
        #expect(Self.routed("GET", "/folders/f1/contents") == "GET /folders/{id}/contents")
        #expect(Self.routed("GET", "/documents/cloud/aws/viewTemplates") == "GET /documents/cloud/aws/viewTemplates")
        #expect(Self.routed("GET", "/documents/cloud/contents") == "GET /documents/{id}/contents")
        #expect(Self.routed("POST", "/users/searchByEmail") == "POST /users/searchByEmail")
        #expect(Self.routed("GET", "/accounts/me") == "GET /accounts/me")
    }

    @Test func literalWithoutTheMethodFallsBackToTheParameterRoute() {
        // Only POST is declared at /documents/search, so GET reads "search" as a document id.
        #expect(Self.routed("GET", "/documents/search") == "GET /documents/{id}")
    }

    @Test func customLiteralEndpointBeatsTheParameterRouteBesideIt() throws {
        var catalog = Catalog.lucid
        try catalog.add(
            Endpoint(
                method: "GET", path: PathTemplate(parsing: "/documents/recent"), acceptsAPIKeys: true,
                grantNames: ["DocumentReadonly"], access: .none, isCustom: true))
        #expect(Self.routed("GET", "/documents/recent", in: catalog) == "GET /documents/recent")
        #expect(Self.routed("GET", "/v1/documents/recent/", in: catalog) == "GET /documents/recent")
        #expect(Self.routed("GET", "/documents/d1", in: catalog) == "GET /documents/{id}")
        #expect(Self.routed("GET", "/documents/recent/contents", in: catalog) == "GET /documents/{id}/contents")
        #expect(Self.routed("POST", "/documents/recent/trash", in: catalog) == "POST /documents/{id}/trash")
    }
}
