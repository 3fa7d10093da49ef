import KeysmithCore
import KeysmithPlatform
import KeysmithStore

/// `key create|list|show|rename|delete|roll`, and the two changes keys refuse (`key regrant`,
/// `key extend`), which exist so that asking gets a clear answer.
enum KeyCommands {
    static var all: [CommandSpec] { [create, list, show, rename, delete, roll, regrant, extend] }

    /// What the LEFT column of `key list` says: time to expiry (or to retirement, for a rolled
    /// key in its grace period), `never`, or `-` for a key that no longer works.
    static func timeLeft(_ info: KeyInfo) -> String {
        guard info.status == .active else { return "-" }
        if let retires = info.retiresIn { return "retires in \(retires.roughDescription)" }
        return info.timeLeft?.roughDescription ?? "never"
    }

    /// A key's fields, in display order (`secret` only in the result of `key create` and `key roll`).
    static let fieldNames = [
        "id", "name", "expires", "grants", "status", "owner", "created", "last_used", "left", "replaces",
        "replaced_by", "retires",
    ]
    static let fieldNamesWithSecret = ["id", "name", "secret"] + fieldNames.dropFirst(2)

    /// The key as a record; each field is computed when read, so a result nobody reads costs
    /// no formatting.
    static func record(_ info: KeyInfo, secret: String? = nil) -> Value {
        .record(
            Record(
                "key", summary: info.id.rawValue, payload: .key(info),
                fieldNames: secret == nil ? fieldNames : fieldNamesWithSecret
            ) { name in field(name, of: info, secret: secret) })
    }

    static func field(_ name: String, of info: KeyInfo, secret: String?) -> Value? {
        switch name {
        case "id": .string(info.id.rawValue)
        case "name": .string(info.name)
        case "secret": secret.map { .secret($0) }
        case "expires": .string(info.key.expiration.description)
        case "grants": .list(info.grantNames.map { .string($0) })
        case "status": .string(info.status.rawValue)
        case "owner": .string(info.key.owner)
        case "created": .string(info.key.createdAt.description)
        case "last_used": .string(info.key.lastUsedAt?.description ?? "never")
        case "left": .string(info.timeLeft?.description ?? (info.status == .active ? "never" : "none"))
        case "replaces": .string(info.key.replaces?.rawValue ?? "none")
        case "replaced_by": .string(info.key.replacedBy?.rawValue ?? "none")
        case "retires": .string(info.key.retiresAt?.description ?? "none")
        default: nil
        }
    }

    static let create = CommandSpec(
        named: "key create", summary: "creates a key for the acting user and shows its secret once",
        parameters: [Parameter("NAME", .keyName)],
        options: [
            OptionSpec(
                "expires", value: "DURATION|INSTANT|never", .expiration, required: true,
                help: "when the key stops working: 30d, 2026-01-31, 2026-01-31T00:00:00Z, or never"),
            OptionSpec("grants", value: "G1,G2", .grants, required: true, help: "what the key may call (see `grant list`)"),
        ],
        details: """
            The secret is printed once and never again; only its SHA-256 digest is stored.
            Expiration and grants are fixed at creation. --expires never works but is discouraged.
            Grants are shown in the catalog's order (see `grant list`), whatever order or spacing you type them in.
            Example: let k = key create ci --expires 30d --grants DocumentReadonly
            """
    ) { args in
        let name = try args.parameter("NAME"), expires = try args.option("expires"), grants = try args.option("grants")
        args.answerNow { call in
            guard call.service.answersWithoutSuspending,
                let created = try call.service.createKeyNow(
                    name: try call.text(name), expires: try call.expiration(expires), grants: try call.list(grants) ?? [],
                    actor: call.actor)
            else { return nil }
            return answer(created, call)
        }
        return .async { call in
            let created = try await call.service.createKey(
                name: try call.text(name), expires: try call.expiration(expires), grants: try call.list(grants) ?? [],
                actor: call.actor)
            return answer(created, call)
        }
    }

