import KeysmithCore

/// The memory store's audit log, kept compact: a store can hold millions of entries, and an
/// ``AuditEntry`` with five strings takes 96 bytes. Here the actor, action and outcome — a
/// handful of distinct strings — are stored once and referred to by number, the key by its
/// position in the store, and the sequence number is the entry's place in the log: 40 bytes
/// an entry plus its detail text.
struct MemoryAuditLog {
    private struct Record {
        let time: Int64
        let detail: String
        /// Position of the key in the store's key array, or -1 for none.
        let keyPosition: Int32
        /// A key id that is not in the store, as a word number (`UInt32.max` for none); fits in
        /// the record's padding.
        let foreignKey: UInt32
        let actor: UInt32
        let action: UInt16
        let outcome: UInt16
    }

    private var records: [Record] = []
    /// Actors and key ids not in the store, each stored once.
    private var names = WordTable()
    /// Actions and outcomes: a few dozen words.
    private var terms = WordTable()

    var count: Int { records.count }

    /// Appends `entry` (its sequence number is its place in the log); `keyPosition` is where
    /// its key sits in the store, or nil.
    mutating func append(_ entry: AuditEntry, keyPosition: Int?) {
        let foreignKey = keyPosition == nil ? entry.keyID.map { names.number(of: $0.rawValue) } : nil
        precondition(terms.count < Int(UInt16.max) - 2, "more distinct audit actions and outcomes than the log can number")
        records.append(Record(
            time: entry.time.secondsSinceEpoch, detail: entry.detail, keyPosition: keyPosition.map(Int32.init) ?? -1,
            foreignKey: foreignKey ?? .max, actor: names.number(of: entry.actor),
            action: UInt16(terms.number(of: entry.action)), outcome: UInt16(terms.number(of: entry.outcome))))
    }

    mutating func removeLast() { records.removeLast() }

    /// The newest `limit` entries (all when nil), oldest first; `keyID` turns a key position
    /// back into its id.
    func entries(limit: Int?, keyID: (Int) -> KeyID) -> [AuditEntry] {
        let first = limit.map { max(0, records.count - max(0, $0)) } ?? 0
        return records[first...].enumerated().map { offset, record in
            AuditEntry(sequence: first + offset + 1, time: Instant(secondsSinceEpoch: record.time),
                       actor: names[record.actor], action: terms[UInt32(record.action)],
                       keyID: record.keyPosition >= 0 ? keyID(Int(record.keyPosition))
                           : record.foreignKey == .max ? nil : KeyID(names[record.foreignKey]),
                       outcome: terms[UInt32(record.outcome)], detail: record.detail)
        }
    }

}

/// Distinct strings, each stored once and known by its number.
private struct WordTable {
    private var words: [String] = []
    private var numbers: [String: UInt32] = [:]

    var count: Int { words.count }

    subscript(number: UInt32) -> String { words[Int(number)] }

    mutating func number(of word: String) -> UInt32 {
        if let number = numbers[word] { return number }
        words.append(word)
        numbers[word] = UInt32(words.count - 1)
        return UInt32(words.count - 1)
    }
}
