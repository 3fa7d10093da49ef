import Foundation
import GRDB
import KeysmithCore
import KeysmithStore

/// A row read from a store table whose columns are decoded with a check each.
///
/// keysmith reads back only what it wrote, so a value of the wrong type, a NULL where none is
/// allowed, an instant out of range or an unknown name means the file was changed behind its
/// back: that throws a damaged store error (``StoreError/Code-swift.struct/damaged``) naming the table, the column and
/// the row (never a trap in one of GRDB's `row[i]` subscripts, never a wrapped number).
///
/// ```swift
/// let row = StoredRow(fetched, table: "api_keys", store: path)  // column 0 is the row id
/// let expires = try row.optionalInstant(4, "expires_at")        // nil for NULL
/// ```
struct StoredRow {
    let row: Row
    let table: String
    let store: String
    /// How messages name the row, worked out only for a message (reading stays cheap).
    private let naming: (Row) -> String

    /// A row whose column 0 is the table's integer primary key: messages say `row 3`.
    init(_ row: Row, table: String, store: String) {
        self.init(row, table: table, store: store) { row in (row[0] as? Int64).map { "row \($0)" } ?? "a row" }
    }

    /// A row of a table without an integer key, named in messages by `naming`, e.g.
    /// `the row for resource 2 and user 'me'`.
    init(_ row: Row, table: String, store: String, naming: @escaping (Row) -> String) {
        self.row = row
        self.table = table
        self.store = store
        self.naming = naming
    }

    /// How messages name the row: `row 3`.
    var label: String { naming(row) }

    // MARK: Decoding with a check

    /// The value of column `index` turned into `T` by `decode`, which returns nil for a value
    /// keysmith could not have written; `expected` says what would be valid (`an integer
    /// instant`). The building block of the other accessors, for new tables too.
    func value<T>(
        _ index: Int, _ column: String, expected: @autoclosure () -> String,
        _ decode: ((any DatabaseValueConvertible)?) -> T?
    ) throws(StoreError) -> T {
        let raw = row[index]
        guard let value = decode(raw) else { throw damage(column, holds: raw, expected: expected()) }
        return value
    }

    /// The error for column `column` holding `raw` where `expected` was due.
    func damage(_ column: String, holds raw: (any DatabaseValueConvertible)?, expected: String) -> StoreError {
        .damaged(store: store, detail: "\(table).\(column) in \(label) holds \(Self.describe(raw)) (expected \(expected))")
    }

    /// The error for column `column` holding `text`, which decodes but which the commands
    /// refuse for `problem` (a name with a control character, a secret): put there by hand.
    func damage(_ column: String, holds text: String, refusedBecause problem: String) -> StoreError {
        .damaged(store: store, detail: "\(table).\(column) in \(label) holds \(Self.quoted(text)), which the commands refuse: \(problem)")
    }

    /// A problem with the row as a whole (`detail` says what), e.g. one that no longer fits
    /// with the rest of the store.
    func damage(_ detail: String) -> StoreError {
        .damaged(store: store, detail: "\(table) \(label): \(detail)")
    }

    /// An integer in `range`.
    func integer(
        _ index: Int, _ column: String, in range: ClosedRange<Int64> = Int64.min...Int64.max,
        expected: @autoclosure () -> String? = nil
    ) throws(StoreError) -> Int64 {
        let full = range == Int64.min...Int64.max
        return try value(
            index, column, expected: expected() ?? (full ? "an integer" : "an integer from \(range.lowerBound) to \(range.upperBound)")
        ) { raw in
            (raw as? Int64).flatMap { range.contains($0) ? $0 : nil }
        }
    }

    /// `0` or `1` as false or true.
    func bool(_ index: Int, _ column: String) throws(StoreError) -> Bool {
        try integer(index, column, in: 0...1, expected: "0 or 1") == 1
    }

    /// Text whose length in characters lies in `length`.
    func text(
        _ index: Int, _ column: String, length: ClosedRange<Int> = 0...Int.max,
        expected: @autoclosure () -> String = "text"
    ) throws(StoreError) -> String {
        try value(index, column, expected: expected()) { raw in
            (raw as? String).flatMap { Self.fits($0, length) ? $0 : nil }
        }
    }

    /// Like ``text(_:_:length:expected:)``, or nil for NULL.
    func optionalText(
        _ index: Int, _ column: String, length: ClosedRange<Int> = 0...Int.max,
        expected: @autoclosure () -> String = "text or NULL"
    ) throws(StoreError) -> String? {
        if row.hasNull(atIndex: index) { return nil }
        return try text(index, column, length: length, expected: expected())
    }

