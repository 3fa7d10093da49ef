/// Whose permissions a request runs with (Lucid's `Lucid-Request-As` header): the user's own,
/// or, on the operations that take the header, the admin permissions of an account admin
/// holding an `*Admin` grant. A request that does not ask runs in user mode.
/// Frozen: these are all the cases there will be, so a switch may list them without a default.
public enum RequestMode: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case user, admin

    /// Reads a `Lucid-Request-As` value: exactly `user` or `admin`; nil for anything else.
    public init?(headerValue: String) {
        self.init(rawValue: headerValue)
    }

    /// The header value: `user` or `admin`.
    public var description: String { rawValue }
}
