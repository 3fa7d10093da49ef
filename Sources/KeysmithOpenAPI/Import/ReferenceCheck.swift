import Yams

/// Checks every `$ref` of a description before anything decodes it: a reference outside the
/// file is refused (keysmith never reads another file or the network), one to nothing is
/// broken, and a chain of references that comes back to itself is a cycle. (A schema that
/// contains itself through its properties is not a cycle: it resolves to a recursive type.)
/// It also bounds the tree: YAML aliases can make a small file expand to billions of values.
struct ReferenceCheck {
    let source: OpenAPIDescriptionSource
    let root: Node
    /// The most values (mappings, lists, scalars) a description may hold once its aliases are expanded.
    static let largestTree = 4_000_000

    func run() throws(OpenAPIImportError) {
        var count = 0
        try visit(root, at: [], count: &count)
    }

    private func visit(_ node: Node, at tokens: [String], count: inout Int) throws(OpenAPIImportError) {
        count += 1
        guard count <= Self.largestTree else {
            throw .invalid(
                source.location(tokens, in: root),
                problem: "the description holds more than \(Self.largestTree) values (YAML aliases expanding?); keysmith stops here")
        }
        switch node {
        case .mapping(let mapping):
            for (key, value) in mapping {
                let token = key.string ?? ""
                if token == "$ref", let reference = value.string {
                    try check(reference, at: tokens + [token], mark: value.mark)
                } else {
                    try visit(value, at: tokens + [token], count: &count)
                }
            }
        case .sequence(let sequence):
            for (index, element) in sequence.enumerated() { try visit(element, at: tokens + [String(index)], count: &count) }
        default:
            break
        }
    }

    private func check(_ reference: String, at tokens: [String], mark: Mark?) throws(OpenAPIImportError) {
        let location = OpenAPIImportError.Location(
            file: source.file, pointer: JSONPointer.pointer(tokens),
            line: mark?.line, column: mark?.column)
        var chain = [reference]
        var current = reference
        while true {
            guard current.hasPrefix("#") else { throw .externalReference(location, reference: current) }
            guard let targetTokens = JSONPointer.tokens(String(current.dropFirst())),
                let target = JSONPointer.node(at: targetTokens, in: root)
            else {
                throw current == reference
                    ? .brokenReference(location, reference: current)
                    : .brokenReference(location, reference: "\(current) (reached through \(chain.dropLast().joined(separator: " -> ")))")
            }
            guard let next = target["$ref"]?.string else { return }
            if chain.contains(next) { throw .referenceCycle(location, chain: chain + [next]) }
            chain.append(next)
            current = next
        }
    }
}
