import KeysmithCore
import KeysmithStore

/// `check SECRET METHOD PATH`: the decision and its reason.
enum CheckCommand {
    static var all: [CommandSpec] { [check] }

    /// A check's result fields, in display order.
    static let fieldNames = ["allowed", "reason", "status", "endpoint", "key", "retry_after"]

    /// The result as a record; each field is computed when read.
    static func record(_ result: CheckResult) -> Value {
        .record(
            Record("check", summary: result.decision.description, payload: .check(result), fieldNames: fieldNames) { name in
                switch name {
                case "allowed": .string(result.allowed ? "true" : "false")
                case "reason": .string(result.decision.reason?.rawValue ?? "none")
                case "status": .number(result.status)
                case "endpoint": .string(result.endpoint ?? "none")
                case "key": .string(result.keyID?.rawValue ?? "none")
                case "retry_after": .number(Int(result.retryAfterSeconds ?? 0))
                default: nil
                }
            })
    }

    static let check = CommandSpec(
        named: "check", summary: "decides whether a secret may call METHOD PATH, and why",
        parameters: [Parameter("SECRET", .secret), Parameter("METHOD", .method), Parameter("PATH", .path)],
        options: [
            OptionSpec(
                "as-admin", value: nil, .text,
                help:
                    "admin mode (Lucid-Request-As: admin): on the operations that take it, an admin's *Admin grant reaches any document or folder"
            )
        ],
        details: """
            Answers allow, or deny with one reason, in this order: unknown_key / deleted (401),
            expired (401), api_keys_disabled (403), unknown_endpoint (404), not_api_key_endpoint (403),
            missing_grant (403), no_access (403), rate_limited (429). An allowed check counts toward
            the endpoint's rate limit (see `endpoint limit`). Result fields: allowed, reason, status,
            endpoint, key, retry_after (seconds, for rate_limited).
            A request runs in user mode unless --as-admin asks for admin mode.
            Example: check $k.secret GET /documents/d1
            """
    ) { args in
        let secret = try args.parameter("SECRET"), method = try args.parameter("METHOD"), path = try args.parameter("PATH")
        let asAdmin = try args.flag("as-admin")
        args.answerNow { call in
            guard call.service.answersWithoutSuspending,
                let result = call.service.checkNow(
                    secret: try call.text(secret, allowSecret: true),
                    method: try call.text(method), path: try call.text(path),
                    mode: call.has(asAdmin) ? .admin : .user)
            else { return nil }
            return answer(result, call)
        }
        return .async { call in
            let result = try await call.service.check(
                secret: try call.text(secret, allowSecret: true),
                method: try call.text(method), path: try call.text(path),
                mode: call.has(asAdmin) ? .admin : .user)
            return answer(result, call)
        }
    }

    /// Prints the decision and its reason; the result record when something reads it.
    private static func answer(_ result: CheckResult, _ call: Invocation) -> Value {
        let head = "\(result.decision) (\(result.status))"
        call.output.write(head, style: result.allowed ? .allow : .deny)
        call.output.line(" \(CommandHints.explanation(of: result))")
        return call.resultIsUsed ? record(result) : .none
    }
}
