import KeysmithSQLite

// The SQLite store alone, with a catalog of one's own: a temporary file, removed with the store.
var catalog = Catalog()
try catalog.add(
    Endpoint(
        method: "POST", path: try PathTemplate(parsing: "/invoices"), acceptsAPIKeys: true,
        grantNames: ["InvoicesWrite"], access: .none, isCustom: false))
let store = try SQLiteStore.temporary(catalog: catalog)
let service = KeyService(store: store)
let key = try await service.createKey(name: "writer", expires: .never, grants: ["InvoicesWrite"], actor: "me")
let result = try await service.check(secret: key.secret, method: "POST", path: "/invoices")
print("POST /invoices on SQLite: \(result.decision)")
guard result.decision.isAllowed else { fatalError("unexpected decision") }
