/// What a session knows when it writes its next line: the keys made so far.
struct SessionState {
    /// Each created key: its variable, id and secret.
    var keys: [(variable: String, id: String, secret: String)] = []
    var secrets: [String] { keys.map(\.secret) }
}

/// The KeyScript line for an operation, and which secret (if any) it checks.
struct SessionLine {
    let text: String
    /// The secret a `check` line presents, to follow that key's decisions.
    let checkedSecret: String?

    static func line(for op: Operation, state: SessionState) -> SessionLine {
        let text = { (index: Int) in OperationPools.quoted(OperationPools.text(index, secrets: state.secrets)) }
        let user = OperationPools.users[op.a % OperationPools.users.count]
        let keyRef = state.keys.isEmpty || op.a % 7 == 6 ? "key_nothere" : "$\(state.keys[op.a % state.keys.count].variable).id"
        switch op.kind {
        case 0:
            return SessionLine(text: "user add \(op.b % 2 == 0 ? user : text(op.b))\(op.a % 3 == 0 ? " --admin" : "")", checkedSecret: nil)
        case 1: return SessionLine(text: "doc add \(text(op.b)) --owner \(user)", checkedSecret: nil)
        case 2: return SessionLine(text: "folder add \(text(op.b)) --owner \(user)", checkedSecret: nil)
        case 3:
            let kind = op.a % 2 == 0 ? "doc" : "folder"
            return SessionLine(text: "share \(kind) \(text(op.b)) \(user) --role \(op.b % 2 == 0 ? "view" : "edit")", checkedSecret: nil)
        case 4:
            let expires = OperationPools.expirations[op.a % OperationPools.expirations.count]
            let grants = OperationPools.grants[op.b % OperationPools.grants.count]
            return SessionLine(
                text: "let k\(state.keys.count) = key create \(text(op.b)) --expires \(expires) --grants \(grants)",
                checkedSecret: nil)
        case 5: return SessionLine(text: "key rename \(keyRef) \(text(op.b))", checkedSecret: nil)
        case 6: return SessionLine(text: "key delete \(keyRef)", checkedSecret: nil)
        case 7:
            let request = OperationPools.requests[op.b % OperationPools.requests.count]
            guard !state.keys.isEmpty, op.a % 5 != 4 else {
                return SessionLine(text: "check \(text(op.a)) \(request)", checkedSecret: nil)
            }
            let key = state.keys[op.a % state.keys.count]
            return SessionLine(text: "check $\(key.variable).secret \(request)", checkedSecret: key.secret)
        case 8:
            return SessionLine(text: "clock advance \(OperationPools.advances[op.a % OperationPools.advances.count])", checkedSecret: nil)
        case 9: return SessionLine(text: "as \(op.b % 2 == 0 ? user : text(op.b))", checkedSecret: nil)
        case 10: return SessionLine(text: ["key list", "log", "user list", "key show \(keyRef)"][op.a % 4], checkedSecret: nil)
        case 11: return SessionLine(text: "clock set \(OperationPools.instants[op.a % OperationPools.instants.count])", checkedSecret: nil)
        case 12:
            let grants = OperationPools.grants[op.a % OperationPools.grants.count]
            let path = OperationPools.quoted("/custom/{id}/" + OperationPools.text(op.b, secrets: state.secrets))
            return SessionLine(text: "endpoint add GET \(path) --grants \(grants)", checkedSecret: nil)
        case 13: return SessionLine(text: "echo \(text(op.b))", checkedSecret: nil)
        case 14: return SessionLine(text: "expect error key rename \(keyRef) \(text(op.b))", checkedSecret: nil)
        case 15:
            let grace = ["", " --grace 1s", " --grace 1h", " --grace 31d", " --grace 0s"][op.b % 5]
            return SessionLine(text: "let k\(state.keys.count) = key roll \(keyRef)\(grace)", checkedSecret: nil)
        case 16: return SessionLine(text: "account api-keys \(op.b % 2 == 0 ? "off" : "on")", checkedSecret: nil)
        default:
            let request = OperationPools.requests[op.a % OperationPools.requests.count]
            let parts = request.split(separator: " ")
            let limit = ["1/1s", "2/1h", "1/1d", "--off"][op.b % 4]
            let per = limit == "--off" ? "" : " --per \(["account", "user", "key"][op.b % 3])"
            return SessionLine(
                text: "endpoint limit \(parts[0]) \(OperationPools.template(of: String(parts[1]))) \(limit)\(per)",
                checkedSecret: nil)
        }
    }
}
