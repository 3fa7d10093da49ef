public import KeysmithCore

/// The account's settings: the API-key switch (Docs: The key model).
public struct AccountState: Hashable, Sendable, Codable {
    /// Whether API keys work at all (`account api-keys on|off`); when off every check is denied `api_keys_disabled`.
    public let apiKeysEnabled: Bool
    /// The account's users, in the order they were added.
    public let users: [User]
}
