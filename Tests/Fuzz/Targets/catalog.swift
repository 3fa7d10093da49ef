// Fuzz target `catalog`: the path template parser, access rules and the router. The first
// line is `METHOD TEMPLATE`, the second an access rule; each further line is a path routed on
// the default catalog with that endpoint added. Nothing may crash, and an added endpoint
// must route its own template's paths to itself.
import KeysmithCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCatalog(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let head = lines.first ?? ""
    let space = head.firstIndex(of: " ") ?? head.endIndex
    let method = String(head[..<space])
    let templateText = space < head.endIndex ? String(head[head.index(after: space)...]) : ""
    var catalog = Catalog.lucid
    for path in lines.dropFirst(2) {
        for method in Catalog.methods { _ = catalog.route(method: method, path: path) }
        _ = catalog.route(method: method, path: path)
    }
    guard let template = try? PathTemplate(parsing: templateText) else { return 0 }
    require((try? PathTemplate(parsing: template.description)) == template, "template does not parse back")
    let rule = lines.count > 1 ? ((try? AccessRule.parse(lines[1], template: template)) ?? AccessRule.none) : AccessRule.none
    guard Catalog.methods.contains(method) else { return 0 }
    do {
        try catalog.declareGrants(["FuzzGrant"])
        try catalog.add(
            Endpoint(
                method: method, path: template, acceptsAPIKeys: true, grantNames: ["FuzzGrant"],
                access: rule, isCustom: true))
    } catch {
        return 0
    }
    for path in lines.dropFirst(2) { _ = catalog.route(method: method, path: path) }
    // The template itself, with each parameter filled in, routes somewhere (when its literal
    // segments are plain words the router surely accepts).
    let plain = template.segments.allSatisfy { segment in
        guard case .literal(let word) = segment else { return true }
        return word.utf8.allSatisfy { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x5F }
    }
    guard plain else { return 0 }
    let filled = template.description.split(separator: "/", omittingEmptySubsequences: false)
        .map { $0.hasPrefix("{") ? "x1" : String($0) }.joined(separator: "/")
    require(catalog.route(method: method, path: filled) != nil, "an added endpoint does not route \(filled)")
    return 0
}
