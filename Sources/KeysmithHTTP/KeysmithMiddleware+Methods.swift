import HTTPTypes
public import Hummingbird
import KeysmithCore
import KeysmithStore

/// HEAD and OPTIONS (Docs: Verifying keys in your server, The request): HEAD works wherever
/// GET does, and OPTIONS says which methods the catalog has at a path. Both read the catalog
/// from the store, which other requests do not need to do.
extension KeysmithMiddleware {
    /// The request's path without the group's mount path.
    func unmountedPath(_ request: Request) -> String {
        var raw = request.uri.path
        if !mountPath.isEmpty, raw.hasPrefix(mountPath) {
            raw.removeFirst(mountPath.count)
            if raw.isEmpty { raw = "/" }
        }
        return raw
    }

    /// The request's path, unmounted, decoded and with its version verified by the rules.
    func parsedPath(_ request: Request) throws(KeysmithDenial) -> RequestPath {
        let versionValues = rules.versionHeader.map { request.headers[values: $0] } ?? []
        return try RequestPath.parse(unmountedPath(request), versionHeader: versionValues, rules: rules).get()
    }

    /// The method a request is checked (and audited) as: its own, except that HEAD is checked
    /// as GET, the request it mirrors, unless the catalog has a HEAD endpoint at `path`.
    func checkedMethod(_ request: Request, path: String) async throws(KeysmithDenial) -> String {
        guard request.method == .head else { return request.method.rawValue }
        return try await catalog().route(method: "HEAD", path: path) == nil ? "GET" : "HEAD"
    }

    /// The answer to an OPTIONS request, without a key and without an audit entry: 204 with
    /// `Allow` listing the methods the catalog has at the path (HEAD wherever GET, and OPTIONS
    /// itself), or `unknown_endpoint` (404) when it has none there. The path and version rules
    /// apply as to any request. Nil when the catalog has an OPTIONS endpoint at the path: that
    /// request is checked like any other.
    public func optionsAnswer(_ request: Request) async throws(KeysmithDenial) -> Response? {
        let path = try parsedPath(request)
        let catalog = try await catalog()
        if catalog.route(method: "OPTIONS", path: path.decoded) != nil { return nil }
        var allowed = Catalog.methods.filter { catalog.route(method: $0, path: path.decoded) != nil }
        guard !allowed.isEmpty else { throw .unknownPath(path.decoded) }
        if allowed.contains("GET") && !allowed.contains("HEAD") { allowed.insert("HEAD", at: allowed.firstIndex(of: "GET")! + 1) }
        allowed.append("OPTIONS")
        var headers = HTTPFields()
        headers[.allow] = allowed.joined(separator: ", ")
        return Response(status: .noContent, headers: headers)
    }

    /// The store's catalog, custom endpoints included; 503 when the store cannot answer.
    private func catalog() async throws(KeysmithDenial) -> Catalog {
        do {
            return try await service.catalog()
        } catch {
            throw .storeUnavailable(error)
        }
    }
}
