import Foundation
import Yams

/// A composed YAML tree as JSON data, scalars typed by their resolved YAML tag (`true` a
/// boolean, `12` a number, `"12"` a string), so that OpenAPIKit decodes YAML and JSON alike
/// through JSONDecoder (Yams' own decoder does not find OpenAPIKit's status-code keys).
enum NodeJSON {
    static func data(from node: Node) -> Data {
        do {
            return try JSONSerialization.data(withJSONObject: value(node), options: [.fragmentsAllowed])
        } catch {
            preconditionFailure("a YAML tree converts to JSON values only: \(error)")
        }
    }

    private static func value(_ node: Node) -> Any {
        switch node {
        case .scalar(let scalar):
            switch Tag.Name(rawValue: node.tag.rawValue) {
            case .null: return NSNull()
            case .bool: return node.bool ?? scalar.string
            case .int: return node.int ?? scalar.string
            case .float:
                guard let number = node.float, number.isFinite else { return scalar.string }
                return number
            default: return scalar.string
            }
        case .mapping(let mapping):
            var object: [String: Any] = [:]
            for (key, value) in mapping { object[key.string ?? ""] = Self.value(value) }
            return object
        case .sequence(let sequence):
            return sequence.map(Self.value)
        case .alias:
            return NSNull()
        }
    }
}
