import KeysmithOpenAPI
import Testing

/// Importing a description with the traits of Lucid's (Fixtures/lucid-traits.yaml) gives the
/// built-in Lucid catalog's operations, versions, API-key flags and grants.
@Suite struct OpenAPIConformanceTests {
    static func imported() throws -> ImportedCatalog {
        try CatalogImport.read(contentsOf: Fixture.path("lucid-traits.yaml"), options: ImportOptions(versionPrefix: true))
    }

    @Test func everyImportedOperationMatchesTheBuiltInLucidCatalog() throws {
        let imported = try Self.imported()
        #expect(imported.keyScheme == "ApiKey")
        #expect(imported.catalog.endpoints.count == 12)
        for endpoint in imported.catalog.endpoints {
            let builtIn = Catalog.lucid.endpoints.first {
                $0.method == endpoint.method && $0.path == endpoint.path && $0.version == endpoint.version
            }
            guard let builtIn else {
                Issue.record("\(endpoint.signature) is not in the built-in catalog")
                continue
            }
            #expect(endpoint.acceptsAPIKeys == builtIn.acceptsAPIKeys, "\(endpoint.signature)")
            #expect(endpoint.grantNames == builtIn.grantNames, "\(endpoint.signature)")
            #expect(endpoint.acceptsAnyGrant == builtIn.acceptsAnyGrant, "\(endpoint.signature)")
            #expect(endpoint.takesRequestAs == builtIn.takesRequestAs, "\(endpoint.signature)")
        }
    }

    @Test func anyOneOfTheListedGrantsSufficesAndOAuthAlternativesAreNotGrants() throws {
        let catalog = try Self.imported().catalog
        let document = try #require(catalog.endpoint(method: "GET", template: try PathTemplate(parsing: "/documents/{id}")))
        #expect(document.grantNames == ["DocumentReadonly", "DocumentAdmin"])
        #expect(!catalog.isGrant("lucidchart.document.app:readonly"))
    }

    @Test func anEmptyListAcceptsAnyGrantAndNoKeyAlternativeRefusesKeys() throws {
        let catalog = try Self.imported().catalog
        let describe = try #require(catalog.endpoint(method: "POST", template: try PathTemplate(parsing: "/describeLink")))
        #expect(describe.acceptsAnyGrant)
        for (method, path) in [("GET", "/auditLogs"), ("POST", "/users"), ("GET", "/embeds/link"), ("PATCH", "/documents/{id}")] {
            let endpoint = try #require(catalog.endpoint(method: method, template: try PathTemplate(parsing: path)))
            #expect(!endpoint.acceptsAPIKeys, "\(method) \(path)")
        }
    }

    @Test func aLeadingVersionSegmentBecomesTheVersion() throws {
        let catalog = try Self.imported().catalog
        let regions = try #require(catalog.endpoints.first { $0.path.description == "/dataSources/aws/regions" })
        #expect(regions.version == 2)
        #expect(catalog.route(method: "GET", path: "/v2/dataSources/aws/regions") != nil)
        #expect(catalog.route(method: "GET", path: "/dataSources/aws/regions") == nil)
    }

    @Test func aPathKeyWithAQueryStringIsImportedByItsPathAndNamedInAWarning() throws {
        let imported = try Self.imported()
        #expect(imported.catalog.endpoints.contains { $0.signature == "GET /documents/picker" })
        #expect(
            imported.warnings == [
                "/v1/documents/picker?token=:token holds a query string, which keysmith cannot route: imported as /v1/documents/picker"
            ])
    }

    @Test func withoutVersionPrefixTheVersionStaysInThePath() throws {
        let catalog = try CatalogImport.read(contentsOf: Fixture.path("lucid-traits.yaml")).catalog
        #expect(catalog.endpoints.allSatisfy { $0.version == 1 })
        #expect(catalog.endpoints.contains { $0.path.description == "/v2/dataSources/aws/regions" })
    }

    @Test func theBuiltInCatalogSurvivesExportAndImport() throws {
        let json = CatalogExport.json(Catalog.lucid)
        let back = try Fixture.importing(json, name: "lucid.json").catalog
        #expect(CatalogShape(back) == CatalogShape(Catalog.lucid))
    }
}
