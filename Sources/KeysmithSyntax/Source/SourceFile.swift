/// The text of a script and the name it is reported under (a path, or a
/// label such as `<stdin>` or `<repl>`).
///
/// Made from bytes (a file, standard input), it remembers where the first
/// byte that is not UTF-8 sits, and parsing it fails there: bytes never turn
/// silently into U+FFFD.
public struct SourceFile: Sendable {
    /// The name locations report: a path, or a label such as `<stdin>` or `<repl>`.
    public let name: String
    /// The script text; for a source made from bytes that are not all UTF-8, with U+FFFD in their place.
    public let text: String
    /// Where the bytes the source was made from stop being UTF-8, if they do.
    package let invalidUTF8: InvalidUTF8?

    /// The first byte of a source that is not UTF-8, and where it is.
    package struct InvalidUTF8: Hashable, Sendable {
        /// The byte itself.
        package let byte: UInt8
        /// Its 0-based offset in the bytes.
        package let offset: Int
        /// Its line and column (scalars before it on its line, plus one).
        package let line: Int
        package let column: Int
    }

    /// A source from text that is already a `String`, so known to be valid UTF-8; a byte-order mark is not removed.
    public init(name: String, text: String) {
        self.name = name
        self.text = text
        self.invalidUTF8 = nil
    }

    /// A source read as bytes: the text is their UTF-8 decoding (with U+FFFD
    /// for bytes that are not UTF-8, shown in the error's line) and
    /// `invalidUTF8` says where the first such byte is.
    public init(name: String, bytes: some Collection<UInt8>) {
        self.name = name
        var bytes = Array(bytes)
        // A byte-order mark some editors put first is not part of the script.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let text = String(validating: bytes, as: UTF8.self) {
            self.text = text
            self.invalidUTF8 = nil
        } else {
            self.text = String(decoding: bytes, as: UTF8.self)
            self.invalidUTF8 = Self.firstInvalidByte(in: bytes)
        }
    }

    /// The first byte of `bytes` that does not belong to a well-formed UTF-8
    /// sequence, with its line and column.
    static func firstInvalidByte(in bytes: [UInt8]) -> InvalidUTF8? {
        var line = 1, column = 1
        var offset = 0
        while offset < bytes.count {
            let length = Self.sequenceLength(in: bytes, at: offset)
            guard length > 0 else {
                return InvalidUTF8(byte: bytes[offset], offset: offset, line: line, column: column)
            }
            if bytes[offset] == ASCII.newline {
                line += 1
                column = 1
            } else {
                column += 1
            }
            offset += length
        }
        return nil
    }

    /// The length of the well-formed UTF-8 sequence at `offset`, or 0 when
    /// the bytes there are not one (overlong forms, surrogates and values past
    /// U+10FFFF included).
    static func sequenceLength(in bytes: [UInt8], at offset: Int) -> Int {
        let lead = bytes[offset]
        let length: Int
        var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            upper = 0x9F
        case 0xF0:
            length = 4
            lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            upper = 0x8F
        default: return 0
        }
        guard offset + length <= bytes.count else { return 0 }
        guard (lower...upper).contains(bytes[offset + 1]) else { return 0 }
        for next in (offset + 2)..<(offset + length) where bytes[next] & 0xC0 != 0x80 { return 0 }
        return length
    }

    /// The 1-based line `number` without its line ending (`\n` or `\r\n`),
    /// or nil when the text has no such line.
    package func line(_ number: Int) -> Substring? {
        guard number >= 1 else { return nil }
        let utf8 = text.utf8
        var start = utf8.startIndex
        var current = 1
        while current < number {
            guard let newline = utf8[start...].firstIndex(of: ASCII.newline) else { return nil }
            start = utf8.index(after: newline)
            current += 1
        }
        var end = utf8[start...].firstIndex(of: ASCII.newline) ?? utf8.endIndex
        if end > start, utf8[utf8.index(before: end)] == ASCII.carriageReturn {
            end = utf8.index(before: end)
        }
        return text[start..<end]
    }
}
