public import KeysmithCore

/// The account's settings: the API-key switch (Docs: The key model).
public struct AccountState: Hashable, Sendable, Codable {
    /// Whether API keys work (the account's switch, on or off). When off, no key can be created or rolled, and the check of a live, unexpired key is denied `api_keys_disabled`.
    public let apiKeysEnabled: Bool
    /// The account's users, in the order they were added.
    public let users: [User]
}
