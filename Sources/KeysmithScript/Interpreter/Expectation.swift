import KeysmithCore

/// The outcome `expect` checks for.
enum Expectation: Equatable {
    case ok, error, allow, deny
    case denyBecause(DenyReason)

    init?(_ text: String) {
        switch text {
        case "ok": self = .ok
        case "error": self = .error
        case "allow": self = .allow
        case "deny": self = .deny
        default:
            guard text.hasPrefix("deny:"), let reason = DenyReason(rawValue: String(text.dropFirst(5))) else { return nil }
            self = .denyBecause(reason)
        }
    }

    var text: String {
        switch self {
        case .ok: return "ok"
        case .error: return "error"
        case .allow: return "allow"
        case .deny: return "deny"
        case .denyBecause(let reason): return "deny:\(reason.rawValue)"
        }
    }

    /// Why `result` does not meet this expectation, or nil when it does.
    func mismatch(with result: Result<Value, any Error>) -> String? {
        let decision: Decision?
        switch result {
        case .failure:
            return self == .error ? nil : "expected \(text), but the command failed"
        case .success(let value):
            decision = value.checkResult?.decision
        }
        switch self {
        case .ok: return nil
        case .error: return "expected error, but the command succeeded" + (decision.map { " (\($0))" } ?? "")
        case .allow, .deny, .denyBecause:
            guard let decision else { return "expected \(text), but the command is not a check" }
            switch self {
            case .allow where decision == .allow: return nil
            case .deny where !decision.isAllowed: return nil
            case .denyBecause(let reason) where decision == .deny(reason): return nil
            default: return "expected \(text), got \(decision)"
            }
        }
    }
}
