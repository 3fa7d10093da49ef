/// A path template such as `/documents/{id}/threads/{threadId}/comments`: literal segments
/// and `{name}` parameters, matched segment by segment.
public struct PathTemplate: Hashable, Sendable, CustomStringConvertible {
    package enum Segment: Hashable, Sendable {
        case literal(String)
        case parameter(String)
    }

    package let segments: [Segment]

    /// The most segments a template may have: as many as the router splits a request path
    /// into (a longer template could never match).
    package static let maximumSegments = 16

    /// Parses a template; it must be printable text holding no secret (`StoredText`), start
    /// with `/`, have non-empty segments, and name each parameter once.
    public init(parsing text: String) throws(KeysmithError) {
        if let problem = StoredText.problem(in: text, what: "a path") { throw .badPath(text, problem) }
        guard text.hasPrefix("/") else { throw .badPath(text, "a path starts with /") }
        var segments: [Segment] = []
        var seen: Set<String> = []
        let parts = text.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 1 && parts[0].isEmpty { throw .badPath(text, "a path needs at least one segment") }
        for part in parts {
            if part.isEmpty { throw .badPath(text, "a path cannot have an empty segment (//) or end with /") }
            if part.first == "{" && part.last == "}" && part.count > 2 {
                let name = String(part.dropFirst().dropLast())
                guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                    throw .badPath(text, "a parameter name has letters, digits and _ only: {\(name)}")
                }
                guard seen.insert(name).inserted else { throw .badPath(text, "the parameter {\(name)} appears twice") }
                segments.append(.parameter(name))
            } else if part.contains("{") || part.contains("}") || part.contains(where: \.isWhitespace) || part.contains("?") {
                throw .badPath(text, "\"\(part)\" is neither a literal segment nor a whole {parameter}")
            } else {
                segments.append(.literal(String(part)))
            }
        }
        guard segments.count <= Self.maximumSegments else {
            throw .badPath(text, "a path has at most \(Self.maximumSegments) segments, this one has \(segments.count)")
        }
        self.segments = segments
    }

    /// A template from keysmith's own tables (the built-in catalog), split without the checks
    /// of ``init(parsing:)``: those tables are ASCII and well formed, which a test holds them to
    /// (each parses to the same template through ``init(parsing:)``). Start-up builds 154 of
    /// these, and the checks (printable text, no secret, Unicode properties) were most of its cost.
    init(builtIn text: StaticString) {
        var segments: [Segment] = []
        text.withUTF8Buffer { bytes in
            var start = 1
            precondition(bytes.first == UInt8(ascii: "/"), "a built-in path starts with /")
            for end in 1...bytes.count where end == bytes.count || bytes[end] == UInt8(ascii: "/") {
                let part = UnsafeBufferPointer(rebasing: bytes[start..<end])
                if part.count > 2, part.first == UInt8(ascii: "{"), part.last == UInt8(ascii: "}") {
                    segments.append(.parameter(String(decoding: UnsafeBufferPointer(rebasing: part.dropFirst().dropLast()), as: UTF8.self)))
                } else {
                    segments.append(.literal(String(decoding: part, as: UTF8.self)))
                }
                start = end + 1
            }
        }
        self.segments = segments
    }

    package var parameterNames: [String] {
        segments.compactMap { if case .parameter(let n) = $0 { return n } else { return nil } }
    }

    /// The segment index of the `n`-th parameter.
    func segmentIndex(ofParameterAt n: Int) -> Int {
        var seen = -1
        for (i, s) in segments.enumerated() {
            if case .parameter = s {
                seen += 1
                if seen == n { return i }
            }
        }
        preconditionFailure("no parameter \(n) in \(self)")
    }

    /// `documents/{id}` names a document, `folders/{id}` a folder; otherwise unknown.
    func resourceKind(forParameterAt n: Int) -> ResourceKind? {
        let i = segmentIndex(ofParameterAt: n)
        guard i > 0, case .literal(let previous) = segments[i - 1] else { return nil }
        switch previous {
        case "documents": return .document
        case "folders": return .folder
        default: return nil
        }
    }

    /// The template as written: `/documents/{id}`, with no version prefix.
    public var description: String {
        "/"
            + segments.map { s -> String in
                switch s {
                case .literal(let l): return l
                case .parameter(let p): return "{\(p)}"
                }
            }.joined(separator: "/")
    }
}
