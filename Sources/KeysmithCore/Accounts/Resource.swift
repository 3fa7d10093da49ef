/// The kinds of resource a check can be about.
/// Not frozen: new cases may come in a later version, so a switch outside keysmith needs an
/// `@unknown default` (`@nonexhaustive`; inside the package switches stay exhaustive).
@nonexhaustive
public enum ResourceKind: String, Sendable, CaseIterable, CustomStringConvertible {
    case document, folder
    /// The raw value: `document` or `folder`.
    public var description: String { rawValue }
}

/// What a share lets a user do with a resource. `edit` includes `view`.
/// Frozen: these are all the cases there will be, so a switch may list them without a default.
public enum ShareRole: String, Sendable, CaseIterable, Comparable {
    case view, edit
    /// `view` sorts before `edit`; a role is never less than itself.
    public static func < (a: ShareRole, b: ShareRole) -> Bool { a == .view && b == .edit }
}

/// A document or folder: an owner (who can view and edit it) and shares for other users.
public struct Resource: Hashable, Sendable {
    /// Whether this is a document or a folder.
    public let kind: ResourceKind
    /// The resource's id (`d1`): 1–64 printable characters, no blanks or `/` (checked when decoding, not here).
    public let id: String
    /// The name of the user who owns the resource and may always view and edit it.
    public let owner: String
    /// User name → role.
    public var shares: [String: ShareRole]

    /// A resource as given; the id and names are not checked.
    public init(kind: ResourceKind, id: String, owner: String, shares: [String: ShareRole] = [:]) {
        self.kind = kind
        self.id = id
        self.owner = owner
        self.shares = shares
    }

    /// Whether `user` may do `need` to this resource through ownership or a share.
    public func allows(_ user: String, to need: ShareRole) -> Bool {
        if user == owner { return true }
        guard let role = shares[user] else { return false }
        return role >= need
    }

    /// The rule for resource ids: 1–64 characters of printable text holding no secret
    /// (`StoredText`), no blanks or `/`. `kind` names the id in the message.
    package static func problem(withID id: String, kind: ResourceKind? = nil) -> String? {
        let what = "a \(kind?.rawValue ?? "resource") id"
        if let problem = StoredText.problem(in: id, what: what) { return problem }
        if id.isEmpty || id.count > 64 { return "\(what) has 1 to 64 characters" }
        if id.contains(where: { $0 == "/" || $0.isWhitespace }) { return "\(what) cannot contain '/' or blanks" }
        return nil
    }
}
