/// Which error of a family an error is: a stable snake-case name (`key_not_found`,
/// `commit_outcome_unknown`), with one static constant per kind, declared where the error is
/// (``KeysmithError/Code``, `StoreError.Code`). A struct, not an enum, so that new codes in
/// later releases break no program's `switch` (postgres-nio's `PSQLError.Code` is the model);
/// the `Family` parameter keeps one family's codes from being compared with another's.
public struct ErrorCode<Family>: Hashable, Sendable, CustomStringConvertible {
    /// The code's name, stable across releases: `key_not_found`, `damaged`.
    public let name: String

    package init(_ name: String) { self.name = name }

    /// The code's name.
    public var description: String { name }
}
