/// Routes a method and a concrete path to an endpoint by walking a tree of path segments:
/// cost grows with the path's length, not with the number of endpoints. Literal segments win
/// over parameters; the walk backtracks when a literal branch dead-ends.
struct Router: Sendable {
    /// Children and methods are short lists scanned with `==`, not hash maps: a node has a
    /// handful of each, and comparing a few short ASCII strings is several times cheaper than
    /// hashing one (this runs on every check).
    private struct Node: Sendable {
        var literals: [(text: String, next: Int)] = []
        /// The UTF-8 length of each literal, beside it: a segment is compared only with the
        /// literals of its length, so a node with many literal children (`/documents` has
        /// seven) costs a few integer compares, not a string compare each.
        var literalLengths: [Int] = []
        var parameter: Int? = nil
        var methods: [(method: String, version: Int, endpoint: Int)] = []

        /// The child for segment `i` of `segments`, compared byte by byte.
        func literal(_ segments: PathSegments, _ i: Int) -> Int? {
            let length = segments.length(i)
            for j in literalLengths.indices where literalLengths[j] == length {
                if segments.segment(i, equals: literals[j].text) { return literals[j].next }
            }
            return nil
        }

        func endpoint(for method: String, version: Int) -> Int? {
            for entry in methods where entry.version == version && entry.method == method { return entry.endpoint }
            return nil
        }
    }

    private var nodes = [Node()]
    /// Every literal edge by its parent node and text: how the tree is built and how a template
    /// is matched, in constant time per segment. (A node's own list is what a check scans: a
    /// handful of short strings beats hashing; but a flat API of thousands of sibling paths
    /// made building the tree from an OpenAPI description cost n² string compares.)
    private var literalEdges: [LiteralEdge: Int] = [:]

    private struct LiteralEdge: Hashable, Sendable {
        let node: Int
        let text: String
    }

    mutating func insert(_ template: PathTemplate, method: String, version: Int, endpoint: Int) -> Bool {
        var current = 0
        for segment in template.segments {
            switch segment {
            case .literal(let text):
                if let next = literalEdges[LiteralEdge(node: current, text: text)] {
                    current = next
                } else {
                    nodes.append(Node())
                    nodes[current].literals.append((text, nodes.count - 1))
                    nodes[current].literalLengths.append(text.utf8.count)
                    literalEdges[LiteralEdge(node: current, text: text)] = nodes.count - 1
                    current = nodes.count - 1
                }
            case .parameter:
                if let next = nodes[current].parameter {
                    current = next
                } else {
                    nodes.append(Node())
                    nodes[current].parameter = nodes.count - 1
                    current = nodes.count - 1
                }
            }
        }
        guard nodes[current].endpoint(for: method, version: version) == nil else { return false }
        nodes[current].methods.append((method, version, endpoint))
        return true
    }

    /// The endpoint with exactly this template's shape (parameters match parameters only), or nil.
    func match(template: PathTemplate, method: String, version: Int) -> Int? {
        var current = 0
        for segment in template.segments {
            switch segment {
            case .literal(let text):
                guard let next = literalEdges[LiteralEdge(node: current, text: text)] else { return nil }
                current = next
            case .parameter:
                guard let next = nodes[current].parameter else { return nil }
                current = next
            }
        }
        return nodes[current].endpoint(for: method, version: version)
    }

    /// The endpoint index for `method` at `path` (segments already split) in `version`, or nil.
    func match(method: String, version: Int, segments: PathSegments) -> Int? {
        match(node: 0, method: method, version: version, segments: segments, from: 0)
    }

    private func match(node: Int, method: String, version: Int, segments: borrowing PathSegments, from i: Int) -> Int? {
        if i == segments.count { return nodes[node].endpoint(for: method, version: version) }
        if let next = nodes[node].literal(segments, i),
            let found = match(node: next, method: method, version: version, segments: segments, from: i + 1)
        {
            return found
        }
        if let next = nodes[node].parameter, !segments.isEmpty(i) {
            return match(node: next, method: method, version: version, segments: segments, from: i + 1)
        }
        return nil
    }
}

/// The segments of a concrete request path, as byte ranges into it: up to 16 of them inline,
/// plain integers, so splitting, copying and comparing cost no reference counting. A query
/// string (`?…`) and one trailing `/` are ignored. Splitting is by bytes: `/` and `?` are ASCII
/// and never occur inside a multi-byte UTF-8 character.
struct PathSegments {
    private let path: String
    /// `PathTemplate.maximumSegments` of them (a generic size must be a literal).
    private var bounds = InlineArray<16, (start: Int32, end: Int32)>(repeating: (0, 0))
    private(set) var count = 0

    /// nil when the path does not start with `/` or has too many segments.
    init?(_ path: String) {
        self.path = path
        let bytes = path.utf8
        let end = bytes.firstIndex(of: UInt8(ascii: "?")).map { bytes.distance(from: bytes.startIndex, to: $0) } ?? bytes.count
        guard end > 0, bytes.first == UInt8(ascii: "/"), end < Int(Int32.max) else { return nil }
        // Native strings lend their UTF-8 in place; a bridged one is split over a copy.
        let found =
            path.utf8.withContiguousStorageIfAvailable { split($0, upTo: end) }
            ?? Array(path.utf8).withUnsafeBufferPointer { split($0, upTo: end) }
        guard found else { return nil }
    }

    /// Records the segments of `buffer[1..<end]` (a trailing `/` dropped); false when there are
    /// more than fit.
    private mutating func split(_ buffer: UnsafeBufferPointer<UInt8>, upTo end: Int) -> Bool {
        var end = end
        if end > 1 && buffer[end - 1] == UInt8(ascii: "/") { end -= 1 }
        var start = 1
        guard start < end else { return true }
        var i = start
        while true {
            if i == end || buffer[i] == UInt8(ascii: "/") {
                guard count < bounds.count else { return false }
                bounds[count] = (Int32(start), Int32(i))
                count += 1
                if i == end { return true }
                start = i + 1
            }
            i += 1
        }
    }

    /// Segment `i` as text.
    subscript(i: Int) -> Substring {
        let utf8 = path.utf8
        let range = bounds[i]
        let lower = utf8.index(utf8.startIndex, offsetBy: Int(range.start))
        let upper = utf8.index(utf8.startIndex, offsetBy: Int(range.end))
        return path[lower..<upper]
    }

    func isEmpty(_ i: Int) -> Bool { bounds[i].start == bounds[i].end }

    /// The UTF-8 length of segment `i`.
    func length(_ i: Int) -> Int { Int(bounds[i].end - bounds[i].start) }

    /// Whether segment `i` is exactly `text`, byte for byte.
    func segment(_ i: Int, equals text: String) -> Bool {
        let range = bounds[i]
        let length = Int(range.end - range.start)
        guard text.utf8.count == length else { return false }
        let utf8 = path.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: Int(range.start))
        return utf8[lower..<utf8.index(lower, offsetBy: length)].elementsEqual(text.utf8)
    }

    /// The same segments without the first one (for a `/v1` version prefix).
    func droppingFirst() -> PathSegments {
        var copy = self
        for i in 1..<count { copy.bounds[i - 1] = bounds[i] }
        copy.count -= 1
        return copy
    }
}
