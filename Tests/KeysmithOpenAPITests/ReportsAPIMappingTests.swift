import KeysmithOpenAPI
import Testing

/// The mapping on a small API of its own (Fixtures/reports-api.yaml): the chosen key scheme's
/// lists, the grant descriptions, the x-keysmith-* extensions, other schemes ignored.
@Suite struct ReportsAPIMappingTests {
    static func catalog() throws -> Catalog {
        try CatalogImport.read(contentsOf: Fixture.path("reports-api.yaml"), options: ImportOptions(keyScheme: "ReportKey")).catalog
    }

    @Test func grantsAreTheUnionOfTheKeySchemesListsWithTheirDescriptions() throws {
        let catalog = try Self.catalog()
        #expect(catalog.grantNames == ["ReportRead", "ReportWrite", "ReportAdmin"])
        #expect(catalog.grantSummaries == ["ReportRead": "read reports", "ReportWrite": "create reports"])
        #expect(catalog.names(of: catalog.adminGrants) == ["ReportAdmin"])
    }

    @Test func extensionsCarryTheAccessRuleAndTheRateLimit() throws {
        let catalog = try Self.catalog()
        let list = try #require(catalog.endpoint(method: "GET", template: try PathTemplate(parsing: "/reports")))
        #expect(list.rateLimit == RateLimit(count: 2, period: KeyDuration(seconds: 60), scope: .key))
        let byDocument = try #require(catalog.endpoint(method: "GET", template: try PathTemplate(parsing: "/documents/{docId}/reports")))
        #expect(byDocument.access == .view(.document, parameter: "docId"))
        #expect(byDocument.grantNames == ["ReportRead"])
    }

    @Test func anOperationWithoutTheKeySchemeRefusesKeys() throws {
        let audit = try #require(try Self.catalog().endpoint(method: "GET", template: try PathTemplate(parsing: "/admin/audit")))
        #expect(!audit.acceptsAPIKeys)
    }
}
