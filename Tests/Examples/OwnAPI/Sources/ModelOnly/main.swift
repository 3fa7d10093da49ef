import Keysmith

// The key model alone, on an API of one's own: a catalog built in code, no Lucid in it.
var catalog = Catalog()
try catalog.add(
    Endpoint(
        method: "GET", path: try PathTemplate(parsing: "/invoices/{id}"), acceptsAPIKeys: true,
        grantNames: ["InvoicesRead"], access: .none, isCustom: false))
let service = KeyService(store: MemoryStore(catalog: catalog))
let key = try await service.createKey(name: "books", expires: .never, grants: ["InvoicesRead"], actor: "me")
let allowed = try await service.check(secret: key.secret, method: "GET", path: "/invoices/7")
let unknown = try await service.check(secret: key.secret, method: "GET", path: "/v1/documents/d1")
print("GET /invoices/7: \(allowed.decision); GET /v1/documents/d1: \(unknown.decision)")
guard allowed.decision.isAllowed, unknown.decision == .deny(.unknownEndpoint) else { fatalError("unexpected decisions") }

// Enums that may gain cases in a later keysmith are `@nonexhaustive`: a switch outside the
// package that lists their cases needs an `@unknown default`, or it does not compile. Frozen
// ones (a decision: allow or deny) need no default.
func advice(for decision: Decision) -> String {
    switch decision {
    case .allow: return "go ahead"
    case .deny(.expired): return "ask for a new key"
    case .deny(let reason): return "denied: \(reason)"
    }
}
func standing(_ status: KeyStatus) -> String {
    switch status {
    case .active: return "usable"
    case .expired, .deleted: return "ended"
    @unknown default: return "\(status)"
    }
}
print("advice: \(advice(for: allowed.decision)); \(advice(for: unknown.decision)); key \(standing(key.info.status))")
