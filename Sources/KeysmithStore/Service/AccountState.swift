public import KeysmithCore

/// The account's settings: the API-key switch (Docs: The key model).
public struct AccountState: Hashable, Sendable, Codable {
    public let apiKeysEnabled: Bool
    /// The account's users, in the order they were added.
    public let users: [User]
}
