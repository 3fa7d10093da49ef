/// Why an OpenAPI description could not become a catalog, and where: the file with the line
/// and column for a YAML or JSON syntax error (and for a `$ref`), the JSON pointer for an
/// OpenAPI mistake (`/paths/~1documents~1{id}/get/security/0`).
package enum OpenAPIImportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file is larger than ``OpenAPIDescriptionSource/largestFileSize``; nothing was parsed.
    case tooLarge(file: String, bytes: Int, limit: Int)
    /// The file could not be read.
    case unreadable(file: String, reason: String)
    /// YAML or JSON that does not parse.
    case syntax(file: String, line: Int, column: Int, problem: String)
    /// Parses, but is not an OpenAPI description (no `openapi` field at the top).
    case notOpenAPI(file: String, reason: String)
    /// A Swagger 2.0 description (`swagger: "2.0"`), which predates OpenAPI 3.
    case swagger2(file: String)
    /// An `openapi` version other than 3.0.x or 3.1.x.
    case unsupportedVersion(file: String, version: String)
    /// A `$ref` to another file or a URL: keysmith reads one file and never the network.
    case externalReference(Location, reference: String)
    /// A `$ref` to nothing in the file.
    case brokenReference(Location, reference: String)
    /// `$ref`s that lead back to themselves without reaching anything.
    case referenceCycle(Location, chain: [String])
    /// No `http` bearer or `apiKey` scheme to read API-key grants from; `declared` are the
    /// security schemes there are. (The front ends add how to name one.)
    case noKeyScheme(Location, declared: [String])
    /// More than one `http` bearer or `apiKey` scheme could carry API keys: `candidates`, in
    /// the file's order. (The front ends add how to choose one.)
    case ambiguousKeyScheme(Location, candidates: [String])
    /// Anything else OpenAPI or keysmith refuses, at a JSON pointer.
    case invalid(Location, problem: String)

    /// A place in the description: the file, its JSON pointer and, when known, line and column.
    package struct Location: Hashable, Sendable, CustomStringConvertible {
        package let file: String
        package let pointer: String
        package let line: Int?
        package let column: Int?

        package init(file: String, pointer: String, line: Int? = nil, column: Int? = nil) {
            self.file = file
            self.pointer = pointer
            self.line = line
            self.column = column
        }

        /// `api.yaml:12:9 (at /paths/~1a/get)`, or `api.yaml (at /paths/~1a/get)`.
        package var description: String {
            let place = line.map { "\(file):\($0):\(column ?? 1)" } ?? file
            return "\(place) (at \(pointer.isEmpty ? "the document root" : pointer))"
        }
    }

    /// The message, with anything shaped like a secret cut (``SecretRedaction``): most messages
    /// quote the file (a path, a scheme's name, a YAML key, OpenAPIKit's own account of a
    /// problem) or a name a person gave, and a secret pasted there is never printed back.
    package var description: String { SecretRedaction.redacting(message) }

    private var message: String {
        switch self {
        case .tooLarge(let file, let bytes, let limit):
            return "\(file): the file has \(bytes) bytes; an OpenAPI description may have at most \(limit) bytes (nothing was read)"
        case .unreadable(let file, let reason):
            return "\(file): cannot read the file: \(reason)"
        case .syntax(let file, let line, let column, let problem):
            return "\(file):\(line):\(column): not valid YAML or JSON: \(problem)"
        case .notOpenAPI(let file, let reason):
            return "\(file): not an OpenAPI description: \(reason)"
        case .swagger2(let file):
            return
                "\(file): a Swagger 2.0 description; keysmith reads OpenAPI 3.0 and 3.1 (convert it first, for example with swagger2openapi)"
        case .unsupportedVersion(let file, let version):
            return "\(file): OpenAPI \(version) is not supported; keysmith reads OpenAPI 3.0 and 3.1"
        case .externalReference(let location, let reference):
            return
                "\(location): the $ref \(reference) points outside this file; keysmith reads one file and never the network (inline it, or bundle the description first)"
        case .brokenReference(let location, let reference):
            return "\(location): the $ref \(reference) points to nothing in the file"
        case .referenceCycle(let location, let chain):
            return "\(location): $ref cycle: \(chain.joined(separator: " -> "))"
        case .noKeyScheme(let location, let declared):
            return
                "\(location): no http bearer or apiKey security scheme to read API-key grants from (declared: \(declared.isEmpty ? "none" : declared.joined(separator: ", ")))"
        case .ambiguousKeyScheme(let location, let candidates):
            return "\(location): more than one scheme could carry API keys (\(candidates.joined(separator: ", ")))"
        case .invalid(let location, let problem):
            return "\(location): \(problem)"
        }
    }

    /// Where in the description the problem is; nil for a problem with the file as a whole.
    package var location: Location? {
        switch self {
        case .tooLarge, .unreadable, .syntax, .notOpenAPI, .swagger2, .unsupportedVersion: return nil
        case .externalReference(let location, _), .brokenReference(let location, _), .referenceCycle(let location, _),
            .noKeyScheme(let location, _), .ambiguousKeyScheme(let location, _), .invalid(let location, _):
            return location
        }
    }
}
