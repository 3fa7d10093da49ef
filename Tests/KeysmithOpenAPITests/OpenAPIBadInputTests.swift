import Foundation
import KeysmithOpenAPI
import Testing

/// Every kind of bad description is refused with a message that says where (file, line and
/// column for syntax, the JSON pointer for OpenAPI mistakes) and nothing is imported.
@Suite struct OpenAPIBadInputTests {
    static let header = """
        openapi: 3.0.3
        info: {title: t, version: "1"}
        components:
          securitySchemes:
            Key: {type: http, scheme: bearer}

        """

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        let message: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "YAML syntax", text: "openapi: 3.0.3\ninfo: {title: t\npaths: {}\n",
            message: "api.yaml:3:6: not valid YAML or JSON:"),
        Case(
            name: "JSON syntax", text: "{\"openapi\": \"3.0.3\",\n  \"info\": [1, 2,,]}\n",
            message: "api.yaml:2:"),
        Case(
            name: "not OpenAPI", text: "name: my shopping list\nitems: [eggs]\n",
            message: "api.yaml: not an OpenAPI description: no openapi field at the top level"),
        Case(
            name: "not a mapping", text: "- just\n- a list\n",
            message: "api.yaml: not an OpenAPI description: the top level is not a mapping"),
        Case(
            name: "Swagger 2.0", text: "swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\npaths: {}\n",
            message: "api.yaml: a Swagger 2.0 description; keysmith reads OpenAPI 3.0 and 3.1"),
        Case(
            name: "OpenAPI 4", text: "openapi: 4.0.0\ninfo: {title: t, version: \"1\"}\npaths: {}\n",
            message: "api.yaml: OpenAPI 4.0.0 is not supported"),
        Case(
            name: "broken $ref",
            text: header + """
                paths:
                  /a:
                    get:
                      parameters: [{$ref: "#/components/parameters/Missing"}]
                      responses: {"200": {description: ok}}
                """,
            message:
                "api.yaml:9:27 (at /paths/~1a/get/parameters/0/$ref): the $ref #/components/parameters/Missing points to nothing in the file"
        ),
        Case(
            name: "$ref cycle",
            text: header + """
                  parameters:
                    A: {$ref: "#/components/parameters/B"}
                    B: {$ref: "#/components/parameters/A"}
                paths: {}
                """, message: "$ref cycle: #/components/parameters/B -> #/components/parameters/A -> #/components/parameters/B"),
        Case(
            name: "external $ref",
            text: header + """
                paths:
                  /a:
                    $ref: "https://example.com/paths.yaml#/a"
                """,
            message:
                "(at /paths/~1a/$ref): the $ref https://example.com/paths.yaml#/a points outside this file; keysmith reads one file and never the network"
        ),
        Case(
            name: "unroutable path",
            text: header + """
                paths:
                  /reports/report-{id}.pdf:
                    get:
                      responses: {"200": {description: ok}}
                """, message: "(at /paths/~1reports~1report-{id}.pdf): keysmith cannot route this path:"),
        Case(
            name: "grant that is not printable",
            text: header + """
                paths:
                  /a:
                    get:
                      security: [{Key: ["Read\\u0007"]}]
                      responses: {"200": {description: ok}}
                """, message: "(at /paths/~1a/get): bad grant name"),
        Case(
            name: "grant that looks like a secret",
            text: header + """
                paths:
                  /a:
                    get:
                      security: [{Key: [ksk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA]}]
                      responses: {"200": {description: ok}}
                """, message: "(at /paths/~1a/get):"),
        Case(
            name: "unknown scheme in security",
            text: header + """
                paths:
                  /a:
                    get:
                      security: [{Nope: []}]
                      responses: {"200": {description: ok}}
                """, message: "Nope"),
        Case(
            name: "OpenAPI mistake",
            text: header + """
                paths:
                  /a:
                    get:
                      responses: 12
                """, message: "(at /paths/~1a/get/responses)"),
        Case(
            name: "OpenAPI 3.0 operation without responses: OpenAPIKit's deepest cause, on one line",
            text: header + """
                paths:
                  /a:
                    get:
                      security: [{Key: [Read]}]
                """,
            message: "(at /paths/~1a): Expected to find `responses` key for the GET endpoint under `/a` but it is missing."),
        Case(
            name: "bad access extension",
            text: header + """
                paths:
                  /a:
                    get:
                      security: [{Key: [Read]}]
                      x-keysmith-access: view id
                      responses: {"200": {description: ok}}
                """, message: "(at /paths/~1a/get/x-keysmith-access): bad access rule"),
        Case(
            name: "bad rate limit extension",
            text: header + """
                paths:
                  /a:
                    get:
                      security: [{Key: [Read]}]
                      x-keysmith-rate-limit: lots
                      responses: {"200": {description: ok}}
                """, message: "(at /paths/~1a/get/x-keysmith-rate-limit):"),
    ]

    @Test(arguments: cases)
    func refusedWithWhereItIs(_ bad: Case) {
        do {
            let imported = try Fixture.importing(bad.text)
            Issue.record("imported \(imported.catalog.endpoints.count) endpoints from a bad description")
        } catch {
            #expect(error.description.contains(bad.message), "\(error.description)")
            #expect(!error.description.contains("\n") && !error.description.contains(".."), "\(error.description)")
        }
    }

    @Test func aFileOverTheLimitIsRefusedBeforeItIsRead() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("keysmith-openapi-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("huge.yaml").path
        #expect(FileManager.default.createFile(atPath: file, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: file))
        try handle.truncate(atOffset: 50 * 1024 * 1024)
        try handle.close()
        do {
            _ = try CatalogImport.read(contentsOf: file)
            Issue.record("a 50 MB file was imported")
        } catch {
            #expect(error == .tooLarge(file: file, bytes: 50 * 1024 * 1024, limit: OpenAPIDescriptionSource.largestFileSize))
            #expect(error.description.contains("at most 10485760 bytes (nothing was read)"))
        }
    }

    @Test func twoKeySchemesNeedKeySchemeToChoose() throws {
        do {
            _ = try CatalogImport.read(contentsOf: Fixture.path("reports-api.yaml"))
            Issue.record("an ambiguous key scheme was chosen silently")
        } catch {
            // The mapping states the facts; the front ends name the flag (DESIGN §7).
            #expect(error == .ambiguousKeyScheme(error.location!, candidates: ["ReportKey", "PartnerToken"]))
            #expect(error.description.hasSuffix("more than one scheme could carry API keys (ReportKey, PartnerToken)"))
            #expect(!error.description.contains("--key-scheme"))
        }
        let imported = try CatalogImport.read(
            contentsOf: Fixture.path("reports-api.yaml"), options: ImportOptions(keyScheme: "PartnerToken"))
        #expect(imported.catalog.grantNames == ["PartnerRead"])
    }

    @Test func noKeySchemeNamesTheDeclaredOnesWithoutAFlag() {
        let text = Self.header.replacingOccurrences(of: "{type: http, scheme: bearer}", with: "{type: http, scheme: basic}")
        do {
            _ = try Fixture.importing(text + "paths: {}\n")
            Issue.record("a description without a key scheme was imported")
        } catch {
            #expect(error == .noKeyScheme(error.location!, declared: ["Key"]))
            #expect(
                error.description
                    == "api.yaml:5:5 (at /components/securitySchemes): no http bearer or apiKey security scheme to read API-key grants from (declared: Key)"
            )
        }
    }

    @Test func anUnknownKeySchemeIsNamedWithTheDeclaredOnes() {
        do {
            _ = try CatalogImport.read(contentsOf: Fixture.path("reports-api.yaml"), options: ImportOptions(keyScheme: "Bearer"))
            Issue.record("an unknown key scheme was accepted")
        } catch {
            #expect(
                error.description.contains(
                    "no security scheme named Bearer; the description declares ReportKey, PartnerToken, SessionCookie"))
        }
    }
}
