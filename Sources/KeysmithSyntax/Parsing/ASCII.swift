/// The bytes the lexer cares about. Every one is ASCII, so splitting UTF-8
/// text at them never cuts a multi-byte character.
enum ASCII {
    static let tab: UInt8 = 0x09
    static let newline: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let doubleQuote: UInt8 = 0x22
    static let hash: UInt8 = 0x23
    static let dollar: UInt8 = 0x24
    static let singleQuote: UInt8 = 0x27
    static let dot: UInt8 = 0x2E
    static let semicolon: UInt8 = 0x3B
    static let backslash: UInt8 = 0x5C
    static let underscore: UInt8 = 0x5F
    static let openBrace: UInt8 = 0x7B
    static let closeBrace: UInt8 = 0x7D
}

extension UInt8 {
    /// Separates words: a space, a tab, or a carriage return not part of a
    /// `\r\n` line ending.
    var isBlank: Bool {
        self == ASCII.space || self == ASCII.tab || self == ASCII.carriageReturn
    }

    /// Ends a command: a newline or `;`.
    var isCommandSeparator: Bool {
        self == ASCII.newline || self == ASCII.semicolon
    }

    /// `[A-Za-z_]`
    var isIdentifierStart: Bool {
        (self | 0x20) >= 0x61 && (self | 0x20) <= 0x7A || self == ASCII.underscore
    }

    /// `[A-Za-z0-9_]`
    var isIdentifierContinuation: Bool {
        isIdentifierStart || (self >= 0x30 && self <= 0x39)
    }

    /// Not a UTF-8 continuation byte, so the start of a Unicode scalar.
    var startsScalar: Bool {
        self & 0xC0 != 0x80
    }
}
