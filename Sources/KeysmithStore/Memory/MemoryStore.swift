import KeysmithCore
import Synchronization

/// A store held in memory, for `keysmith run`, `keysmith test` and `--memory`.
///
/// Keys are indexed by id and by digest (hash maps), so a check costs the same with ten keys
/// or a million. A write that throws is rolled back through an undo log.
public final class MemoryStore: KeyStore {
    private let state: Mutex<MemoryState>

    public init() { state = Mutex(MemoryState()) }

    public var location: String { "in memory" }

    public func read<T: Sendable>(_ body: @Sendable (any StoreReader) throws -> T) async throws -> T {
        try state.withLock { state in try body(MemoryTransaction(state)) }
    }

    public func write<T: Sendable>(_ body: @Sendable (any StoreWriter) throws -> T) async throws -> T {
        try state.withLock { state in
            let transaction = MemoryTransaction(state)
            do {
                return try body(transaction)
            } catch {
                transaction.rollBack()
                throw error
            }
        }
    }
}

/// The data of a ``MemoryStore``; a class so one transaction can mutate it in place.
final class MemoryState {
    var catalog = Catalog.lucid
    var users: [String: User] = [User.defaultName: User(name: User.defaultName, role: .member)]
    var userOrder: [String] = [User.defaultName]
    var resources: [ResourceKey: Resource] = [:]
    var resourceOrder: [ResourceKey] = []
    var keys: [KeyID: APIKey] = [:]
    var keysByDigest: [SecretDigest: KeyID] = [:]
    var keysByOwner: [String: [KeyID]] = [:]
    var audit: [AuditEntry] = []
}

struct ResourceKey: Hashable {
    let kind: ResourceKind
    let id: String
}

/// One transaction over a ``MemoryState``: applies changes at once and remembers how to undo them.
final class MemoryTransaction: StoreWriter {
    private let state: MemoryState
    private var undo: [() -> Void] = []

    init(_ state: MemoryState) { self.state = state }

    func rollBack() {
        for step in undo.reversed() { step() }
        undo.removeAll()
    }

    func catalog() -> Catalog { state.catalog }
    func user(named name: String) -> User? { state.users[name] }
    func users() -> [User] { state.userOrder.compactMap { state.users[$0] } }
    func resource(_ kind: ResourceKind, id: String) -> Resource? { state.resources[ResourceKey(kind: kind, id: id)] }
    func resources() -> [Resource] { state.resourceOrder.compactMap { state.resources[$0] } }
    func key(id: KeyID) -> APIKey? { state.keys[id] }
    func key(digest: SecretDigest) -> APIKey? { state.keysByDigest[digest].flatMap { state.keys[$0] } }
    func keys(ownedBy owner: String) -> [APIKey] { (state.keysByOwner[owner] ?? []).compactMap { state.keys[$0] } }

    func auditLog(limit: Int?) -> [AuditEntry] {
        guard let limit else { return state.audit }
        return Array(state.audit.suffix(max(0, limit)))
    }

    func insert(_ user: User) {
        let s = state
        s.users[user.name] = user
        s.userOrder.append(user.name)
        undo.append { s.users[user.name] = nil; s.userOrder.removeLast() }
    }

    func insert(_ resource: Resource) {
        let s = state
        let key = ResourceKey(kind: resource.kind, id: resource.id)
        s.resources[key] = resource
        s.resourceOrder.append(key)
        undo.append { s.resources[key] = nil; s.resourceOrder.removeLast() }
    }

    func setShare(_ kind: ResourceKind, id: String, user: String, role: ShareRole) {
        let s = state
        let key = ResourceKey(kind: kind, id: id)
        let before = s.resources[key]
        s.resources[key]?.shares[user] = role
        undo.append { s.resources[key] = before }
    }

    func insert(_ key: APIKey) throws {
        let s = state
        guard s.keys[key.id] == nil else { throw StoreError.duplicateKeyID(key.id) }
        s.keys[key.id] = key
        s.keysByDigest[key.digest] = key.id
        s.keysByOwner[key.owner, default: []].append(key.id)
        undo.append {
            s.keys[key.id] = nil
            s.keysByDigest[key.digest] = nil
            s.keysByOwner[key.owner]?.removeLast()
        }
    }

    func update(_ key: APIKey) {
        let s = state
        let before = s.keys[key.id]
        s.keys[key.id] = key
        undo.append { s.keys[key.id] = before }
    }

    func insertCustomEndpoint(_ endpoint: Endpoint) throws {
        let s = state
        let before = s.catalog
        try s.catalog.add(endpoint)
        undo.append { s.catalog = before }
    }

    func append(_ entry: AuditEntry) {
        let s = state
        var entry = entry
        entry.sequence = s.audit.count + 1
        s.audit.append(entry)
        undo.append { s.audit.removeLast() }
    }
}
