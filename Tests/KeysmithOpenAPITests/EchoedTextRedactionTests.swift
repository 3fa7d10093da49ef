import KeysmithOpenAPI
import Testing

/// Whatever an import echoes from the description (a scheme's header name, a scheme's own name,
/// a path, a problem OpenAPIKit or YAML reports) goes through the secret redactor: a secret
/// pasted into the file is never printed back in a warning or an error.
@Suite struct EchoedTextRedactionTests {
    static let secret = "ksk_" + String(repeating: "A1b2C3", count: 5) + "zz"

    @Test("a secret pasted as an apiKey scheme's header name is cut from the carriage warning")
    func secretHeaderNameIsRedacted() throws {
        let text = KeySchemeCarriageTests.description(scheme: "type: apiKey, in: header, name: \(Self.secret)")
        let imported = try Fixture.importing(text)
        let warning = try #require(imported.warnings.first { $0.contains("the key scheme Key sends the key in the header") })
        #expect(!warning.contains(Self.secret), "\(warning)")
        #expect(warning.contains("ksk_…"), "\(warning)")
    }

    @Test("a secret as the key scheme's own name is cut from the carriage warning")
    func secretSchemeNameIsRedacted() throws {
        let text = """
            openapi: 3.0.3
            info: {title: t, version: "1"}
            components:
              securitySchemes:
                \(Self.secret): {type: apiKey, in: query, name: key}
            paths:
              /pets:
                get:
                  security: [{\(Self.secret): []}]
                  responses: {"200": {description: ok}}
            """
        let imported = try Fixture.importing(text)
        #expect(!imported.warnings.isEmpty)
        for warning in imported.warnings { #expect(!warning.contains(Self.secret), "\(warning)") }
    }

    @Test("a secret in a path's query string is cut from the warning that names the path")
    func secretInPathIsRedacted() throws {
        let text = """
            openapi: 3.0.3
            info: {title: t, version: "1"}
            components:
              securitySchemes:
                Key: {type: http, scheme: bearer}
            paths:
              /pets?token=\(Self.secret):
                get:
                  security: [{Key: []}]
                  responses: {"200": {description: ok}}
                trace:
                  security: [{Key: []}]
                  responses: {"200": {description: ok}}
            """
        let imported = try Fixture.importing(text)
        #expect(imported.warnings.count == 2, "\(imported.warnings)")
        for warning in imported.warnings { #expect(!warning.contains(Self.secret), "\(warning)") }
    }

    @Test(
        "a secret echoed by an error (a security requirement's name, a duplicate YAML key, --key-scheme) is cut",
        arguments: [
            """
            openapi: 3.0.3
            info: {title: t, version: "1"}
            components:
              securitySchemes:
                Key: {type: http, scheme: bearer}
            paths:
              /pets:
                get:
                  security: [{\(secret): []}]
                  responses: {"200": {description: ok}}
            """,
            """
            openapi: 3.0.3
            info: {title: t, version: "1"}
            paths:
              /a: {}
              /a: {}
            x-\(secret): 1
            x-\(secret): 2
            """,
        ])
    func secretInErrorIsRedacted(text: String) {
        do {
            _ = try Fixture.importing(text)
            Issue.record("imported")
        } catch {
            #expect(!error.description.contains(Self.secret), "\(error)")
        }
    }

    @Test("a secret given as --key-scheme is cut from the error that names it")
    func secretKeySchemeOptionIsRedacted() {
        do {
            _ = try Fixture.importing(
                KeySchemeCarriageTests.description(scheme: "type: http, scheme: bearer"),
                options: ImportOptions(keyScheme: Self.secret))
            Issue.record("imported")
        } catch {
            #expect(!error.description.contains(Self.secret), "\(error)")
            #expect(error.description.contains("no security scheme named ksk_…"), "\(error)")
        }
    }
}
