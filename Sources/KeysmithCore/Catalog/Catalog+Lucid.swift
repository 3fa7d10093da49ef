extension Catalog {
    /// Lucid's REST API as keysmith's default catalog: all 154 operations of Lucid's OpenAPI
    /// description (the endpoint list kept as test data in
    /// `Tests/KeysmithCoreTests/Fixtures/lucid-endpoints.tsv`, which a conformance test holds
    /// this catalog to). Per-endpoint grant lists are literal: grants never imply one another.
    public static let lucid: Catalog = {
        var catalog = Catalog()
        do {
            for (name, summary) in lucidGrants { try catalog.declareGrant(name, summary: summary) }
            for row in lucidRows {
                let path = PathTemplate(builtIn: row.path)
                let grants = row.grants.map { $0.split(separator: ",").map(String.init) } ?? []
                let access = try AccessRule.parse(row.access, template: path)
                let limit = row.limit.flatMap(RateLimit.init(parsing:))
                precondition(limit != nil || row.limit == nil, "bad rate limit for \(row.path)")
                try catalog.add(
                    Endpoint(
                        method: row.method, path: path, version: row.version,
                        acceptsAPIKeys: row.grants != nil, grantNames: grants, access: access,
                        rateLimit: limit, takesRequestAs: row.requestAs))
            }
        } catch {
            preconditionFailure("the built-in Lucid catalog is invalid: \(error)")
        }
        return catalog
    }()

    /// The grants a Lucid API key can hold, in index order (new ones go at the end: stores keep
    /// grants by name, but this is the order in which the catalog lists them), with what each allows.
    static let lucidGrants: [(name: String, summary: String)] = [
        ("User", "read the key's own user profile"),
        ("AccountReadonly", "read the account, its classifications and its users"),
        ("AccountAdmin", "list the account's users"),
        ("DocumentReadonly", "read documents, their contents, comments and collaborators; search documents"),
        ("DocumentEdit", "create, import, copy, trash and share documents; post comments"),
        ("DocumentAdmin", "read any document of the account in admin mode; search the account's documents"),
        ("FolderReadonly", "read folders, their contents and collaborators; search folders"),
        ("FolderEdit", "create, change, trash, restore and share folders"),
        ("FolderAdmin", "search folders with admin permissions in admin mode"),
        ("TeamsReadonly", "read teams and their members"),
        ("TeamsEdit", "create, change, archive and restore teams; add and remove members"),
        ("TeamsAdmin", "read and manage teams with admin permissions in admin mode"),
        ("LegalHoldReadonly", "read legal holds, their users and documents"),
        ("LegalHoldEdit", "create, change and release legal holds; add and remove their users"),
        ("LicensesAdmin", "read subscriptions and licenses; grant user licenses"),
        ("RepositoryRead", "read repositories, their user and group collaborators"),
        ("RepositoryEdit", "create repositories; add and remove their users and groups"),
        ("CloudReadonly", "read cloud credentials and data sources"),
        ("CloudEdit", "create and change cloud credentials, data sources and models from them"),
    ]

    /// One operation of Lucid's REST API, in the order of Lucid's description.
    struct LucidRow {
        let method: String
        let path: StaticString
        /// Accepted grants, comma-separated; `""` for any grant; nil when API keys are refused.
        let grants: String?
        var access = "none"
        var version = 1
        var limit: String? = nil
        var requestAs = false

        /// An operation that accepts API keys holding one of `grants` (`""`: any grant).
        static func key(
            _ method: String, _ path: StaticString, _ grants: String, access: String = "none",
            version: Int = 1, limit: String? = nil, requestAs: Bool = false
        ) -> LucidRow {
            LucidRow(
                method: method, path: path, grants: grants, access: access, version: version, limit: limit,
                requestAs: requestAs)
        }

        /// An operation that refuses API keys (OAuth 2.0 only, or no security at all).
        static func oauth(_ method: String, _ path: StaticString, limit: String? = nil) -> LucidRow {
            LucidRow(method: method, path: path, grants: nil, limit: limit)
        }
    }

    /// Lucid's operations: method, path without its `/v1` or `/v2` prefix (`version:` when not
    /// 1), the accepted API-key grants (`.oauth`: keys refused; `""`: any grant), keysmith's
    /// access rule (README, "Access rules of the default catalog"), the rate limit Lucid states
    /// (per account) and whether the operation takes `Lucid-Request-As`.
    /// `GET /documents/picker` is written `/documents/picker?token=:token` by Lucid: the query is
    /// not part of a path template.
    static let lucidRows: [LucidRow] = [
        .oauth("POST", "/oauth2/token"),
        .oauth("POST", "/oauth2/token/introspect"),
        .oauth("POST", "/oauth2/token/revoke"),
        .key("GET", "/accounts/me", "AccountReadonly"),
        .key("GET", "/accounts/me/classifications", "AccountReadonly"),
        .key("POST", "/accounts/me/documents/search", "DocumentAdmin", access: "admin", limit: "300/5s", requestAs: true),
        .key("POST", "/accounts/me/legalHolds", "LegalHoldEdit", access: "admin"),
        .key("GET", "/accounts/me/legalHolds", "LegalHoldReadonly", access: "admin"),
        .key("POST", "/accounts/me/legalHolds/{legalHoldId}/users/add", "LegalHoldEdit", access: "admin"),
        .key("POST", "/accounts/me/legalHolds/{legalHoldId}/users/remove", "LegalHoldEdit", access: "admin"),
        .key("PATCH", "/accounts/me/legalHolds/{legalHoldId}", "LegalHoldEdit", access: "admin"),
        .key("POST", "/accounts/me/legalHolds/{legalHoldId}/release", "LegalHoldEdit", access: "admin"),
        .key("GET", "/accounts/me/legalHolds/{legalHoldId}/users", "LegalHoldReadonly", access: "admin"),
        .key("GET", "/accounts/me/legalHoldDocuments/{legalHoldId}", "LegalHoldReadonly", access: "admin"),
        .key("GET", "/documents/{id}/shares/users/{userId}", "DocumentReadonly", access: "view id"),
        .key("PUT", "/documents/{id}/shares/users/{userId}", "DocumentEdit", access: "edit id"),
        .key("DELETE", "/documents/{id}/shares/users/{userId}", "DocumentEdit", access: "edit id"),
        .key("GET", "/documents/{id}/shares/users", "DocumentReadonly", access: "view id"),
        .key("GET", "/documents/{id}/shares/teams/{teamId}", "DocumentReadonly", access: "view id"),
        .key("PUT", "/documents/{id}/shares/teams/{teamId}", "DocumentEdit", access: "edit id"),
        .key("DELETE", "/documents/{id}/shares/teams/{teamId}", "DocumentEdit", access: "edit id"),
        .key("GET", "/folders/{id}/shares/users/{userId}", "FolderReadonly", access: "view id"),
        .key("PUT", "/folders/{id}/shares/users/{userId}", "FolderEdit", access: "edit id"),
        .key("DELETE", "/folders/{id}/shares/users/{userId}", "FolderEdit", access: "edit id"),
        .key("GET", "/folders/{id}/shares/users", "FolderReadonly", access: "view id"),
        .key("GET", "/folders/{id}/shares/groups/{groupId}", "FolderReadonly", access: "view id"),
        .key("PUT", "/folders/{id}/shares/groups/{groupId}", "FolderEdit", access: "edit id"),
        .key("DELETE", "/folders/{id}/shares/groups/{groupId}", "FolderEdit", access: "edit id"),
        .key("GET", "/folders/{id}/shares/groups", "FolderReadonly", access: "view id"),
        .key("GET", "/folders/{id}/shares/teams/{teamId}", "FolderReadonly", access: "view id"),
        .key("PUT", "/folders/{id}/shares/teams/{teamId}", "FolderEdit", access: "edit id"),
        .key("DELETE", "/folders/{id}/shares/teams/{teamId}", "FolderEdit", access: "edit id"),
        .key("POST", "/documents", "DocumentEdit"),
        .key("POST", "/documents/create", "DocumentEdit"),
        .key("POST", "/documents/import", "DocumentEdit"),
        .key("POST", "/documents/copy", "DocumentEdit"),
        .key("GET", "/documents/{id}", "DocumentReadonly,DocumentAdmin", access: "view id", limit: "75/5s", requestAs: true),
        .oauth("PATCH", "/documents/{id}"),
        .key("POST", "/documents/{id}/trash", "DocumentEdit", access: "edit id"),
        .key("POST", "/documents/search", "DocumentReadonly", limit: "300/5s"),
        .key("GET", "/documents/{id}/contents", "DocumentReadonly", access: "view id", limit: "100/5s"),
        .oauth("GET", "/embeds"),
        .oauth("POST", "/embeds/token"),
        .key("GET", "/folders/{id}", "FolderReadonly", access: "view id"),
        .key("PATCH", "/folders/{id}", "FolderEdit", access: "edit id"),
        .key("POST", "/folders", "FolderEdit"),
        .key("POST", "/folders/{id}/trash", "FolderEdit", access: "edit id"),
        .key("POST", "/folders/{id}/restore", "FolderEdit", access: "edit id"),
        .key("POST", "/folders/search", "FolderReadonly,FolderAdmin", limit: "300/5s", requestAs: true),
        .key("GET", "/folders/{id}/contents", "FolderReadonly", access: "view id"),
        .key("GET", "/folders/root/contents", "FolderReadonly"),
        .oauth("GET", "/folders/app/contents"),
        .oauth("GET", "/documents/{id}/shares/shareLinks/{shareLinkId}"),
        .oauth("PATCH", "/documents/{id}/shares/shareLinks/{shareLinkId}"),
        .oauth("DELETE", "/documents/{id}/shares/shareLinks/{shareLinkId}"),
        .oauth("POST", "/documents/{id}/shares/shareLinks"),
        .oauth("GET", "/folders/{id}/shares/shareLinks/{shareLinkId}"),
        .oauth("PATCH", "/folders/{id}/shares/shareLinks/{shareLinkId}"),
        .oauth("DELETE", "/folders/{id}/shares/shareLinks/{shareLinkId}"),
        .oauth("POST", "/folders/{id}/shares/shareLinks"),
        .oauth("POST", "/shareLink/{shareLinkId}/accept"),
        .oauth("POST", "/transferUserContent", limit: "30/5s"),
        .key("GET", "/users/{id}", "AccountReadonly"),
        .key("GET", "/users", "AccountAdmin", access: "admin"),
        .oauth("POST", "/users"),
        .key("POST", "/users/searchByEmail", "AccountReadonly"),
        .key("GET", "/users/me/profile", "User"),
        .key("POST", "/describeLink", ""),
        .oauth("GET", "/embeds/link"),
        .oauth("GET", "/documents/{documentId}/embeds/{embedId}"),
        .oauth("DELETE", "/documents/{documentId}/embeds/{embedId}"),
        .oauth("GET", "/documents/{documentId}/embeds/{embedId}/document"),
        .oauth("POST", "/documents/{id}/embeds"),
        .oauth("POST", "/documents/{documentId}/embeds/{embedId}/changeVersion"),
        .oauth("POST", "/documents/pickerToken"),
        .oauth("GET", "/documents/picker"),
        .oauth("GET", "/auditLogs"),
        .oauth("POST", "/auditLogs/query"),
        .key("GET", "/teams", "TeamsReadonly,TeamsAdmin", requestAs: true),
        .key("POST", "/teams", "TeamsEdit,TeamsAdmin", requestAs: true),
        .key("GET", "/teams/{id}", "TeamsReadonly,TeamsAdmin", requestAs: true),
        .key("PATCH", "/teams/{id}", "TeamsEdit,TeamsAdmin", requestAs: true),
        .key("GET", "/teams/{id}/users", "TeamsReadonly,TeamsAdmin", requestAs: true),
        .key("POST", "/teams/{id}/users/add", "TeamsEdit,TeamsAdmin", requestAs: true),
        .key("POST", "/teams/{id}/users/remove", "TeamsEdit,TeamsAdmin", requestAs: true),
        .key("POST", "/teams/{id}/archive", "TeamsEdit,TeamsAdmin", requestAs: true),
        .key("POST", "/teams/{id}/restore", "TeamsEdit,TeamsAdmin", requestAs: true),
        .key("GET", "/credentials/aws/externalId", "CloudReadonly"),
        .key("POST", "/credentials/aws", "CloudEdit"),
        .key("PATCH", "/credentials/aws/{awsCredentialId}", "CloudEdit"),
        .key("POST", "/credentials/azure", "CloudEdit"),
        .key("PATCH", "/credentials/azure/{azureCredentialId}", "CloudEdit"),
        .key("POST", "/credentials/googleCloud", "CloudEdit"),
        .key("PATCH", "/credentials/googleCloud/{googleCloudCredentialId}", "CloudEdit"),
        .key("GET", "/credentials", "CloudReadonly"),
        .key("GET", "/credentials/{credentialId}", "CloudReadonly"),
        .key("DELETE", "/credentials/{credentialId}", "CloudEdit"),
        .key("GET", "/dataSources/aws/resources", ""),
        .key("GET", "/dataSources/aws/regions", "", version: 2),
        .key("GET", "/dataSources/azure/resources", ""),
        .key("GET", "/dataSources/googleCloud/resources", ""),
        .key("POST", "/dataSources/aws", "CloudEdit"),
        .key("GET", "/dataSources/aws/{jobReferenceId}/status", "CloudEdit"),
        .key("POST", "/dataSources/aws/{awsDataSourceId}", "CloudEdit"),
        .key("PATCH", "/dataSources/aws/{awsDataSourceId}", "CloudEdit"),
        .key("POST", "/dataSources/aws/{awsDataSourceId}/upload", "CloudEdit"),
        .key("GET", "/dataSources/aws/{awsDataSourceId}/{jobReferenceId}/status", "CloudEdit"),
        .key("POST", "/dataSources/azure", "CloudEdit"),
        .key("GET", "/dataSources/azure/{jobReferenceId}/status", "CloudEdit"),
        .key("POST", "/dataSources/azure/{azureDataSourceId}", "CloudEdit"),
        .key("PATCH", "/dataSources/azure/{azureDataSourceId}", "CloudEdit"),
        .key("POST", "/dataSources/azure/{azureDataSourceId}/upload", "CloudEdit"),
        .key("GET", "/dataSources/azure/{azureDataSourceId}/{jobReferenceId}/status", "CloudEdit"),
        .key("POST", "/dataSources/googleCloud", "CloudEdit"),
        .key("GET", "/dataSources/googleCloud/{jobReferenceId}/status", "CloudEdit"),
        .key("POST", "/dataSources/googleCloud/{googleCloudDataSourceId}", "CloudEdit"),
        .key("PATCH", "/dataSources/googleCloud/{googleCloudDataSourceId}", "CloudEdit"),
        .key("POST", "/dataSources/googleCloud/{googleCloudDataSourceId}/upload", "CloudEdit"),
        .key("GET", "/dataSources/googleCloud/{googleCloudDataSourceId}/{jobReferenceId}/status", "CloudEdit"),
        .key("GET", "/dataSources", "CloudReadonly"),
        .key("GET", "/dataSources/{dataSourceId}", "CloudReadonly"),
        .key("DELETE", "/dataSources/{dataSourceId}", "CloudEdit"),
        .key("GET", "/documents/cloud/aws/viewTemplates", ""),
        .key("GET", "/documents/cloud/azure/viewTemplates", ""),
        .key("GET", "/documents/cloud/googleCloud/viewTemplates", ""),
        .key("POST", "/documents/cloud/aws", "CloudEdit"),
        .key("GET", "/documents/cloud/aws/{jobReferenceId}/status", "CloudEdit"),
        .key("POST", "/documents/cloud/aws/{documentId}/sync", "CloudEdit", access: "edit document documentId"),
        .key("GET", "/documents/cloud/aws/{documentId}/sync/{jobReferenceId}/status", "CloudEdit", access: "view document documentId"),
        .key("POST", "/documents/cloud/azure", "CloudEdit"),
        .key("GET", "/documents/cloud/azure/{jobReferenceId}/status", "CloudEdit"),
        .key("POST", "/documents/cloud/azure/{documentId}/sync", "CloudEdit", access: "edit document documentId"),
        .key("GET", "/documents/cloud/azure/{documentId}/sync/{jobReferenceId}/status", "CloudEdit", access: "view document documentId"),
        .key("POST", "/documents/cloud/googleCloud", "CloudEdit"),
        .key("GET", "/documents/cloud/googleCloud/{jobReferenceId}/status", "CloudEdit"),
        .key("POST", "/documents/cloud/googleCloud/{documentId}/sync", "CloudEdit", access: "edit document documentId"),
        .key(
            "GET", "/documents/cloud/googleCloud/{documentId}/sync/{jobReferenceId}/status", "CloudEdit", access: "view document documentId"
        ),
        .key("GET", "/repositories", "RepositoryRead"),
        .key("POST", "/repositories", "RepositoryEdit"),
        .key("GET", "/repositories/{repositoryId}", "RepositoryRead"),
        .key("GET", "/repositories/{repositoryId}/users", "RepositoryRead"),
        .key("POST", "/repositories/{repositoryId}/users/add", "RepositoryEdit"),
        .key("POST", "/repositories/{repositoryId}/users/remove", "RepositoryEdit"),
        .key("GET", "/repositories/{repositoryId}/groups", "RepositoryRead"),
        .key("POST", "/repositories/{repositoryId}/groups/add", "RepositoryEdit"),
        .key("POST", "/repositories/{repositoryId}/groups/remove", "RepositoryEdit"),
        .key("GET", "/documents/{documentId}/threads", "DocumentReadonly", access: "view documentId"),
        .key("GET", "/documents/{documentId}/threads/{threadId}/comments", "DocumentReadonly", access: "view documentId"),
        .key("POST", "/documents/{documentId}/threads/{threadId}/comments", "DocumentEdit", access: "edit documentId"),
        .key("GET", "/subscriptions", "LicensesAdmin", access: "admin"),
        .key("GET", "/subscriptions/{id}", "LicensesAdmin", access: "admin"),
        .key("GET", "/subscriptions/{id}/licenses", "LicensesAdmin", access: "admin"),
        .key("GET", "/users/{id}/licenses", "LicensesAdmin", access: "admin"),
        .key("POST", "/users/{id}/licenses", "LicensesAdmin", access: "admin"),
    ]
}
