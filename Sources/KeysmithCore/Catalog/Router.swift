/// Routes a method and a concrete path to an endpoint by walking a tree of path segments:
/// cost grows with the path's length, not with the number of endpoints. Literal segments win
/// over parameters; the walk backtracks when a literal branch dead-ends.
struct Router: Sendable {
    /// Children and methods are short lists scanned with `==`, not hash maps: a node has a
    /// handful of each, and comparing a few short ASCII strings is several times cheaper than
    /// hashing one (this runs on every check).
    private struct Node: Sendable {
        var literals: [(text: String, next: Int)] = []
        var parameter: Int? = nil
        var methods: [(method: String, endpoint: Int)] = []

        func literal(_ segment: Substring) -> Int? {
            for entry in literals where entry.text == segment { return entry.next }
            return nil
        }

        func endpoint(for method: String) -> Int? {
            for entry in methods where entry.method == method { return entry.endpoint }
            return nil
        }
    }

    private var nodes = [Node()]

    mutating func insert(_ template: PathTemplate, method: String, endpoint: Int) -> Bool {
        var current = 0
        for segment in template.segments {
            switch segment {
            case .literal(let text):
                if let next = nodes[current].literal(Substring(text)) { current = next }
                else { nodes.append(Node()); nodes[current].literals.append((text, nodes.count - 1)); current = nodes.count - 1 }
            case .parameter:
                if let next = nodes[current].parameter { current = next }
                else { nodes.append(Node()); nodes[current].parameter = nodes.count - 1; current = nodes.count - 1 }
            }
        }
        guard nodes[current].endpoint(for: method) == nil else { return false }
        nodes[current].methods.append((method, endpoint))
        return true
    }

    /// The endpoint index for `method` at `path` (segments already split), or nil.
    func match(method: String, segments: PathSegments) -> Int? {
        match(node: 0, method: method, segments: segments, from: 0)
    }

    private func match(node: Int, method: String, segments: PathSegments, from i: Int) -> Int? {
        if i == segments.count { return nodes[node].endpoint(for: method) }
        let segment = segments[i]
        if let next = nodes[node].literal(segment),
           let found = match(node: next, method: method, segments: segments, from: i + 1) {
            return found
        }
        if let next = nodes[node].parameter, !segment.isEmpty {
            return match(node: next, method: method, segments: segments, from: i + 1)
        }
        return nil
    }
}

/// The segments of a concrete request path, sliced (not copied) out of it. Up to 16 segments
/// live inline; a query string (`?…`) and one trailing `/` are ignored.
struct PathSegments {
    private var storage = InlineArray<16, Substring>(repeating: Substring())
    private(set) var count = 0

    /// nil when the path does not start with `/` or has too many segments.
    init?(_ path: String) {
        if path.utf8.allSatisfy({ $0 < 0x80 }) { self.init(ascii: path) } else { self.init(characters: path) }
    }

    /// The usual case, byte by byte: in ASCII every byte is a character, so this splits exactly
    /// where the character walk below would, without its grapheme breaking (most of a route's cost).
    private init?(ascii path: String) {
        let slash = UInt8(ascii: "/")
        let bytes = path.utf8
        var end = bytes.firstIndex(of: UInt8(ascii: "?")) ?? bytes.endIndex
        guard bytes.startIndex < end, bytes[bytes.startIndex] == slash else { return nil }
        var start = bytes.index(after: bytes.startIndex)
        if start < end, bytes[bytes.index(before: end)] == slash { end = bytes.index(before: end) }
        if start == end { return }
        var i = start
        while true {
            if i == end || bytes[i] == slash {
                guard count < storage.count else { return nil }
                storage[count] = path[start..<i]
                count += 1
                if i == end { break }
                start = bytes.index(after: i)
            }
            i = bytes.index(after: i)
        }
    }

    /// Any other path, character by character.
    private init?(characters path: String) {
        var end = path.endIndex
        if let q = path.firstIndex(of: "?") { end = q }
        let trimmed = path[path.startIndex..<end]
        guard trimmed.first == "/" else { return nil }
        var body = trimmed.dropFirst()
        if body.last == "/" { body = body.dropLast() }
        if body.isEmpty { return }
        var start = body.startIndex
        var i = start
        while true {
            if i == body.endIndex || body[i] == "/" {
                guard count < storage.count else { return nil }
                storage[count] = body[start..<i]
                count += 1
                if i == body.endIndex { break }
                start = body.index(after: i)
            }
            i = body.index(after: i)
        }
    }

    subscript(i: Int) -> Substring { storage[i] }

    /// The same segments without the first one (for a `/v1` version prefix).
    func droppingFirst() -> PathSegments {
        var copy = self
        for i in 1..<count { copy.storage[i - 1] = storage[i] }
        copy.count -= 1
        return copy
    }
}
