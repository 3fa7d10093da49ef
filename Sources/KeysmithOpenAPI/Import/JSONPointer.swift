import Foundation
import Yams

/// JSON pointers (RFC 6901) into a composed YAML or JSON tree: how errors name a place in an
/// OpenAPI description, and how a local `$ref` (`#/components/schemas/Doc`) is followed.
enum JSONPointer {
    /// `/paths/~1documents~1{id}/get` from its tokens.
    static func pointer(_ tokens: [String]) -> String {
        tokens.map { "/" + escape($0) }.joined()
    }

    static func escape(_ token: String) -> String {
        token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    /// The tokens of `/a/b~1c` (`["a", "b/c"]`); nil unless it starts with `/` or is empty.
    static func tokens(_ pointer: String) -> [String]? {
        if pointer.isEmpty { return [] }
        guard pointer.hasPrefix("/") else { return nil }
        return pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            String($0).replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
                .removingPercentEncoding ?? String($0)
        }
    }

    /// The node `tokens` name under `root`, if there is one.
    static func node(at tokens: [String], in root: Node) -> Node? {
        var node = root
        for token in tokens {
            switch node {
            case .mapping(let mapping):
                guard let next = mapping.first(where: { $0.key.string == token })?.value else { return nil }
                node = next
            case .sequence(let sequence):
                guard let index = Int(token), index >= 0, index < sequence.count else { return nil }
                node = sequence[sequence.index(sequence.startIndex, offsetBy: index)]
            default:
                return nil
            }
        }
        return node
    }

    /// The deepest node on the way to `tokens` (for a line and column when the full pointer
    /// names something missing).
    static func nearestNode(at tokens: [String], in root: Node) -> Node {
        var count = tokens.count
        while count > 0 {
            if let node = node(at: Array(tokens.prefix(count)), in: root) { return node }
            count -= 1
        }
        return root
    }
}
