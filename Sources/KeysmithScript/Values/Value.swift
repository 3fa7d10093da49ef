import KeysmithCore
import KeysmithStore

/// A value in KeyScript: what a word evaluates to and what a command returns.
/// Not frozen: new cases may come in a later version, so a switch outside keysmith needs an
/// `@unknown default` (`@nonexhaustive`; inside the package switches stay exhaustive).
@nonexhaustive
public enum Value: Sendable, Hashable {
    case none
    case string(String)
    case number(Int)
    /// A key's secret. Passed as is to commands that take a secret (`check $k.secret ...`),
    /// but masked whenever it would be printed or spliced into text, so it never reaches a
    /// transcript, a log or an error after the one time `key create` shows it.
    case secret(String)
    case list([Value])
    case record(Record)

    /// The text a person sees: strings as they are, secrets masked, lists comma-joined.
    public var displayText: String {
        switch self {
        case .none: return ""
        case .string(let s): return s
        case .number(let n): return String(n)
        case .secret: return Value.maskedSecret
        case .list(let items): return items.map(\.displayText).joined(separator: ",")
        case .record(let r): return r.summary
        }
    }

    /// How a secret appears anywhere but in `key create`'s own output.
    package static let maskedSecret = "ksk_…(secret hidden)"

    /// The check this value is the result of, if it is one.
    public var checkResult: CheckResult? {
        if case .record(let r) = self, case .check(let result)? = r.payload { return result }
        return nil
    }

    /// The key this value describes, if it is a key record.
    public var keyInfo: KeyInfo? {
        if case .record(let r) = self, case .key(let info)? = r.payload { return info }
        return nil
    }

    /// The value's type in words, for error messages.
    public var typeName: String {
        switch self {
        case .none: return "nothing"
        case .string: return "text"
        case .number: return "a number"
        case .secret: return "a secret"
        case .list: return "a list"
        case .record(let r): return "a \(r.typeName) record"
        }
    }
}

/// The model value a record stands for. Code that needs a record's meaning reads this (a
/// check's ``Decision``, a key's ``KeyInfo``), never the record's printed fields.
/// Not frozen: new cases may come in a later version, so a switch outside keysmith needs an
/// `@unknown default` (`@nonexhaustive`; inside the package switches stay exhaustive).
@nonexhaustive
public enum RecordPayload: Sendable, Hashable {
    case key(KeyInfo)
    case check(CheckResult)
    case user(User)
    case account(AccountState)
    case resource(Resource)
}

/// A value with named fields, like the key `key create` returns (`id`, `name`, `secret`,
/// `expires`, `grants`, …) or a check's result (`allowed`, `reason`, `status`).
///
/// A record is one reference to storage it shares with its copies, so a ``Value`` holding one
/// is a word or two to copy, whatever the record holds. The standard commands make their
/// records with ``init(_:summary:payload:fieldNames:field:)``: a field's value is computed when
/// it is read (`$k.secret` computes one field), and a result nobody reads costs one allocation.
public struct Record: Sendable, Hashable {
    private let storage: RecordStorage

    /// What kind of record this is, for people: `key`, `check`, `user`, …
    public var typeName: String { storage.typeName }
    /// The typed value behind the fields, for records the standard commands make; nil for an
    /// embedder's own records unless it gives one.
    public var payload: RecordPayload? { storage.payload }
    /// How the record prints when used whole (`echo $k`).
    public var summary: String { storage.summary }
    /// The field names, in display order.
    public var fieldNames: [String] { storage.fieldNames }
    /// Fields in display order (each computed, for a record whose fields are computed on demand).
    public var fields: [(name: String, value: Value)] { storage.fieldNames.map { ($0, storage.field($0) ?? .none) } }

    /// A record whose fields are given now.
    public init(_ typeName: String, summary: String, fields: [(String, Value)], payload: RecordPayload? = nil) {
        let names = fields.map(\.0)
        let values = fields.map(\.1)
        storage = RecordStorage(typeName: typeName, summary: summary, payload: payload, fieldNames: names) { name in
            names.firstIndex(of: name).map { values[$0] }
        }
    }

    /// A record whose field values are computed when read: `field` answers for every name in
    /// `fieldNames` (and nil for any other).
    public init(
        _ typeName: String, summary: String, payload: RecordPayload?, fieldNames: [String],
        field: @escaping @Sendable (String) -> Value?
    ) {
        storage = RecordStorage(typeName: typeName, summary: summary, payload: payload, fieldNames: fieldNames, field: field)
    }

    /// The value of the field named `field` (`$k.secret`), computed now for a record whose
    /// fields are computed on demand; nil when the record has no such field.
    public subscript(field: String) -> Value? { storage.field(field) }

    /// Records are equal when they share storage, or when their type names, summaries, field
    /// names, field values (every one computed) and payloads are equal.
    public static func == (a: Record, b: Record) -> Bool {
        if a.storage === b.storage { return true }
        return a.typeName == b.typeName && a.summary == b.summary && a.fieldNames == b.fieldNames
            && a.fields.map(\.value) == b.fields.map(\.value) && a.payload == b.payload
    }

    /// Hashes the type name and summary only, so hashing computes no field.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(typeName)
        hasher.combine(summary)
    }
}

/// A record's contents, shared by every copy of the record.
private final class RecordStorage: Sendable {
    let typeName: String
    let summary: String
    let payload: RecordPayload?
    let fieldNames: [String]
    let field: @Sendable (String) -> Value?

    init(typeName: String, summary: String, payload: RecordPayload?, fieldNames: [String], field: @escaping @Sendable (String) -> Value?) {
        self.typeName = typeName
        self.summary = summary
        self.payload = payload
        self.fieldNames = fieldNames
        self.field = field
    }
}
