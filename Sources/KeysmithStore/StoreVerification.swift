/// What reading every row of a store found (`keysmith store verify`): how many rows it read,
/// and what is wrong with each damaged one, in table order.
public struct StoreVerification: Sendable, Hashable {
    /// The store, as its `location` names it.
    public let store: String
    /// How many rows were read, damaged or not.
    public let rowsRead: Int
    /// One line per damaged row (`api_keys.expires_at in row 3 holds 'abc', expected …`).
    public let damage: [String]

    /// A verification result as a store reports it.
    public init(store: String, rowsRead: Int, damage: [String]) {
        self.store = store
        self.rowsRead = rowsRead
        self.damage = damage
    }

    /// True when no row was damaged.
    public var isClean: Bool { damage.isEmpty }
}