    /// One of `T`'s raw values (`member`, `admin`).
    func choice<T: RawRepresentable & CaseIterable>(_ index: Int, _ column: String, as type: T.Type) throws(StoreError) -> T
    where T.RawValue == String {
        try value(index, column, expected: T.allCases.map { "'\($0.rawValue)'" }.joined(separator: " or ")) { raw in
            (raw as? String).flatMap(T.init(rawValue:))
        }
    }

    /// An instant (seconds since the epoch) within ``instantRange``.
    func instant(_ index: Int, _ column: String) throws(StoreError) -> Instant {
        Instant(secondsSinceEpoch: try integer(index, column, in: Self.instantRange, expected: Self.instantExpected))
    }

    /// Like ``instant(_:_:)``, or nil for NULL.
    func optionalInstant(_ index: Int, _ column: String) throws(StoreError) -> Instant? {
        if row.hasNull(atIndex: index) { return nil }
        return Instant(
            secondsSinceEpoch: try integer(
                index, column, in: Self.instantRange,
                expected: Self.instantExpected + " or NULL"))
    }

    /// A blob of exactly `count` bytes.
    func blob(_ index: Int, _ column: String, count: Int) throws(StoreError) -> [UInt8] {
        try value(index, column, expected: "a \(count)-byte blob") { raw in
            (raw as? Data).flatMap { $0.count == count ? [UInt8]($0) : nil }
        }
    }

    /// A key id as keysmith makes them: `key_` and 8 lower-case letters or digits.
    func keyID(_ index: Int, _ column: String) throws(StoreError) -> KeyID {
        try value(index, column, expected: Self.keyIDExpected) { raw in (raw as? String).flatMap(Self.keyID) }
    }

    /// Like ``keyID(_:_:)``, or nil for NULL.
    func optionalKeyID(_ index: Int, _ column: String) throws(StoreError) -> KeyID? {
        if row.hasNull(atIndex: index) { return nil }
        return try value(index, column, expected: Self.keyIDExpected + " or NULL") { raw in (raw as? String).flatMap(Self.keyID) }
    }

    // MARK: Rules

    /// Instants a store may hold: years 0001 to 9999, which every part of keysmith can print
    /// and parse back (and far from where arithmetic on seconds could overflow).
    static let instantRange: ClosedRange<Int64> = Instant.earliest.secondsSinceEpoch...Instant.latest.secondsSinceEpoch
    static let instantExpected = "an integer instant between \(Instant.earliest) and \(Instant.latest)"

    /// User names, resource ids and key names as the service accepts them (lengths only: the
    /// characters allowed may only ever get stricter, and what an older keysmith wrote stays readable).
    static let userName = 1...32
    static let userNameExpected = "a user name of 1 to 32 characters"
    static let resourceID = 1...64
    static let resourceIDExpected = "an id of 1 to 64 characters"
    static let keyName = 1...100
    static let keyNameExpected = "a key name of 1 to 100 characters"

    static let keyIDExpected = "a key id such as key_0a1b2c3d"

    private static func keyID(_ text: String) -> KeyID? {
        let bytes = text.utf8
        guard bytes.count == 12, bytes.starts(with: "key_".utf8),
            bytes.dropFirst(4).allSatisfy({ (48...57).contains($0) || (97...122).contains($0) })
        else { return nil }
        return KeyID(text)
    }

    private static func fits(_ text: String, _ length: ClosedRange<Int>) -> Bool {
        if length.lowerBound == 0 && length.upperBound == Int.max { return true }
        // utf8.count bounds the character count from above, cheaply, before counting.
        if text.utf8.count < length.lowerBound { return false }
        if text.utf8.count <= length.upperBound { return true }
        return length.contains(text.count)
    }

    // MARK: Showing what was found

    /// A stored value as a message shows it: `NULL`, `42`, `1.5`, `'abc'` (cut to 40 characters,
    /// control characters escaped, secrets hidden), `a 3-byte blob`.
    static func describe(_ raw: (any DatabaseValueConvertible)?) -> String {
        switch raw {
        case nil: return "NULL"
        case let value as Int64: return "\(value)"
        case let value as Double: return "\(value)"
        case let value as String: return quoted(value)
        case let value as Data: return "a \(value.count)-byte blob"
        case let value?: return "\(type(of: value))"
        }
    }

    static func quoted(_ text: String) -> String {
        let limit = 40
        var out = "'"
        var count = 0
        for scalar in SecretRedaction.redacting(text).unicodeScalars {
            if count == limit {
                out += "…"
                break
            }
            switch scalar.value {
            case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069:
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            case 0x27: out += "\\'"
            default: out.unicodeScalars.append(scalar)
            }
            count += 1
        }
        out += "'"
        let characters = text.count
        return characters > limit ? out + " (\(characters) characters)" : out
    }
}
