/// A user of the account. Keys act as their user; `admin`s can use `*Admin` grants and
/// admin-only endpoints.
public struct User: Hashable, Sendable {
    /// A user's role in the account: a `member`, or an `admin`.
    /// Frozen: these are all the cases there will be, so a switch may list them without a default.
    public enum Role: String, Sendable, CaseIterable { case member, admin }

    /// The user's name: unique without regard to case, looked up exactly.
    public let name: String
    /// Whether the user is a member or an account admin.
    public let role: Role

    /// A user as given; the name is not checked.
    public init(name: String, role: Role) {
        self.name = name
        self.role = role
    }

    package var isAdmin: Bool { role == .admin }

    /// The user every fresh store has, and whom a session acts as until it switches to another.
    package static let defaultName = "me"

    /// The rule for user names: 1–32 characters of letters, digits, `_`, `-`, `.`, printable and
    /// holding no secret (`StoredText`).
    package static func problem(withName name: String) -> String? {
        if let problem = StoredText.problem(in: name, what: "a user name") { return problem }
        if name.isEmpty || name.count > 32 { return "a user name has 1 to 32 characters" }
        if name.unicodeScalars.contains(where: {
            !($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_-.".unicodeScalars.contains($0))
        }) {
            return "a user name may contain letters, digits, '_', '-' and '.' only"
        }
        return nil
    }

    /// Whether two user names name the same user: names are unique without regard to case
    /// (`ME` and `me` cannot both exist), though lookups stay exact.
    package static func namesCollide(_ a: String, _ b: String) -> Bool {
        a == b || collisionKey(of: a) == collisionKey(of: b)
    }

    /// What two user names that collide (``namesCollide(_:_:)``) have in common: the name
    /// without regard to case. For finding collisions among many names at once.
    package static func collisionKey(of name: String) -> String { name.lowercased() }
}
