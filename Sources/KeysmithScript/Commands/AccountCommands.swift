import KeysmithCore
import KeysmithStore

/// The account (its API-key switch), users, the acting user, documents, folders and shares.
enum AccountCommands {
    static var all: [CommandSpec] { [account, apiKeys, userAdd, userList, actAs, docAdd, folderAdd, share, docList] }

    static func accountRecord(_ state: AccountState) -> Value {
        .record(
            Record(
                "account", summary: state.apiKeysEnabled ? "api-keys on" : "api-keys off",
                fields: [
                    ("api_keys", .string(state.apiKeysEnabled ? "on" : "off")),
                    ("users", .number(state.users.count)),
                    ("admins", .list(state.users.filter(\.isAdmin).map { .string($0.name) })),
                ], payload: .account(state)))
    }

    static let account = CommandSpec(
        named: "account", summary: "shows the account: whether API keys are on, and its users"
    ) { _ in
        return .async { call in
            let state = try await call.service.account()
            call.output.line("API keys: \(state.apiKeysEnabled ? "on" : "off (no key can be created and no key authenticates)")")
            let admins = state.users.filter(\.isAdmin).map(\.name)
            call.output.line("users: \(state.users.count); admins: \(admins.isEmpty ? "none" : admins.joined(separator: ", "))")
            return accountRecord(state)
        }
    }

    static let apiKeys = CommandSpec(
        named: "account api-keys", summary: "turns API keys on or off for the whole account (admins only)",
        parameters: [Parameter("on|off", .choice(["on", "off"]))],
        details: """
            While off, no key can be created or rolled and every check of a live key is denied
            api_keys_disabled (403), after unknown_key, deleted and expired. Keys are not deleted:
            turning API keys on again makes every unexpired, undeleted key work again.
            Example: user add root --admin; as root; account api-keys off
            """
    ) { args in
        let onOffSlot = try args.parameter("on|off")
        return .async { call in
            let enabled = try call.choice(onOffSlot) == "on"
            let before = try await call.service.account().apiKeysEnabled
            let state = try await call.service.setAPIKeys(enabled: enabled, actor: call.actor)
            if before == enabled {
                call.output.line("API keys are already \(enabled ? "on" : "off") for the account; nothing changed")
            } else {
                call.output.line(
                    enabled
                        ? "API keys are on for the account: every unexpired, undeleted key works again"
                        : "API keys are off for the account: no key authenticates until an admin turns them on")
            }
            return accountRecord(state)
        }
    }

    static func userRecord(_ user: User) -> Value {
        .record(
            Record(
                "user", summary: user.name, fields: [("name", .string(user.name)), ("role", .string(user.role.rawValue))],
                payload: .user(user)))
    }

    static let userAdd = CommandSpec(
        named: "user add", summary: "adds a user to the account",
        parameters: [Parameter("NAME", .userName)],
        options: [OptionSpec("admin", value: nil, .text, help: "make the user an account admin")]
    ) { args in
        let nameSlot = try args.parameter("NAME")
        let adminSlot = try args.flag("admin")
        return .async { call in
            let user = try await call.service.addUser(
                try call.text(nameSlot), role: call.has(adminSlot) ? .admin : .member, actor: call.actor)
            call.output.line("added user \(user.name) (\(user.role.rawValue))")
            return userRecord(user)
        }
    }

    static let userList = CommandSpec(named: "user list", summary: "lists the account's users") { _ in
        return .async { call in
            let users = try await call.service.users()
            var table = TextTable(["USER", "ROLE"])
            for user in users { table.add([user.name + (user.name == call.actor ? " *" : ""), user.role.rawValue]) }
            call.output.write(table.rendered, style: .plain)
            return .list(users.map { .string($0.name) })
        }
    }

    static let actAs = CommandSpec(
        named: "as", summary: "acts as another user from now on",
        parameters: [Parameter("NAME", .userName)]
    ) { args in
        let nameSlot = try args.parameter("NAME")
        return .async { call in
            let user = try await call.service.user(named: try call.text(nameSlot))
            call.interpreter.actingUser = user.name
            call.output.line("acting as \(user.name) (\(user.role.rawValue))")
            return userRecord(user)
        }
    }

    static func resourceRecord(_ r: Resource) -> Value {
        .record(
            Record(
                r.kind.rawValue, summary: r.id,
                fields: [
                    ("id", .string(r.id)), ("owner", .string(r.owner)),
                    ("shares", .list(r.shares.keys.sorted().map { .string("\($0):\(r.shares[$0]!.rawValue)") })),
                ], payload: .resource(r)))
    }

    static func add(_ kind: ResourceKind) -> CommandSpec {
        let group = kind == .document ? "doc" : "folder"
        return CommandSpec(
            named: "\(group) add", summary: "adds a \(kind) owned by a user",
            parameters: [Parameter("ID", kind == .document ? .documentID : .folderID)],
            options: [OptionSpec("owner", value: "USER", .userName, required: true, help: "who owns it")]
        ) { args in
            let idSlot = try args.parameter("ID")
            let ownerSlot = try args.option("owner")
            return .async { call in
                let r = try await call.service.addResource(
                    kind, id: try call.text(idSlot), owner: try call.optionalText(ownerSlot)!, actor: call.actor)
                call.output.line("added \(kind) \(r.id) owned by \(r.owner)")
                return resourceRecord(r)
            }
        }
    }

    static let docAdd = add(.document)
    static let folderAdd = add(.folder)

    static let docList = CommandSpec(named: "resource list", summary: "lists documents and folders with their owners and shares") { _ in
        return .async { call in
            let resources = try await call.service.resources()
            var table = TextTable(["KIND", "ID", "OWNER", "SHARES"])
            for r in resources {
                table.add([
                    r.kind.rawValue, r.id, r.owner, r.shares.keys.sorted().map { "\($0):\(r.shares[$0]!.rawValue)" }.joined(separator: ","),
                ])
            }
            call.output.write(resources.isEmpty ? "no documents or folders\n" : table.rendered, style: .plain)
            return .none
        }
    }

    static let share = CommandSpec(
        named: "share", summary: "shares a document or folder with a user",
        parameters: [Parameter("doc|folder", .resourceKind), Parameter("ID", .documentID), Parameter("USER", .userName)],
        options: [OptionSpec("role", value: "view|edit", .shareRole, required: true, help: "what the user may do")]
    ) { args in
        let docFolderSlot = try args.parameter("doc|folder")
        let idSlot = try args.parameter("ID")
        let userSlot = try args.parameter("USER")
        let roleSlot = try args.option("role")
        return .async { call in
            let kindText = try call.text(docFolderSlot)
            let kind: ResourceKind
            switch kindText {
            case "doc", "document": kind = .document
            case "folder": kind = .folder
            default: throw call.usageError("\"\(kindText)\" is not doc or folder", at: call[docFolderSlot]?.location)
            }
            let roleText = try call.optionalText(roleSlot)!
            guard let role = ShareRole(rawValue: roleText) else {
                throw call.usageError("bad role \"\(roleText)\": use view or edit", at: call[roleSlot]?.location)
            }
            let r = try await call.service.share(
                kind, id: try call.text(idSlot), with: try call.text(userSlot), role: role, actor: call.actor)
            call.output.line("shared \(kind) \(r.id) with \(try call.text(userSlot)) (\(role.rawValue))")
            return resourceRecord(r)
        }
    }
}
