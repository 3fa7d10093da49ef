import Keysmith

// Create a key for the user `me`, then ask what it may call: the service checks the secret
// against the catalog (Lucid's REST API by default), the key's grants and the user's access.
let service = KeyService(store: MemoryStore())
let created = try await service.createKey(name: "ci", expires: .after(KeyDuration(seconds: 30 * 86_400)),
                                          grants: ["DocumentReadonly"], actor: "me")
print("created \(created.info.id), expires \(created.info.key.expiration)")
// created.secret is the key's secret: hand it to the caller now, it is never shown again.

_ = try await service.addResource(.document, id: "plan", owner: "me", actor: "me")
for (method, path) in [("GET", "/documents/plan"), ("POST", "/documents/plan/trash"), ("GET", "/documents/other")] {
    let result = try await service.check(secret: created.secret, method: method, path: path)
    print("\(method) \(path): \(result.decision) (\(result.decision.status)): \(result.explanation)")
}
