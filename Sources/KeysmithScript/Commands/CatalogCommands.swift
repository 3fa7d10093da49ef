import KeysmithCore
import KeysmithStore

/// The catalog (`grant list`, `endpoint list`, `endpoint add`) and the audit log (`log`).
enum CatalogCommands {
    static var all: [CommandSpec] { [grantList, endpointList, endpointAdd, endpointLimit, log] }

    /// `300 requests per 5s per account`, for sentences.
    static func limitSentence(_ limit: RateLimit) -> String {
        "\(limit.count) request\(limit.count == 1 ? "" : "s") per \(limit.period) per \(limit.scope.rawValue)"
    }

    /// `300/5s per account`, or `-`.
    static func limitText(_ limit: RateLimit?) -> String {
        limit.map { "\($0.count)/\($0.period) per \($0.scope.rawValue)" } ?? "-"
    }

    static let grantList = CommandSpec(named: "grant list", summary: "lists the grant names a key can hold, and what each allows") { _ in
        return .async { call in
            let catalog = try await call.service.catalog()
            var table = TextTable(["GRANT", "ALLOWS"])
            for (index, name) in catalog.grantNames.enumerated() {
                let summary = catalog.grantSummaries[name] ?? "custom grant"
                table.add([name, summary + (catalog.adminGrants.contains(index) ? " (account admins only)" : "")])
            }
            call.output.write(table.rendered, style: .plain)
            return .list(catalog.grantNames.map { .string($0) })
        }
    }

    static let endpointList = CommandSpec(
        named: "endpoint list", summary: "lists the catalog's endpoints, all or those under a path or accepting a grant",
        parameters: [Parameter("PREFIX", .path, optional: true)],
        options: [OptionSpec("grant", value: "GRANT", .grants, help: "only endpoints that list this grant")],
        details: """
            PREFIX keeps the endpoints whose path starts with it, segment by segment (/teams lists
            /teams and /teams/{id}/users, not /teamsX). API KEY "any grant": the endpoint accepts
            API keys but lists no grant, so a key holding any grant may call it. RATE LIMIT is the
            endpoint's limit: the one the API states (per account), or one set with `endpoint limit`. ADMIN MODE "yes": the endpoint takes Lucid-Request-As
            (check --as-admin). Examples: endpoint list /teams; endpoint list --grant TeamsEdit
            """
    ) { args in
        let prefixSlot = try args.parameter("PREFIX")
        let grantSlot = try args.option("grant")
        return .async { call in
            let catalog = try await call.service.catalog()
            let prefix = call[prefixSlot] == nil ? nil : try call.text(prefixSlot)
            if let prefix, !prefix.hasPrefix("/") {
                throw call.usageError("a path prefix starts with /: \(PrintableText.shown(prefix))", at: call[prefixSlot]?.location)
            }
            let grant = try call.optionalText(grantSlot)
            if let grant, !catalog.isGrant(grant) {
                throw KeysmithError.unknownGrant(
                    grant, suggestion: Suggestions.closest(to: grant, in: catalog.grantNames),
                    known: catalog.grantNames)
            }
            let shown = catalog.endpoints(pathPrefix: prefix, grant: grant)
            var table = TextTable(["METHOD", "PATH", "API KEY", "GRANTS (any one)", "ACCESS", "RATE LIMIT", "ADMIN MODE"])
            for e in shown {
                table.add([
                    e.method, e.displayPath + (e.isCustom ? " (custom)" : ""),
                    e.acceptsAnyGrant ? "any grant" : e.acceptsAPIKeys ? "yes" : "no",
                    e.acceptsAPIKeys && !e.acceptsAnyGrant ? e.grantNames.joined(separator: ",") : "-",
                    e.acceptsAPIKeys ? e.access.description : "-",
                    limitText(e.rateLimit), e.takesRequestAs ? "yes" : "-",
                ])
            }
            let what = [prefix.map { "under \($0)" }, grant.map { "accepting \($0)" }].compactMap { $0 }.joined(separator: " ")
            call.output.write(shown.isEmpty ? "no endpoint \(what)\n" : table.rendered, style: .plain)
            return .number(shown.count)
        }
    }

