import Foundation
import KeysmithTestSupport
import Testing

/// `--catalog FILE`: a session on the API an OpenAPI description describes instead of Lucid's;
/// `catalog export` writes a description that `--catalog` reads back as the same catalog.
@Suite struct CatalogOptionTests {
    static let description = """
        openapi: 3.0.3
        info: {title: Reports, version: "1"}
        paths:
          /v1/reports/{id}:
            get:
              parameters: [{name: id, in: path, required: true, schema: {type: string}}]
              security: [{Key: [ReportRead, ReportAdmin]}]
              x-keysmith-access: view document id
              responses: {"200": {description: ok}}
          /v2/reports:
            post:
              security: [{Key: []}]
              x-keysmith-rate-limit: 1/1m per user
              responses: {"201": {description: created}}
          /v1/picker?token=:token:
            get:
              security: [{OAuth: []}]
              responses: {"200": {description: ok}}
        components:
          securitySchemes:
            Key: {type: http, scheme: bearer}
            OAuth: {type: oauth2, flows: {clientCredentials: {tokenUrl: "https://example.com/t", scopes: {}}}}

        """

    @Test func runChecksKeysAgainstTheDescribedAPI() throws {
        let api = try scriptFile(Self.description, name: "api.yaml")
        let script = try scriptFile(
            """
            doc add r1 --owner me
            let k = key create r --expires 1d --grants ReportRead
            expect allow check $k.secret GET /reports/r1
            expect deny:no_access check $k.secret GET /reports/r2
            expect allow check $k.secret POST /v2/reports
            expect deny:rate_limited check $k.secret POST /v2/reports
            expect deny:not_api_key_endpoint check $k.secret GET /picker
            expect deny:unknown_endpoint check $k.secret GET /users/me/profile
            expect error key create lucid --expires 1d --grants User
            """)
        let result = try keysmith(["run", "--catalog", api, "--version-prefix", script])
        #expect(result.status == 0, "\(result.out)\(result.err)")
        #expect(
            result.err.contains(
                "keysmith: warning: /v1/picker?token=:token holds a query string, which keysmith cannot route: imported as /v1/picker"))
    }

    @Test func anExportReadsBackAsTheSameCatalog() throws {
        let api = try scriptFile(Self.description, name: "api.yaml")
        let export = try scriptFile("catalog export exported.json\nendpoint list\ngrant list\n", name: "export.ks")
        let first = try keysmith(["run", "--catalog", api, "--version-prefix", export])
        #expect(first.status == 0, "\(first.out)\(first.err)")
        let exported = (export as NSString).deletingLastPathComponent + "/exported.json"
        let list = try scriptFile("endpoint list\ngrant list\n", name: "list.ks")
        let second = try keysmith(["run", "--catalog", exported, list])
        #expect(second.status == 0, "\(second.out)\(second.err)")
        #expect(first.out == "wrote 3 operations to exported.json\n" + second.out)
    }

    @Test func theLucidCatalogExportsAndReadsBackWhole() throws {
        let export = try scriptFile("catalog export lucid.json\n", name: "export.ks")
        let exported = (export as NSString).deletingLastPathComponent + "/lucid.json"
        #expect(try keysmith(["run", export]).status == 0)
        let list = try scriptFile("endpoint list\ngrant list\n", name: "list.ks")
        let fromFile = try keysmith(["run", "--catalog", exported, list])
        let builtIn = try keysmith(["run", list])
        #expect(fromFile.status == 0, "\(fromFile.err)")
        #expect(fromFile.out == builtIn.out)
    }

    /// An export replaces an earlier export (of another catalog too), and nothing else: not a
    /// file that only starts like OpenAPI JSON, not a description written by hand.
    @Test func anExportReplacesOnlyAnEarlierExport() throws {
        let api = try scriptFile(Self.description, name: "api.yaml")
        let out = (api as NSString).deletingLastPathComponent + "/out.json"
        let export = try scriptFile("catalog export \(out)\n")
        #expect(try keysmith(["run", export]).status == 0)
        let again = try keysmith(["run", "--catalog", api, "--version-prefix", export])
        #expect(again.status == 0 && again.out == "wrote 3 operations to \(out)\n", "\(again.out)\(again.err)")
        let notes = "{\"openapi\"\nuser add mallory\nmy notes\n"
        let handWritten = "{\"openapi\": \"3.1.0\", \"info\": {\"title\": \"mine\", \"version\": \"1\"}, \"paths\": {}}\n"
        // A FIFO nobody reads is refused at once rather than waited on.
        let fifo = (api as NSString).deletingLastPathComponent + "/fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        let toFIFO = try keysmith(["run", try scriptFile("catalog export \(fifo)\n")])
        #expect(toFIFO.status == 1 && toFIFO.out.contains("it is a FIFO nobody is reading"), "\(toFIFO.out)")
        for text in [notes, handWritten] {
            try text.write(toFile: out, atomically: true, encoding: .utf8)
            let refused = try keysmith(["run", export])
            #expect(refused.status == 1 && refused.out.contains("something other than an earlier catalog export"), "\(refused.out)")
            #expect(try String(contentsOfFile: out, encoding: .utf8) == text)
        }
    }

    @Test func aBadDescriptionStopsKeysmithWithWhereItIs() throws {
        let api = try scriptFile("swagger: \"2.0\"\n", name: "old.yaml")
        let script = try scriptFile("echo ran\n")
        let result = try keysmith(["run", "--catalog", api, script])
        #expect(result.status == 2)
        #expect(!result.out.contains("ran"))
        #expect(result.err.contains("old.yaml: a Swagger 2.0 description; keysmith reads OpenAPI 3.0 and 3.1"))
    }

    static let twoKeySchemes = """
        openapi: 3.0.3
        info: {title: t, version: "1"}
        components:
          securitySchemes:
            A: {type: http, scheme: bearer}
            B: {type: apiKey, in: header, name: X-Key}
        paths: {}

        """

    /// The OpenAPI mapping states which schemes there are; each front end names its own flag.
    @Test func anAmbiguousKeySchemeNamesTheFlagOfEachFrontEnd() throws {
        let api = try scriptFile(Self.twoKeySchemes, name: "api.yaml")
        let script = try scriptFile("echo ran\n")
        let atStart = try keysmith(["run", "--catalog", api, script])
        #expect(atStart.status == 2)
        #expect(
            atStart.err.contains("more than one scheme could carry API keys (A, B); choose one with --key-scheme"), "\(atStart.err)")
        let importing = try scriptFile("catalog import \(api)\n", name: "import.ks")
        let inScript = try keysmith(["run", importing])
        #expect(inScript.status != 0)
        #expect(
            (inScript.out + inScript.err).contains(
                "import.ks:1:1: error: \(api):5:5 (at /components/securitySchemes): more than one scheme could carry API keys (A, B); choose one with --key-scheme"
            ),
            "\(inScript.out)\(inScript.err)")
        let none = try scriptFile(
            Self.twoKeySchemes.replacingOccurrences(of: "scheme: bearer", with: "scheme: basic").replacingOccurrences(
                of: "    B: {type: apiKey, in: header, name: X-Key}\n", with: ""), name: "none.yaml")
        #expect(try keysmith(["run", "--catalog", none, script]).err.contains("(declared: A); name one with --key-scheme"))
        let importingNone = try scriptFile("catalog import \(none)\n", name: "none.ks")
        let inScriptNone = try keysmith(["run", importingNone])
        #expect((inScriptNone.out + inScriptNone.err).contains("(declared: A); name one with --key-scheme"))
    }

    @Test func aPersistentStoreIsRefused() throws {
        let api = try scriptFile(Self.description, name: "api.yaml")
        let script = try scriptFile("echo ran\n")
        let result = try keysmith(["run", "--catalog", api, "--store", NSTemporaryDirectory() + "never.sqlite", script])
        #expect(result.status == 2)
        #expect(result.err.contains("--catalog needs a fresh store"))
    }
}
