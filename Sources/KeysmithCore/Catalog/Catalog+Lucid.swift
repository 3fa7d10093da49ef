extension Catalog {
    /// Lucid's REST API as keysmith's default catalog (facts in `shared/lucid-api-facts.md`).
    /// Per-endpoint grant lists are literal: grants never imply one another.
    public static let lucid: Catalog = {
        var catalog = Catalog()
        do {
            try catalog.declareGrants([
                "User", "AccountReadonly", "AccountAdmin", "DocumentReadonly", "DocumentEdit",
                "DocumentAdmin", "FolderReadonly", "FolderEdit", "FolderAdmin", "TeamsReadonly",
                "TeamsEdit", "TeamsAdmin", "LegalHoldReadonly", "LegalHoldEdit", "LicensesAdmin",
                "RepositoryRead", "RepositoryEdit",
            ])
            for row in lucidRows {
                let path = try PathTemplate(parsing: row.path)
                let grants = row.grants.split(separator: ",").map { String($0) }
                let access = try AccessRule.parse(row.access, template: path)
                try catalog.add(Endpoint(method: row.method, path: path, acceptsAPIKeys: !grants.isEmpty,
                                         grantNames: grants, access: access))
            }
        } catch {
            preconditionFailure("the built-in Lucid catalog is invalid: \(error)")
        }
        return catalog
    }()

    /// One row per endpoint: method, path, accepted grants (empty: API keys not accepted), access.
    static let lucidRows: [(method: String, path: String, grants: String, access: String)] = [
        ("GET", "/users/me/profile", "User", "none"),
        ("GET", "/accounts/me", "AccountReadonly", "none"),
        ("GET", "/users", "AccountAdmin", "admin"),
        ("GET", "/users/{userId}", "AccountReadonly", "none"),
        ("POST", "/users/searchByEmail", "AccountReadonly", "none"),
        ("POST", "/users", "", "none"),
        ("GET", "/users/{userId}/licenses", "LicensesAdmin", "admin"),
        ("POST", "/transferUserContent", "", "none"),
        ("POST", "/documents", "DocumentEdit", "none"),
        ("GET", "/documents/{id}", "DocumentReadonly,DocumentAdmin", "view id"),
        ("POST", "/documents/{id}/trash", "DocumentEdit", "edit id"),
        ("POST", "/documents/search", "DocumentReadonly", "none"),
        ("GET", "/documents/{id}/contents", "DocumentReadonly", "view id"),
        ("POST", "/accounts/me/documents/search", "DocumentAdmin", "admin"),
        ("GET", "/documents/{id}/threads", "DocumentReadonly", "view id"),
        ("POST", "/documents/{id}/threads/{threadId}/comments", "DocumentEdit", "edit id"),
        ("GET", "/documents/{id}/shares/users", "DocumentReadonly", "view id"),
        ("PUT", "/documents/{id}/shares/users/{userId}", "DocumentEdit", "edit id"),
        ("DELETE", "/documents/{id}/shares/users/{userId}", "DocumentEdit", "edit id"),
        ("POST", "/documents/{id}/shares/shareLinks", "", "none"),
        ("GET", "/documents/{id}/shares/shareLinks/{shareLinkId}", "", "none"),
        ("POST", "/documents/{id}/embeds", "", "none"),
        ("GET", "/folders/{id}", "FolderReadonly", "view id"),
        ("PATCH", "/folders/{id}", "FolderEdit", "edit id"),
        ("POST", "/folders", "FolderEdit", "none"),
        ("POST", "/folders/{id}/trash", "FolderEdit", "edit id"),
        ("POST", "/folders/search", "FolderReadonly,FolderAdmin", "none"),
        ("GET", "/folders/{id}/contents", "FolderReadonly", "view id"),
        ("GET", "/folders/{id}/shares/users", "FolderReadonly", "view id"),
        ("PUT", "/folders/{id}/shares/users/{userId}", "FolderEdit", "edit id"),
        ("GET", "/teams", "TeamsReadonly,TeamsAdmin", "none"),
        ("POST", "/teams", "TeamsEdit,TeamsAdmin", "none"),
        ("GET", "/accounts/me/legalHolds", "LegalHoldReadonly", "admin"),
        ("POST", "/accounts/me/legalHolds", "LegalHoldEdit", "admin"),
        ("GET", "/repositories", "RepositoryRead", "none"),
        ("POST", "/repositories", "RepositoryEdit", "none"),
        ("GET", "/auditLogs", "", "none"),
        ("POST", "/auditLogs/query", "", "none"),
    ]
}
