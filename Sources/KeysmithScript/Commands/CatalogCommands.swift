import KeysmithCore
import KeysmithStore

/// The catalog (`grant list`, `endpoint list`, `endpoint add`) and the audit log (`log`).
enum CatalogCommands {
    static var all: [CommandSpec] { [grantList, endpointList, endpointAdd, log] }

    static let grantList = CommandSpec("grant list", summary: "lists the grant names a key can hold, and what each allows") { call in
        let catalog = try await call.service.catalog()
        var table = TextTable(["GRANT", "ALLOWS"])
        for (index, name) in catalog.grantNames.enumerated() {
            let summary = catalog.grantSummaries[name] ?? "custom grant"
            table.add([name, summary + (catalog.adminGrants.contains(index) ? " (account admins only)" : "")])
        }
        call.output.write(table.rendered, style: .plain)
        return .list(catalog.grantNames.map { .string($0) })
    }

    static let endpointList = CommandSpec(
        "endpoint list", summary: "lists the catalog's endpoints, all or those under a path or accepting a grant",
        parameters: [Parameter("PREFIX", .path, optional: true)],
        options: [OptionSpec("grant", value: "GRANT", .grants, help: "only endpoints that list this grant")],
        details: """
            PREFIX keeps the endpoints whose path starts with it, segment by segment (/teams lists
            /teams and /teams/{id}/users, not /teamsX). API KEY "any grant": the endpoint accepts
            API keys but lists no grant, so a key holding any grant may call it. RATE LIMIT is the
            limit the API states (per account). ADMIN MODE "yes": the endpoint takes Lucid-Request-As
            (check --as-admin). Examples: endpoint list /teams; endpoint list --grant TeamsEdit
            """
    ) { call in
        let catalog = try await call.service.catalog()
        let prefix = call.argument("PREFIX") == nil ? nil : try call.text("PREFIX")
        if let prefix, !prefix.hasPrefix("/") {
            throw call.usageError("a path prefix starts with /: \(PrintableText.shown(prefix))", at: call.argument("PREFIX")?.location)
        }
        let grant = try call.optionText("grant")
        if let grant, !catalog.isGrant(grant) {
            throw KeysmithError.unknownGrant(grant, suggestion: Suggestions.closest(to: grant, in: catalog.grantNames),
                                             known: catalog.grantNames)
        }
        let shown = catalog.endpoints(pathPrefix: prefix, grant: grant)
        var table = TextTable(["METHOD", "PATH", "API KEY", "GRANTS (any one)", "ACCESS", "RATE LIMIT", "ADMIN MODE"])
        for e in shown {
            table.add([e.method, e.displayPath + (e.isCustom ? " (custom)" : ""),
                       e.acceptsAnyGrant ? "any grant" : e.acceptsAPIKeys ? "yes" : "no",
                       e.acceptsAPIKeys && !e.acceptsAnyGrant ? e.grantNames.joined(separator: ",") : "-",
                       e.acceptsAPIKeys ? e.access.description : "-",
                       e.rateLimit.map { "\($0.count)/\($0.period)" } ?? "-", e.takesRequestAs ? "yes" : "-"])
        }
        let what = [prefix.map { "under \($0)" }, grant.map { "accepting \($0)" }].compactMap { $0 }.joined(separator: " ")
        call.output.write(shown.isEmpty ? "no endpoint \(what)\n" : table.rendered, style: .plain)
        return .number(shown.count)
    }

    static let endpointAdd = CommandSpec(
        "endpoint add", summary: "adds an endpoint to the catalog; new grant names join the grant list",
        parameters: [Parameter("METHOD", .method), Parameter("PATH", .path)],
        options: [
            OptionSpec("grants", value: "G1,G2", .grants, help: "accepted grants, any one suffices (required unless --no-api-key)"),
            OptionSpec("access", value: "RULE", .accessRule, help: "none (default), admin, view P or edit P for a path parameter P"),
            OptionSpec("no-api-key", value: nil, .text, help: "the endpoint does not accept API keys"),
        ],
        details: "Example: endpoint add GET /reports/{id} --grants ReportRead --access \"view document id\""
    ) { call in
        let endpoint = try await call.service.addEndpoint(
            method: try call.text("METHOD"), path: try call.text("PATH"), grants: try call.list("grants") ?? [],
            access: try call.optionText("access"), acceptsAPIKeys: !call.has("no-api-key"), actor: call.actor)
        let what = endpoint.acceptsAPIKeys
            ? "grants \(endpoint.grantNames.joined(separator: ",")); access \(endpoint.access)" : "no API keys"
        call.output.line("added endpoint \(endpoint.signature) (\(what))")
        return .string(endpoint.signature)
    }

    static let log = CommandSpec(
        "log", summary: "shows the audit log, oldest first",
        options: [OptionSpec("limit", value: "N", .count, help: "only the newest N entries")]
    ) { call in
        let limit = try call.optionText("limit").map { try call.count($0, named: "--limit", minimum: 1, at: call.options["limit"]?.location) }
        let entries = try await call.service.auditLog(limit: limit)
        var table = TextTable(["#", "TIME", "ACTOR", "ACTION", "KEY", "OUTCOME", "DETAIL"])
        for e in entries {
            table.add([String(e.sequence), e.time.description, e.actor, e.action, e.keyID?.rawValue ?? "-", e.outcome, e.detail])
        }
        call.output.write(entries.isEmpty ? "the audit log is empty\n" : table.rendered, style: .plain)
        return .number(entries.count)
    }
}