    /// Prints the new key and its secret (once); the key record when something reads it.
    private static func answer(_ created: CreatedKey, _ call: Invocation) -> Value {
        let info = created.info
        call.output.line("created key \(info.id) \"\(info.name)\" for \(info.key.owner)", style: .success)
        call.output.write("  secret:  ", style: .plain)
        call.output.write(created.secret, style: .secret)
        call.output.line("  (shown once; store it now)")
        call.output.line("  expires: \(info.key.expiration)")
        call.output.line("  grants:  \(info.grantNames.joined(separator: ", "))")
        if let warning = CommandHints.warning(for: created) { call.output.line("warning: \(warning)", style: .warning) }
        return call.resultIsUsed ? record(info, secret: created.secret) : .none
    }

    static let list = CommandSpec(
        named: "key list", summary: "lists the acting user's keys (never their secrets)",
        options: [
            OptionSpec(
                "expiring", value: "DURATION", .duration,
                help: "only active keys that expire within DURATION from now (7d, 12h)")
        ],
        details: """
            LEFT is the time until the key expires (rounded to two units), "retires in …" for a rolled
            key in its grace period, never, or - for a key that no longer works.
            Example: key list --expiring 7d
            """
    ) { args in
        let expiring = try args.option("expiring")
        return .async { call in try await listKeys(call, expiring: expiring) }
    }

    private static func listKeys(_ call: Invocation, expiring: ArgumentSlot) async throws -> Value {
        let window = try call.duration(expiring)
        let keys = try await call.service.keys(actor: call.actor, expiringWithin: window)
        guard !keys.isEmpty else {
            call.output.line(window.map { "\(call.actor) has no active keys expiring within \($0)" } ?? "\(call.actor) has no keys")
            return .list([])
        }
        var table = TextTable(["ID", "NAME", "STATUS", "EXPIRES", "LEFT", "GRANTS", "CREATED", "LAST USED"])
        for k in keys {
            let name = DisplayWidth.truncating(PrintableText.shown(k.name), toColumns: 40)
            table.add([
                k.id.rawValue, name, k.status.rawValue, k.key.expiration.description, timeLeft(k),
                k.grantNames.joined(separator: ","), k.key.createdAt.description, k.key.lastUsedAt?.description ?? "never",
            ])
        }
        call.output.write(table.rendered, style: .plain)
        return .list(keys.map { record($0) })
    }

    static let show = CommandSpec(
        named: "key show", summary: "shows one of the acting user's keys", parameters: [Parameter("ID", .keyID)]
    ) { args in
        let id = try args.parameter("ID")
        return .async { call in try await showKey(call, id: id) }
    }

    private static func showKey(_ call: Invocation, id: ArgumentSlot) async throws -> Value {
        let info = try await call.service.key(try call.keyID(id), actor: call.actor)
        call.output.line("key \(info.id)")
        // Names are printable now; a store written before may still hold anything.
        call.output.line("  name:      \(PrintableText.shown(info.name))")
        call.output.line("  owner:     \(info.key.owner)")
        call.output.line("  status:    \(info.status.rawValue)")
        call.output.line("  expires:   \(info.expiryDescription)")
        call.output.line("  grants:    \(info.grantNames.joined(separator: ", "))")
        call.output.line("  created:   \(info.key.createdAt)")
        call.output.line("  last used: \(info.key.lastUsedAt?.description ?? "never")")
        if let replaced = info.key.replaces { call.output.line("  replaces:  \(replaced) (rolled into this key)") }
        if let replacement = info.key.replacedBy, let retires = info.key.retiresAt {
            let when =
                info.status == .active
                ? "retires at \(retires) (in \(info.retiresIn!.roughDescription))"
                : info.key.deletedAt == nil ? "retired on \(retires)" : "deleted during its grace period"
            call.output.line("  rolled:    replaced by \(replacement); \(when)")
        }
        if let deleted = info.key.deletedAt { call.output.line("  deleted:   \(deleted)") }
        return record(info)
    }

    static let rename = CommandSpec(
        named: "key rename", summary: "renames one of the acting user's keys",
        parameters: [Parameter("ID", .keyID), Parameter("NAME", .keyName)]
    ) { args in
        let id = try args.parameter("ID"), name = try args.parameter("NAME")
        return .async { call in
            let info = try await call.service.renameKey(try call.keyID(id), to: try call.text(name), actor: call.actor)
            call.output.line("renamed key \(info.id) to \"\(info.name)\"")
            return record(info)
        }
    }

