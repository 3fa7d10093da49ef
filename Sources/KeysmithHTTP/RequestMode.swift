/// The mode a request runs in (DESIGN §1 "Users and resources"), from the header
/// `Lucid-Request-As: user|admin`; no header means user mode.
///
/// keysmith's check has no admin mode yet: the mode is validated and carried in the identity
/// so a handler (or a later check) can act on it.
public enum RequestMode: String, Sendable, Hashable {
    case user, admin

    /// The mode for the header's values: `user` without one, nil for anything but exactly one
    /// `user` or `admin` (case-insensitive).
    init?(headerValues: [String]) {
        guard let value = headerValues.first else { self = .user; return }
        guard headerValues.count == 1 else { return nil }
        switch value.lowercased() {
        case "user": self = .user
        case "admin": self = .admin
        default: return nil
        }
    }
}
