import KeysmithCore
import KeysmithStore

/// A value in KeyScript: what a word evaluates to and what a command returns.
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
    public static let maskedSecret = "ksk_…(secret hidden)"

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
public enum RecordPayload: Sendable, Hashable {
    case key(KeyInfo)
    case check(CheckResult)
    case user(User)
    case account(AccountState)
    case resource(Resource)
}

/// A value with named fields, like the key `key create` returns (`id`, `name`, `secret`,
/// `expires`, `grants`, …) or a check's result (`allowed`, `reason`, `status`).
public struct Record: Sendable, Hashable {
    /// What kind of record this is, for people: `key`, `check`, `user`, …
    public let typeName: String
    /// The typed value behind the fields, for records the standard commands make; nil for an
    /// embedder's own records unless it gives one.
    public let payload: RecordPayload?
    /// Fields in display order.
    public let fields: [(name: String, value: Value)]
    /// How the record prints when used whole (`echo $k`).
    public let summary: String

    public init(_ typeName: String, summary: String, fields: [(String, Value)], payload: RecordPayload? = nil) {
        self.typeName = typeName
        self.payload = payload
        self.summary = summary
        self.fields = fields.map { (name: $0.0, value: $0.1) }
    }

    public subscript(field: String) -> Value? { fields.first(where: { $0.name == field })?.value }

    public var fieldNames: [String] { fields.map(\.name) }

    public static func == (a: Record, b: Record) -> Bool {
        a.typeName == b.typeName && a.summary == b.summary && a.fields.map(\.name) == b.fields.map(\.name)
            && a.fields.map(\.value) == b.fields.map(\.value) && a.payload == b.payload
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(typeName)
        hasher.combine(summary)
    }
}
