import KeysmithPostgres

// The PostgreSQL store alone, with a catalog of one's own. Given a store URL it creates a key
// and checks it; without one it only shows that the product builds on its own.
if let text = CommandLine.arguments.dropFirst().first {
    var catalog = Catalog()
    try catalog.add(
        Endpoint(
            method: "GET", path: try PathTemplate(parsing: "/invoices/{id}"), acceptsAPIKeys: true,
            grantNames: ["InvoicesRead"], access: .none, isCustom: false))
    let store = try await PostgresStore.open(try PostgresURL(parsing: text), catalog: catalog)
    let key = try await KeyService(store: store).createKey(name: "reader", expires: .never, grants: ["InvoicesRead"], actor: "me")
    print("created \(key.info.id)")
    await store.close()
} else {
    print("usage: PostgresOnly postgres://USER@HOST/DATABASE")
}
