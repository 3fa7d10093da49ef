package import Foundation
import Yams

/// One OpenAPI description file, read and parsed as YAML (JSON is YAML) into a tree that keeps
/// each value's line and column; refuses a file above ``largestFileSize`` before reading it.
package struct OpenAPIDescriptionSource: Sendable {
    /// The largest file keysmith parses: 10 MiB. Lucid's whole description is well under 1 MiB;
    /// a larger file is more likely a mistake (or an attack) than an API.
    package static let largestFileSize = 10 * 1024 * 1024

    /// The file's name as errors show it.
    package let file: String
    /// The description's text.
    package let text: String

    /// Reads `path`, refusing a file larger than ``largestFileSize`` before reading it; errors
    /// name the file `name` (by default its path), such as the path a script gave.
    package init(contentsOf path: String, name: String? = nil) throws(OpenAPIImportError) {
        let file = name ?? path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadable(file: file, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw .unreadable(file: file, reason: "it is a directory") }
        let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
        guard size <= Self.largestFileSize else {
            throw .tooLarge(file: file, bytes: size, limit: Self.largestFileSize)
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(file: file, reason: "not readable")
        }
        try self.init(data: data, file: file)
    }

    /// A description already in memory; `file` names it in errors.
    package init(data: Data, file: String) throws(OpenAPIImportError) {
        guard data.count <= Self.largestFileSize else {
            throw .tooLarge(file: file, bytes: data.count, limit: Self.largestFileSize)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .notOpenAPI(file: file, reason: "the file is not UTF-8 text")
        }
        self.file = file
        self.text = text
    }

    /// The YAML (or JSON) tree, or a syntax error with its line and column.
    func compose() throws(OpenAPIImportError) -> Node {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw syntaxError(error)
        }
        guard let node else { throw .notOpenAPI(file: file, reason: "the file is empty") }
        return node
    }

    private func syntaxError(_ error: any Error) -> OpenAPIImportError {
        guard let yaml = error as? YamlError else { return .syntax(file: file, line: 1, column: 1, problem: "\(error)") }
        switch yaml {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let what = context.map { "\(problem) \($0.text)" } ?? problem
            return .syntax(file: file, line: mark.line, column: mark.column, problem: what)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .syntax(
                file: file, line: context.mark.line, column: context.mark.column,
                problem: "duplicate keys in a mapping: \(duplicates.joined(separator: ", "))")
        case .reader(let problem, let offset, _, _):
            let (line, column) = lineAndColumn(ofOffset: offset ?? 0)
            return .syntax(file: file, line: line, column: column, problem: problem)
        default:
            return .syntax(file: file, line: 1, column: 1, problem: "\(yaml)")
        }
    }

    private func lineAndColumn(ofOffset offset: Int) -> (Int, Int) {
        var line = 1, column = 1
        for byte in text.utf8.prefix(offset) {
            if byte == 10 {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }

    /// A location in this file: the pointer, and the line and column of what it names (or of
    /// the nearest thing on the way to it) in `root`.
    func location(_ tokens: [String], in root: Node) -> OpenAPIImportError.Location {
        let mark = JSONPointer.nearestNode(at: tokens, in: root).mark
        return .init(file: file, pointer: JSONPointer.pointer(tokens), line: mark?.line, column: mark?.column)
    }
}
