import Foundation
import OpenAPIKit
import OpenAPIKit30
import OpenAPIKitCompat
import Yams

/// Turns a description's tree into an OpenAPI 3.1 document: tells OpenAPI 3.0 and 3.1 from
/// Swagger 2.0 and from anything else, checks the `$ref`s, decodes (3.0 with OpenAPIKit30,
/// then converted), and names the JSON pointer of whatever OpenAPI refuses.
struct OpenAPIDocumentReader {
    let source: OpenAPIDescriptionSource

    func read() throws(OpenAPIImportError) -> (document: OpenAPIKit.OpenAPI.Document, tree: Node) {
        let root = try source.compose()
        guard case .mapping = root else {
            throw .notOpenAPI(file: source.file, reason: "the top level is not a mapping with an openapi field")
        }
        if root["swagger"] != nil { throw .swagger2(file: source.file) }
        guard let version = root["openapi"]?.string else {
            throw .notOpenAPI(file: source.file, reason: "no openapi field at the top level")
        }
        try ReferenceCheck(source: source, root: root).run()
        if version.hasPrefix("3.0.") || version == "3.0" {
            let document30 = try decode(OpenAPIKit30.OpenAPI.Document.self, from: root)
            return (document30.convert(to: .v3_1_1), root)
        }
        if version.hasPrefix("3.1.") || version == "3.1" {
            return (try decode(OpenAPIKit.OpenAPI.Document.self, from: root), root)
        }
        if version.hasPrefix("2") { throw .swagger2(file: source.file) }
        throw .unsupportedVersion(file: source.file, version: version)
    }

    private func decode<T: Decodable>(_ type: T.Type, from root: Node) throws(OpenAPIImportError) -> T {
        do {
            return try JSONDecoder().decode(type, from: NodeJSON.data(from: root))
        } catch {
            let described = OpenAPIKit.OpenAPI.Error(from: error)
            let tokens = described.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
            throw .invalid(source.location(tokens, in: root), problem: Self.plain(described.localizedDescription))
        }
    }

    /// OpenAPIKit's account of a decoding failure as one line: its last line (the deepest
    /// cause; the lines before it say which containers could not be decoded, which the JSON
    /// pointer already says), without Markdown emphasis or a doubled full stop.
    static func plain(_ text: String) -> String {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var line = lines.last ?? text
        line = line.replacingOccurrences(of: "**", with: "")
        while line.hasSuffix("..") { line.removeLast() }
        return line
    }
}