    static let endpointAdd = CommandSpec(
        named: "endpoint add", summary: "adds an endpoint to the catalog; new grant names join the grant list",
        parameters: [Parameter("METHOD", .method), Parameter("PATH", .path)],
        options: [
            OptionSpec("grants", value: "G1,G2", .grants, help: "accepted grants, any one suffices (required unless --no-api-key)"),
            OptionSpec("access", value: "RULE", .accessRule, help: "none (default), admin, view P or edit P for a path parameter P"),
            OptionSpec("no-api-key", value: nil, .text, help: "the endpoint does not accept API keys"),
        ],
        details: "Example: endpoint add GET /reports/{id} --grants ReportRead --access \"view document id\""
    ) { args in
        let methodSlot = try args.parameter("METHOD")
        let pathSlot = try args.parameter("PATH")
        let grantsSlot = try args.option("grants")
        let accessSlot = try args.option("access")
        let noApiKeySlot = try args.flag("no-api-key")
        return .async { call in
            let endpoint = try await call.service.addEndpoint(
                method: try call.text(methodSlot), path: try call.text(pathSlot), grants: try call.list(grantsSlot) ?? [],
                access: try call.optionalText(accessSlot), acceptsAPIKeys: !call.has(noApiKeySlot), actor: call.actor)
            let what =
                endpoint.acceptsAPIKeys
                ? "grants \(endpoint.grantNames.joined(separator: ",")); access \(endpoint.access)" : "no API keys"
            call.output.line("added endpoint \(endpoint.signature) (\(what))")
            return .string(endpoint.signature)
        }
    }

    static let endpointLimit = CommandSpec(
        named: "endpoint limit", summary: "sets or removes an endpoint's rate limit (N requests per DURATION)",
        parameters: [Parameter("METHOD", .method), Parameter("PATH", .path), Parameter("N/DURATION", .rateLimit, optional: true)],
        options: [
            OptionSpec(
                "per", value: "account|user|key", .choice(RateLimit.Scope.allCases.map(\.rawValue)),
                help: "what requests are counted per (default: account)"),
            OptionSpec("off", value: nil, .text, help: "remove the endpoint's limit"),
        ],
        details: """
            PATH is the endpoint's template as `endpoint list` shows it (/documents/{id}). An allowed request
            is counted; one over the limit is denied rate_limited (429) with the seconds until a request
            would be allowed. Denied requests count toward nothing. A window starts with the first request
            it counts and lasts DURATION, on the session's clock (clock advance moves it).
            Examples: endpoint limit POST /documents/search 10/1m --per user; endpoint limit GET /documents/{id} --off
            """
    ) { args in
        let methodSlot = try args.parameter("METHOD")
        let pathSlot = try args.parameter("PATH")
        let nDurationSlot = try args.parameter("N/DURATION")
        let perSlot = try args.option("per")
        let offSlot = try args.flag("off")
        return .async { call in
            let off = call.has(offSlot)
            let limitArgument = call[nDurationSlot]
            if off && limitArgument != nil {
                throw call.usageError("give N/DURATION or --off, not both", at: limitArgument?.location)
            }
            if off, let per = call[perSlot] {
                throw call.usageError("--per applies to a limit; --off removes the limit", at: per.location)
            }
            var limit: RateLimit?
            if !off {
                guard let limitArgument else {
                    throw call.usageError("missing N/DURATION (such as 300/5s), or --off to remove the limit")
                }
                let scope = try call.choice(perSlot).flatMap(RateLimit.Scope.init(rawValue:)) ?? .account
                let text = try call.text(nDurationSlot)
                do throws(KeysmithError) {
                    limit = try RateLimit(validating: text, scope: scope)
                } catch {
                    throw call.usageError(error.description, at: limitArgument.location)
                }
            }
            let method = try call.text(methodSlot), path = try call.text(pathSlot)
            let before = try? await call.service.catalog().endpoint(method: method, template: try PathTemplate(parsing: path))
            let endpoint = try await call.service.setRateLimit(limit, method: method, path: path, actor: call.actor)
            if let limit {
                call.output.line("\(endpoint.signature) now allows \(limitSentence(limit))")
            } else if before?.rateLimit == nil {
                call.output.line("\(endpoint.signature) has no rate limit; nothing to remove")
            } else {
                call.output.line("removed the rate limit of \(endpoint.signature)")
            }
            return .string(limitText(endpoint.rateLimit))
        }
    }

    static let log = CommandSpec(
        named: "log", summary: "shows the audit log, oldest first",
        options: [OptionSpec("limit", value: "N", .count, help: "only the newest N entries")]
    ) { args in
        let limitSlot = try args.option("limit")
        return .async { call in
            let limit = try call.optionalText(limitSlot).map {
                try call.count($0, named: "--limit", minimum: 1, at: call[limitSlot]?.location)
            }
            let entries = try await call.service.auditLog(limit: limit)
            var table = TextTable(["#", "TIME", "ACTOR", "ACTION", "KEY", "OUTCOME", "DETAIL"])
            for e in entries {
                table.add([
                    String(e.sequence), e.time.description, e.actor, e.action.rawValue, e.keyID?.rawValue ?? "-",
                    e.outcome.description, e.detail.description,
                ])
            }
            call.output.write(entries.isEmpty ? "the audit log is empty\n" : table.rendered, style: .plain)
            return .number(entries.count)
        }
    }
}