    static let delete = CommandSpec(
        named: "key delete", summary: "deletes one of the acting user's keys (it stays listed as deleted)",
        parameters: [Parameter("ID", .keyID)]
    ) { args in
        let id = try args.parameter("ID")
        return .async { call in try await deleteKey(call, id: id) }
    }

    private static func deleteKey(_ call: Invocation, id: ArgumentSlot) async throws -> Value {
        let info = try await call.service.deleteKey(try call.keyID(id), actor: call.actor)
        call.output.line("deleted key \(info.id) \"\(PrintableText.shown(info.name))\"")
        if let previous = info.key.replaces, let old = try? await call.service.key(previous, actor: call.actor),
            old.endedAt == info.asOf, old.key.deletedAt == nil
        {
            call.output.line("  key \(previous), which it replaced, retired with it (its grace period ended)")
        }
        return record(info)
    }

    static let roll = CommandSpec(
        named: "key roll", summary: "replaces a key with a new one (new secret, same name, grants and expiration)",
        parameters: [Parameter("ID", .keyID)],
        options: [
            OptionSpec(
                "grace", value: "DURATION", .duration,
                help: "keep the old key working this long (never past its own expiration); default (or 0s): retire it now")
        ],
        details: """
            The new key's secret is printed once. The old key retires at once, or after --grace, and is then
            denied as deleted, naming the key that replaced it. Expired, deleted and already rolled keys
            cannot be rolled: an expired key cannot be refreshed; create a new key.
            Example: let k2 = key roll $k --grace 1h
            """
    ) { args in
        let id = try args.parameter("ID"), grace = try args.option("grace")
        return .async { call in try await rollKey(call, id: id, grace: grace) }
    }

    private static func rollKey(_ call: Invocation, id: ArgumentSlot, grace graceSlot: ArgumentSlot) async throws -> Value {
        // `--grace 0s` is the default spelled out: retire now.
        let zero = try call.optionalText(graceSlot).map {
            $0.count >= 2 && $0.dropLast().allSatisfy { $0 == "0" } && "smhdw".contains($0.last!)
        }
        let grace = zero == true ? nil : try call.duration(graceSlot)
        let rolled = try await call.service.rollKey(try call.keyID(id), grace: grace, actor: call.actor)
        let info = rolled.created.info
        let old = rolled.replaced
        call.output.line("rolled key \(old.id) into key \(info.id) \"\(PrintableText.shown(info.name))\"", style: .success)
        call.output.write("  secret:  ", style: .plain)
        call.output.write(rolled.created.secret, style: .secret)
        call.output.line("  (shown once; store it now)")
        call.output.line("  expires: \(info.key.expiration)")
        call.output.line("  grants:  \(info.grantNames.joined(separator: ", "))")
        if old.status == .active, let retires = old.key.retiresAt {
            call.output.line("  \(old.id) keeps working until \(retires) (grace \(old.retiresIn!.roughDescription)), then retires")
        } else {
            call.output.line("  \(old.id) retired now")
        }
        if let warning = rolled.created.warning { call.output.line("warning: \(warning)", style: .warning) }
        return record(info, secret: rolled.created.secret)
    }

    static let regrant = CommandSpec(
        named: "key regrant", summary: "refuses: grants are fixed at creation (create a new key)",
        parameters: [Parameter("ID", .keyID)],
        options: [OptionSpec("grants", value: "G1,G2", .grants, required: true, help: "the grants you wanted")]
    ) { args in
        let id = try args.parameter("ID"), grants = try args.option("grants")
        return .async { call in
            try await call.service.changeGrants(try call.keyID(id), to: try call.list(grants) ?? [], actor: call.actor)
            return .none
        }
    }

    static let extend = CommandSpec(
        named: "key extend", summary: "refuses: expirations are fixed and expired keys cannot be renewed",
        parameters: [Parameter("ID", .keyID)],
        options: [
            OptionSpec(
                "expires", value: "DURATION|INSTANT|never", .expiration,
                help: "the expiration you wanted (optional: the answer is the same)")
        ]
    ) { args in
        let id = try args.parameter("ID"), expires = try args.option("expires")
        return .async { call in
            // The refusal is on principle, so it comes first: a missing or malformed --expires is
            // never what the command complains about (the service does not read the expiration).
            let wanted = (try? call.expiration(expires)) ?? .never
            try await call.service.extendKey(try call.keyID(id), to: wanted, actor: call.actor)
            return .none
        }
    }
}
