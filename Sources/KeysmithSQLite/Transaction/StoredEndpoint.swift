import GRDB
import KeysmithCore
import KeysmithStore

/// How a custom endpoint is written to the `custom_endpoints` table and read back.
enum StoredEndpoint {
    /// The access rule with its resource kind spelled out (`view document id`), which
    /// ``AccessRule/parse(_:template:)`` reads back exactly, whatever the path looks like.
    static func accessText(_ rule: AccessRule) -> String { rule.storedText }

    /// Rebuilds an endpoint from a `custom_endpoints` row selected as
    /// `position, method, path, accepts_api_keys, grants, access`.
    static func endpoint(from row: StoredRow) throws(StoreError) -> Endpoint {
        let method = try row.text(1, "method", length: 1...16, expected: "an HTTP method")
        let template = try row.value(2, "path", expected: "a path template such as /reports/{id}") { raw in
            (raw as? String).flatMap { try? PathTemplate(parsing: $0) }
        }
        let acceptsAPIKeys = try row.bool(3, "accepts_api_keys")
        let grants = try row.text(4, "grants", expected: "grant names joined by commas")
        let rule = try row.value(5, "access", expected: "an access rule such as view document id") { raw in
            (raw as? String).flatMap { try? AccessRule.parse($0, template: template) }
        }
        do {
            return try Endpoint(
                method: method, path: template, acceptsAPIKeys: acceptsAPIKeys,
                grantNames: GrantNames.split(grants), access: rule, isCustom: true)
        } catch {
            throw row.damage("access", holds: row.row[5], expected: "an access rule naming a parameter of the path")
        }
    }
}
