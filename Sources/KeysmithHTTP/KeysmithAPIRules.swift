public import HTTPTypes
import KeysmithCore

/// The request rules of the API a ``KeysmithMiddleware`` guards, apart from the key: how a
/// request names the API version, and how it asks to act as an account admin.
///
/// ``lucid`` (the default) is the reference API's: `Lucid-Api-Version: 1` or a `/vN/` path
/// prefix, and `Lucid-Request-As: user|admin`. ``none`` has no version rule and no mode
/// header (every request in user mode): the rules for an API of your own whose catalog you
/// built yourself.
///
/// ```swift
/// KeysmithMiddleware(service: service, rules: .none)
/// ```
public struct KeysmithAPIRules: Sendable {
    /// The header that names the API version, or nil when requests name none.
    package var versionHeader: HTTPField.Name?
    /// The versions a `/vN/` path prefix may name, in order; empty when a prefix is not a version.
    package var pathVersions: [Int]
    /// The header whose value, `user` or `admin`, is the request's mode; nil: user mode always.
    package var requestAsHeader: HTTPField.Name?

    /// - Parameters:
    ///   - versionHeader: the header that names the version (its one accepted value is `1`,
    ///     or the version of the path's prefix); nil for none.
    ///   - pathVersions: the versions a `/vN/` prefix may name; when `versionHeader` is set,
    ///     a request needs the header or one of these prefixes.
    ///   - requestAsHeader: the header that asks for admin mode; nil for none.
    public init(versionHeader: HTTPField.Name?, pathVersions: [Int], requestAsHeader: HTTPField.Name?) {
        self.versionHeader = versionHeader
        self.pathVersions = pathVersions.sorted()
        self.requestAsHeader = requestAsHeader
    }

    /// Lucid's rules: `Lucid-Api-Version: 1` or a `/vN/` prefix naming a version of the default
    /// catalog's operations (1, and 2 for `GET /v2/dataSources/aws/regions`), and
    /// `Lucid-Request-As`.
    public static let lucid = KeysmithAPIRules(
        versionHeader: KeysmithHeader.apiVersion,
        pathVersions: Set(Catalog.lucid.endpoints.map(\.version)).union([1]).sorted(),
        requestAsHeader: KeysmithHeader.requestAs)

    /// No version rule and no mode header: the path goes to the catalog as it came.
    public static let none = KeysmithAPIRules(versionHeader: nil, pathVersions: [], requestAsHeader: nil)
}
