import KeysmithOpenAPI
import PropertyBased
import Testing

/// Export then import gives back the same catalog: grants (in order, with their summaries) and
/// every endpoint with its version, API-key flag, grants, access rule, rate limit and
/// Lucid-Request-As, over random catalogs.
@Suite struct CatalogRoundTripTests {
    /// One random endpoint, drawn from small pools so that catalogs share paths and grants.
    struct Draw: Sendable, CustomStringConvertible {
        let method: Int, path: Int, version: Int, keys: Int, grants: [Int], access: Int, limit: Int, requestAs: Bool

        static let methods = Catalog.methods
        static let paths = [
            "/reports", "/reports/{id}", "/documents/{docId}/notes", "/folders/{fid}", "/v2/odd",
            "/a/b/c", "/teams/{teamId}/members/{userId}", "/search",
        ]
        static let grantPool = ["ReportRead", "ReportWrite", "ReportAdmin", "Notes_2", "x", "FolderReadonly"]
        static let limits: [RateLimit?] = [
            nil, RateLimit(count: 300, period: KeyDuration(seconds: 5)),
            RateLimit(count: 1, period: KeyDuration(seconds: 86_400), scope: .key),
            RateLimit(count: 10, period: KeyDuration(seconds: 60), scope: .user),
        ]

        var description: String {
            "\(Self.methods[method]) \(Self.paths[path]) v\(version) keys=\(keys) grants=\(grants) access=\(access) limit=\(limit)"
        }

        /// The endpoint, or nil when the draw does not make one (an access rule on a path
        /// without a parameter).
        func endpoint() -> Endpoint? {
            guard let template = try? PathTemplate(parsing: Self.paths[path]) else { return nil }
            let names = Array(Set(grants.map { Self.grantPool[$0] })).sorted()
            let acceptsKeys = keys > 0
            let parameter = template.parameterNames.first
            let rule: AccessRule
            switch (access, parameter) {
            case (1, _): rule = .admin
            case (2, let p?): rule = .view(.document, parameter: p)
            case (3, let p?): rule = .edit(.folder, parameter: p)
            default: rule = .none
            }
            return try? Endpoint(
                method: Self.methods[method], path: template, version: version,
                acceptsAPIKeys: acceptsKeys, grantNames: acceptsKeys && keys > 1 ? names : [],
                access: acceptsKeys ? rule : .none, rateLimit: Self.limits[limit], takesRequestAs: requestAs)
        }
    }

    static let draws = zip(
        Gen.int(in: 0...(Draw.methods.count - 1)), Gen.int(in: 0...(Draw.paths.count - 1)),
        Gen.int(in: 1...3), Gen.int(in: 0...3), Gen.int(in: 0...(Draw.grantPool.count - 1)).array(of: 0...3),
        Gen.int(in: 0...3), Gen.int(in: 0...(Draw.limits.count - 1)), Gen.bool
    )
    .map { Draw(method: $0, path: $1, version: $2, keys: $3, grants: $4, access: $5, limit: $6, requestAs: $7) }
    .array(of: 0...25)

    /// The catalog the draws make: grants declared first (some with a summary), then every
    /// endpoint that fits (a repeated method, version and path is skipped).
    static func catalog(_ draws: [Draw], summaries: Bool) -> Catalog {
        var catalog = Catalog()
        for (index, name) in Draw.grantPool.enumerated() where index % 2 == 0 {
            if summaries { try? catalog.declareGrant(name, summary: "allows \(name), \"quoted\" / slashed") }
        }
        for draw in draws {
            if let endpoint = draw.endpoint() { try? catalog.add(endpoint) }
        }
        return catalog
    }

    @Test func exportThenImportGivesBackTheSameCatalog() async {
        await propertyCheck(input: Self.draws, Gen.bool) { draws, summaries in
            let catalog = Self.catalog(draws, summaries: summaries)
            let json = CatalogExport.json(catalog)
            do {
                let back = try Fixture.importing(json, name: "export.json").catalog
                #expect(CatalogShape(back) == CatalogShape(catalog), "\(json)")
            } catch {
                Issue.record("the export does not import: \(error)\n\(json)")
            }
        }
    }

    /// `catalog import` of a random catalog's export into a store with an empty catalog gives
    /// back the same endpoints (a store keeps no versions of its own: version 1 only), every
    /// one of them, any-grant ones included.
    @Test func catalogImportOfAnExportGivesBackTheSameEndpoints() async {
        await propertyCheck(input: Self.draws) { draws in
            let catalog = Self.catalog(draws.filter { $0.version == 1 }, summaries: false)
            let json = CatalogExport.json(catalog)
            do {
                let imported = try Fixture.importing(json, name: "export.json").catalog
                let service = KeyService(store: MemoryStore(catalog: Catalog()))
                let result = try await service.importEndpoints(imported.endpoints, actor: "me")
                #expect(result.added.count == catalog.endpoints.count)
                #expect(CatalogShape(try await service.catalog()).endpoints == CatalogShape(catalog).endpoints, "\(json)")
            } catch {
                Issue.record("the export does not import into a store: \(error)\n\(json)")
            }
        }
    }

    /// Lucid's own catalog, exported and imported into a fresh store (whose catalog is
    /// Lucid's), is the same catalog: every operation is already there as described.
    @Test func lucidsExportImportsIntoAFreshStoreAsTheSameCatalog() async throws {
        let json = CatalogExport.json(.lucid)
        let imported = try Fixture.importing(json, name: "lucid.json").catalog
        #expect(CatalogShape(imported) == CatalogShape(.lucid))
        let service = KeyService(store: MemoryStore())
        let result = try await service.importEndpoints(imported.endpoints, actor: "me")
        #expect(result.added.isEmpty && result.unchanged == Catalog.lucid.endpoints.count)
        #expect(CatalogShape(try await service.catalog()) == CatalogShape(.lucid))
    }

    @Test func theExportIsTheSameBytesEveryTime() {
        #expect(CatalogExport.json(Catalog.lucid) == CatalogExport.json(Catalog.lucid))
    }
}
