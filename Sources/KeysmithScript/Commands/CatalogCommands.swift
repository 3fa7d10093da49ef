import KeysmithCore
import KeysmithStore

/// The catalog (`grant list`, `endpoint list`, `endpoint add`) and the audit log (`log`).
enum CatalogCommands {
    static var all: [CommandSpec] { [grantList, endpointList, endpointAdd, log] }

    static let grantList = CommandSpec("grant list", summary: "lists the grant names a key can hold") { call in
        let catalog = try await call.service.catalog()
        for name in catalog.grantNames {
            call.output.line(name + (catalog.adminGrants.contains(catalog.grantNames.firstIndex(of: name)!) ? "  (admins only)" : ""))
        }
        return .list(catalog.grantNames.map { .string($0) })
    }

    static let endpointList = CommandSpec("endpoint list", summary: "lists the catalog's endpoints") { call in
        let catalog = try await call.service.catalog()
        var table = TextTable(["METHOD", "PATH", "API KEY", "GRANTS (any one)", "ACCESS"])
        for e in catalog.endpoints {
            table.add([e.method, e.path.description + (e.isCustom ? " (custom)" : ""), e.acceptsAPIKeys ? "yes" : "no",
                       e.acceptsAPIKeys ? e.grantNames.joined(separator: ",") : "-", e.acceptsAPIKeys ? e.access.description : "-"])
        }
        call.output.write(table.rendered, style: .plain)
        return .number(catalog.endpoints.count)
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
