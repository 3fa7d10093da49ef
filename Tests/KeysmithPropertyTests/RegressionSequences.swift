import Testing

/// Operation sequences kept as regression cases: each is what a property shrank a failure to
/// (written as `kind,a,b` triples), replayed by ``SessionInvariantTests`` on every run. Add a
/// line here whenever a property finds a new one.
enum RegressionSequences {
    struct Entry: Sendable, CustomTestStringConvertible {
        let name: String
        let operations: [Operation]
        var testDescription: String { name }
    }

    static let all: [Entry] = [
        // A key expired by `clock set` forward, then the clock set back to its creation: the
        // check after must stay `expired` (found with the store's latest instant ignored).
        entry("clock set back after expiry", "4,0,42 11,2,42 7,0,0 11,0,42 7,0,0"),
        // A live secret pasted as a key name, a document id and into `echo`.
        entry("pasted secret in names and echo", "1,0,3 4,2,1 7,0,1 5,0,14 1,0,15 13,0,14 1,0,8 11,0,0 8,3,0 7,0,1"),
        // A control character and a forged listing row in a document id, listed afterwards.
        entry("forged row in a document id", "1,0,8 1,0,7 1,0,9 10,2,0"),
    ]

    static func entry(_ name: String, _ triples: String) -> Entry {
        let operations = triples.split(separator: " ").map { triple -> Operation in
            let n = triple.split(separator: ",").map { Int($0) ?? 0 }
            return Operation(kind: n[0], a: n[1], b: n[2])
        }
        return Entry(name: name, operations: operations)
    }
}
