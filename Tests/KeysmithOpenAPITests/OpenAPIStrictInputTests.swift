import KeysmithOpenAPI
import Testing

/// What an import used to take silently and now refuses at its JSON pointer: a path keysmith
/// would route differently than written, an `x-keysmith-request-as` that is not a boolean, and
/// a grant declared twice in `x-keysmith-grants`.
@Suite struct OpenAPIStrictInputTests {
    static func description(path: String = "/pets", operation: String = "", grants: String = "[{name: PetsRead}]") -> String {
        """
        openapi: 3.0.3
        info: {title: t, version: "1"}
        components:
          securitySchemes:
            Key: {type: http, scheme: bearer, x-keysmith-grants: \(grants)}
        paths:
          "\(path)":
            get:
              security: [{Key: [PetsRead]}]
              responses: {"200": {description: ok}}\(operation)
        """
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        let pointer: String
        let problem: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "a path without a leading slash", text: description(path: "pets"), pointer: "/paths/pets",
            problem: "a path starts with /"),
        Case(
            name: "an empty segment", text: description(path: "/r//x"), pointer: "/paths/~1r~1~1x",
            problem: "a path may not have an empty segment (//)"),
        Case(
            name: "a fragment", text: description(path: "/r/x#f"), pointer: "/paths/~1r~1x#f",
            problem: "a path may not hold # (a fragment never reaches a server)"),
        Case(
            name: "a .. segment", text: description(path: "/pets/../admin"), pointer: "/paths/~1pets~1..~1admin",
            problem: "a path segment may not be . or .."),
        Case(
            name: "a . segment", text: description(path: "/pets/./{id}"), pointer: "/paths/~1pets~1.~1{id}",
            problem: "a path segment may not be . or .."),
        Case(
            name: "an encoded slash", text: description(path: "/pets%2Fadmin"), pointer: "/paths/~1pets%2Fadmin",
            problem: "a path may not hold an encoded / (%2F)"),
        Case(
            name: "an encoded slash in lower case", text: description(path: "/pets/a%2fb"), pointer: "/paths/~1pets~1a%2fb",
            problem: "a path may not hold an encoded / (%2F)"),
        Case(
            name: "x-keysmith-request-as as text", text: description(operation: "\n      x-keysmith-request-as: \"yes\""),
            pointer: "/paths/~1pets/get/x-keysmith-request-as", problem: "x-keysmith-request-as is true or false"),
        Case(
            name: "x-keysmith-request-as as a number", text: description(operation: "\n      x-keysmith-request-as: 1"),
            pointer: "/paths/~1pets/get/x-keysmith-request-as", problem: "x-keysmith-request-as is true or false"),
        Case(
            name: "a grant declared twice", text: description(grants: "[{name: PetsRead}, {name: PetsWrite}, {name: PetsRead}]"),
            pointer: "/components/securitySchemes/Key/x-keysmith-grants/2/name",
            problem: "the grant PetsRead is declared twice (first at /components/securitySchemes/Key/x-keysmith-grants/0)"),
    ]

    @Test(arguments: cases)
    func isRefusedAtItsPointer(_ c: Case) {
        do {
            let imported = try Fixture.importing(c.text)
            Issue.record("imported: \(imported.catalog.endpoints.map(\.signature)), warnings \(imported.warnings)")
        } catch {
            #expect(error.location?.pointer == c.pointer, "\(error)")
            #expect(error.description.hasSuffix(": " + c.problem), "\(error)")
        }
    }

    @Test("a boolean x-keysmith-request-as, and a path with dots inside a segment, still import")
    func wellFormedInputStillImports() throws {
        let imported = try Fixture.importing(
            Self.description(path: "/pets/v1.2/a..b/{id}", operation: "\n      x-keysmith-request-as: true"))
        #expect(imported.catalog.endpoints.map(\.signature) == ["GET /pets/v1.2/a..b/{id}"])
        #expect(imported.catalog.endpoints.first?.takesRequestAs == true)
    }

    @Test("two operations that are one endpoint: the second is refused naming the first and the rules that differ")
    func twoOperationsForOneEndpointNameBoth() {
        let text = """
            openapi: 3.0.3
            info: {title: t, version: "1"}
            components:
              securitySchemes:
                Key: {type: http, scheme: bearer}
            paths:
              /a/{x}:
                get:
                  security: [{Key: [Read]}]
                  responses: {"200": {description: ok}}
              /a/{y}:
                get:
                  security: [{Key: [Write]}]
                  responses: {"200": {description: ok}}
            """
        do {
            _ = try Fixture.importing(text)
            Issue.record("imported")
        } catch {
            #expect(error.location?.pointer == "/paths/~1a~1{y}/get", "\(error)")
            #expect(
                error.description.hasSuffix(
                    ": endpoint GET /a/{y} is already in the catalog, from /paths/~1a~1{x}/get, with other rules: path /a/{x} in the catalog, /a/{y} here; grants Read in the catalog, Write here"
                ), "\(error)")
        }
    }
}
