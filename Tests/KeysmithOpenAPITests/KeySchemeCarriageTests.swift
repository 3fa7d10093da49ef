import KeysmithOpenAPI
import Testing

/// An `apiKey` scheme that carries the key anywhere but `Authorization` is read, and the import
/// says plainly that `keysmith serve` reads keys from `Authorization: Bearer` only; a grant
/// description shaped like a secret is refused where it is, never stored or published.
@Suite struct KeySchemeCarriageTests {
    static func description(scheme: String, grantDescription: String = "read pets") -> String {
        """
        openapi: 3.0.3
        info: {title: t, version: "1"}
        components:
          securitySchemes:
            Key: {\(scheme), x-keysmith-grants: [{name: PetsRead, description: "\(grantDescription)"}]}
        paths:
          /pets:
            get:
              security: [{Key: [PetsRead]}]
              responses: {"200": {description: ok}}
        """
    }

    @Test(
        "a key carried in another header, a query parameter or a cookie is named in a warning",
        arguments: [
            "header X-Key": "type: apiKey, in: header, name: X-Key", "query key": "type: apiKey, in: query, name: key",
            "cookie session": "type: apiKey, in: cookie, name: session",
        ].sorted(by: { $0.key < $1.key }).map { [$0.key, $0.value] })
    func elsewhereIsWarned(pair: [String]) throws {
        let imported = try Fixture.importing(Self.description(scheme: pair[1]))
        #expect(imported.catalog.grantNames == ["PetsRead"])
        let warning = try #require(imported.warnings.first { $0.contains("the key scheme Key sends the key in the \(pair[0])") })
        #expect(warning.contains("keysmith serve reads a key only from Authorization: Bearer <secret>"))
    }

    @Test("bearer, or an apiKey in the Authorization header, gives no warning")
    func authorizationIsQuiet() throws {
        for scheme in ["type: http, scheme: bearer", "type: apiKey, in: header, name: Authorization"] {
            #expect(try Fixture.importing(Self.description(scheme: scheme)).warnings.isEmpty, "\(scheme)")
        }
    }

    @Test("a grant description shaped like a secret is refused at its pointer, without the secret")
    func secretShapedDescriptionIsRefused() {
        let secret = "ksk_" + String(repeating: "A1b2C3", count: 5) + "zz"
        do {
            _ = try Fixture.importing(Self.description(scheme: "type: http, scheme: bearer", grantDescription: "my \(secret)"))
            Issue.record("a secret-shaped grant description was imported")
        } catch {
            #expect(error.description.contains("/components/securitySchemes/Key/x-keysmith-grants/0/description"), "\(error)")
            #expect(error.description.contains("a grant description must not contain a secret"))
            #expect(!error.description.contains(secret))
        }
    }
}
