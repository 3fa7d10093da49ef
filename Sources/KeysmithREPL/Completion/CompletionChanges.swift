import KeysmithCore
import KeysmithScript
import KeysmithStore

/// What the commands of one REPL line changed that Tab completion offers, noted as each command
/// completes (at any depth: inside `repeat`, `expect`, `let` or a sourced file), so the
/// ``CompletionSnapshot`` is brought up to date without reading the store again:
/// `key create` adds its key's id, `user add` its user, `doc add` and `folder add` their
/// resource. Commands that change nothing completion shows note nothing. Only `as` (another
/// user's keys), `endpoint add` (the catalog) and commands this table does not know (an
/// embedder's own) make the snapshot read the store.
package struct CompletionChanges: Sendable {
    package private(set) var newKeyIDs: [String] = []
    package private(set) var newUsers: [String] = []
    package private(set) var newDocuments: [String] = []
    package private(set) var newFolders: [String] = []
    /// The acting user changed: the keys offered are another user's.
    package private(set) var rereadsKeys = false
    /// An endpoint was added: paths and grant names may be new.
    package private(set) var rereadsCatalog = false
    /// A command whose effects are unknown ran.
    package private(set) var rereadsEverything = false
    /// A variable may have been bound.
    package private(set) var variablesChanged = false

    package init() {}

    /// True when nothing needs to change in the snapshot.
    package var isEmpty: Bool {
        newKeyIDs.isEmpty && newUsers.isEmpty && newDocuments.isEmpty && newFolders.isEmpty
            && !rereadsKeys && !rereadsCatalog && !rereadsEverything && !variablesChanged
    }

    /// The standard commands that change nothing Tab offers (listings, checks, the clock, key
    /// changes that keep ids, shares, limits, the control commands themselves).
    static let changeNothing: Set<String> = [
        "help", "echo", "expect", "repeat", "source", "record",
        "clock", "clock set", "clock advance",
        "user list", "resource list", "share", "account", "account api-keys",
        "key list", "key show", "key rename", "key delete", "key regrant", "key extend",
        "check", "grant list", "endpoint list", "endpoint limit", "log", "catalog export",
    ]

    /// The commands whose effect on completion this table knows: every standard command.
    static let known: Set<String> = changeNothing.union([
        "let", "key create", "key roll", "user add", "doc add", "folder add", "as", "endpoint add", "catalog import",
    ])

    /// Notes that the command `name` completed with `value`.
    package mutating func note(_ name: String, value: Value) {
        switch name {
        case _ where Self.changeNothing.contains(name): break
        case "let": variablesChanged = true
        case "key create", "key roll":
            if let id = value.keyInfo?.id.rawValue { newKeyIDs.append(id) } else { rereadsKeys = true }
        case "user add":
            if case .record(let record) = value, case .user(let user)? = record.payload {
                newUsers.append(user.name)
            } else {
                rereadsEverything = true
            }
        case "doc add", "folder add":
            if case .record(let record) = value, case .resource(let resource)? = record.payload {
                if resource.kind == .document { newDocuments.append(resource.id) } else { newFolders.append(resource.id) }
            } else {
                rereadsEverything = true
            }
        case "as": rereadsKeys = true
        case "endpoint add", "catalog import": rereadsCatalog = true
        default: rereadsEverything = true
        }
    }
}
