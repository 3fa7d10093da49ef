import KeysmithCore

/// The memory store's audit log, kept compact: a store can hold millions of entries. The
/// actor (one of a handful of names) is stored once and referred to by number, the action and
/// outcome as small numbers, the key by its position in the store, and the sequence number is
/// the entry's place in the log: 40 bytes an entry plus its detail text. A created key's
/// detail is not kept at all: its expiration and grants never change, so it is rebuilt from
/// the key when read.
struct MemoryAuditLog {
    private struct Record {
        let time: Int64
        /// The detail's text; empty for a created key's (rebuilt from the key).
        let detail: String
        /// Position of the key in the store's key array, or -1 for none.
        let keyPosition: Int32
        /// A key id that is not in the store, as a word number (`UInt32.max` for none); fits in
        /// the record's padding.
        let foreignKey: UInt32
        let actor: UInt32
        /// Index into ``AuditAction/allCases``.
        let action: UInt16
        /// 0 for `ok`, 1 for `allow`, 2 + the reason's index for a denial.
        let outcome: UInt16
    }

    private static let actions = AuditAction.allCases
    private static let reasons = DenyReason.allCases

    private static func number(of outcome: AuditOutcome) -> UInt16 {
        switch outcome {
        case .ok: return 0
        case .decided(.allow): return 1
        case .decided(.deny(let reason)): return UInt16(2 + reasons.firstIndex(of: reason)!)
        }
    }

    private static func outcome(numbered n: UInt16) -> AuditOutcome {
        switch n {
        case 0: return .ok
        case 1: return .decided(.allow)
        default: return .decided(.deny(reasons[Int(n) - 2]))
        }
    }

    private var records: [Record] = []
    /// Actors and key ids not in the store, each stored once.
    private var names = WordTable()

    var count: Int { records.count }

    /// Appends `entry` (its sequence number is its place in the log); `keyPosition` is where
    /// its key sits in the store, or nil.
    mutating func append(_ entry: AuditEntry, keyPosition: Int?) {
        let foreignKey = keyPosition == nil ? entry.keyID.map { names.number(of: $0.rawValue) } : nil
        // A created key's detail is rebuilt from the key when read: not even formatted here.
        let detail: String
        if case .keyCreated = entry.detail, keyPosition != nil { detail = "" } else { detail = entry.detail.description }
        records.append(
            Record(
                time: entry.time.secondsSinceEpoch, detail: detail, keyPosition: keyPosition.map(Int32.init) ?? -1,
                foreignKey: foreignKey ?? .max, actor: names.number(of: entry.actor),
                action: UInt16(Self.actions.firstIndex(of: entry.action)!), outcome: Self.number(of: entry.outcome)))
    }

    mutating func removeLast() { records.removeLast() }

    /// The newest `limit` entries (all when nil), oldest first; `key` turns a key position
    /// back into the key (its id, and a created key's detail), `grantNames` its grants into names.
    func entries(limit: Int?, key: (Int) -> APIKey, grantNames: (GrantSet) -> [String]) -> [AuditEntry] {
        let first = limit.map { max(0, records.count - max(0, $0)) } ?? 0
        return records[first...].enumerated().map { offset, record in
            let action = Self.actions[Int(record.action)]
            let stored = record.keyPosition >= 0 ? key(Int(record.keyPosition)) : nil
            let keyID = stored?.id ?? (record.foreignKey == .max ? nil : KeyID(names[record.foreignKey]))
            let detail: AuditDetail
            if action == .keyCreate, record.detail.isEmpty, let stored {
                detail = .keyCreated(expiration: stored.expiration, grants: grantNames(stored.grants))
            } else {
                detail = AuditDetail(stored: record.detail, action: action)
            }
            return AuditEntry(
                sequence: first + offset + 1, time: Instant(secondsSinceEpoch: record.time),
                actor: names[record.actor], action: action, keyID: keyID,
                outcome: Self.outcome(numbered: record.outcome), detail: detail)
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
