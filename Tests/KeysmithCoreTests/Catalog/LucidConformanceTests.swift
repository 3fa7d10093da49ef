import Foundation
import Testing

@testable import KeysmithCore

/// The default catalog against Lucid's own description of its REST API: every operation of
/// `Fixtures/lucid-endpoints.tsv` (a copy of the endpoint list taken from Lucid's OpenAPI description, its source in its
/// header line) is in the catalog with the same API-key flag, grants, rate limit and
/// `Lucid-Request-As`, and a check behaves as those facts say. A catalog change that drifts
/// from Lucid's description fails here.
@Suite struct LucidConformanceTests {
    /// One line of the facts file.
    struct Operation: CustomTestStringConvertible, Sendable {
        let method: String
        /// As Lucid writes it, without the version prefix (and, for one operation, with a query).
        let path: String
        let version: Int
        let acceptsAPIKeys: Bool
        let grants: [String]
        let rateLimit: String?
        let takesRequestAs: Bool
        var testDescription: String { "\(method) /v\(version)\(path)" }

        /// The path template: Lucid writes one path with its query (`/documents/picker?token=:token`).
        var template: String { String(path.prefix { $0 != "?" }) }

        /// A concrete request path: `/v2/…` for version 2, each `{parameter}` filled in.
        var request: String {
            let concrete = template.split(separator: "/").map { $0.first == "{" ? "\($0.dropFirst().dropLast())-7" : String($0) }
            return (version == 1 ? "" : "/v\(version)") + "/" + concrete.joined(separator: "/")
        }
    }

    static func load() throws -> [Operation] {
        let url = try #require(Bundle.module.url(forResource: "lucid-endpoints", withExtension: "tsv", subdirectory: "Fixtures"))
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
        let header = lines.first.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) } ?? []
        #expect(
            header == [
                "method", "path", "version", "api_key", "grants", "oauth_scopes", "tag", "summary",
                "rate_limit", "request_as", "statuses",
            ])
        return try lines.dropFirst().map { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            try #require(f.count == header.count, "\(line)")
            let version = try #require(Int(f[2].dropFirst()), "\(line)")
            return Operation(
                method: f[0], path: f[1], version: version, acceptsAPIKeys: f[3] == "yes",
                grants: f[4] == "-" ? [] : f[4].split(separator: ",").map(String.init),
                rateLimit: f[8] == "-" ? nil : f[8], takesRequestAs: f[9] == "yes")
        }
    }

    static let operations = (try? load()) ?? []

    static func endpoint(for op: Operation) -> Endpoint? {
        Catalog.lucid.endpoints.first { $0.method == op.method && $0.version == op.version && $0.path.description == op.template }
    }

    /// The decision for a key holding `grants`, owned by an account admin (so `*Admin` grants
    /// count), for the operation's concrete request.
    static func decide(_ op: Operation, holding grants: [String]) -> Decision {
        let catalog = Catalog.lucid
        let now = Instant(secondsSinceEpoch: 1_000_000)
        let key = APIKey(
            id: KeyID("key_conform1"), owner: "root", name: "k", expiration: .never,
            grants: catalog.knownGrantSet(grants), digest: SecretDigest(hashing: "x"),
            createdAt: Instant(secondsSinceEpoch: 0))
        return CheckEngine.decide(
            key: key, user: User(name: "root", role: .admin), now: now, catalog: catalog,
            method: op.method, path: op.request
        ) { kind, id in
            Resource(kind: kind, id: String(id), owner: "root")
        }.decision
    }

    @Test func theCatalogHasExactlyTheOperationsOfLucidsDescription() {
        #expect(Self.operations.count == 154)
        #expect(Catalog.lucid.endpoints.count == Self.operations.count)
        #expect(Self.operations.filter(\.acceptsAPIKeys).count == 126)
        let named = Set(Self.operations.flatMap(\.grants))
        #expect(named.count == 19)
        #expect(Set(Catalog.lucid.grantNames) == named)
    }

    @Test(arguments: operations)
    func operationIsInTheCatalogAsLucidDescribesIt(_ op: Operation) throws {
        let endpoint = try #require(Self.endpoint(for: op), "missing from the catalog")
        #expect(endpoint.acceptsAPIKeys == op.acceptsAPIKeys)
        #expect(endpoint.grantNames == op.grants)
        #expect(endpoint.rateLimit.map { "\($0.count)/\($0.period) per \($0.scope)" } == op.rateLimit)
        #expect(endpoint.takesRequestAs == op.takesRequestAs)
        let routed = Catalog.lucid.route(method: op.method, path: op.request).map { Catalog.lucid.endpoints[$0.endpointIndex] }
        #expect(routed == endpoint, "\(op.request) routes to \(routed?.signature ?? "nothing")")
    }

    @Test(arguments: operations)
    func aKeyHoldingOneAcceptedGrantGetsPastTheGrantCheck(_ op: Operation) {
        guard op.acceptsAPIKeys else {
            #expect(Self.decide(op, holding: ["User"]) == .deny(.notAPIKeyEndpoint))
            return
        }
        // No grant listed: any grant will do.
        for grant in op.grants.isEmpty ? ["User", "CloudEdit"] : op.grants {
            let decision = Self.decide(op, holding: [grant])
            #expect(decision != .deny(.missingGrant) && decision != .deny(.unknownEndpoint), "\(grant): \(decision)")
        }
    }

    @Test(arguments: operations)
    func aKeyHoldingNoneOfTheAcceptedGrantsIsDenied(_ op: Operation) {
        // With no grant listed, every key holds an accepted one.
        guard !(op.acceptsAPIKeys && op.grants.isEmpty) else { return }
        let others = Catalog.lucid.grantNames.filter { !op.grants.contains($0) }
        #expect(Self.decide(op, holding: others) == .deny(op.acceptsAPIKeys ? .missingGrant : .notAPIKeyEndpoint))
    }
}

/// The built-in catalog's paths are split without checks at start-up (``PathTemplate/init(builtIn:)``):
/// each must be exactly what the checked parser makes of it.
@Suite struct BuiltInPathTests {
    @Test func everyBuiltInPathParsesToTheSameTemplateWithTheChecks() throws {
        for row in Catalog.lucidRows {
            let text = row.path.description
            #expect(try PathTemplate(parsing: text) == PathTemplate(builtIn: row.path), "\(text)")
        }
    }
}
