/// The rule for text that is printed back to a terminal as a name or an id: printable
/// characters only. Refused are the C0 controls (U+0000–U+001F), DEL (U+007F), the C1
/// controls (U+0080–U+009F), the bidi embeddings, overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069), the line and paragraph separators (U+2028, U+2029), and the other invisible
/// format characters (zero-width space, soft hyphen, byte-order mark, bidi marks; not the
/// zero-width joiners): each can forge a line, clear a screen, reorder what a listing shows or
/// make two names look the same.
///
/// ```swift
/// PrintableText.problem(in: "a\u{1B}[2J", what: "a key name")
/// // "a key name must be printable text: U+001B (ESC) at character 2"
/// PrintableText.escaping("a\nb")  // "a\\nb"
/// ```
package enum PrintableText {
    /// Whether `scalar` may appear in a name or an id.
    @inline(__always)
    package static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 || (0x7F...0x9F).contains(v) { return false }
        if v < 0xAD { return true }
        if v == 0x2028 || v == 0x2029 { return false }
        // Invisible format characters (soft hyphen, zero-width space, byte-order mark, bidi
        // marks and controls, tags) make two different names look alike, or hide a secret;
        // the zero-width joiners stay, since emoji sequences and some scripts need them.
        return scalar.properties.generalCategory != .format || v == 0x200C || v == 0x200D
    }

    /// Whether every character of `text` is printable.
    package static func isPrintable(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy(isPrintable)
    }

    /// The first unprintable scalar of `text` and its 1-based character position, or nil.
    package static func firstUnprintable(in text: String) -> (scalar: Unicode.Scalar, character: Int)? {
        // Fast path: most names are short printable ASCII.
        guard !isPrintable(text) else { return nil }
        var position = 0
        for character in text {
            position += 1
            if let bad = character.unicodeScalars.first(where: { !isPrintable($0) }) { return (bad, position) }
        }
        return nil
    }

    /// Why `text` is not printable, naming the character and its position, or nil when it is.
    /// `what` names the text in the message: `"a key name"`, `"a document id"`.
    package static func problem(in text: String, what: String) -> String? {
        guard let (scalar, position) = firstUnprintable(in: text) else { return nil }
        return "\(what) must be printable text: \(describe(scalar)) at character \(position)"
    }

    /// `U+001B (ESC)`: the code point, and the control's short name when it has one.
    package static func describe(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        return shortName(of: scalar).map { "\(code) (\($0))" } ?? code
    }

    /// `text` with every unprintable character written as a visible escape (`\n`, `\t`, `\r`,
    /// `\u{1B}`), safe to print on a terminal. With `keepingLineBreaks`, newlines and tabs stay
    /// as they are (for multi-line output whose line structure is ours, like a command echo).
    package static func escaping(_ text: String, keepingLineBreaks: Bool = false) -> String {
        guard !isPrintable(text) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isPrintable(scalar) || (keepingLineBreaks && (scalar == "\n" || scalar == "\t")) {
                out.append(scalar)
                continue
            }
            let escape: String
            switch scalar {
            case "\n": escape = "\\n"
            case "\t": escape = "\\t"
            case "\r": escape = "\\r"
            default: escape = "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            }
            out.append(contentsOf: escape.unicodeScalars)
        }
        return String(out)
    }

    /// `text` with its invisible format characters (bidi embeddings, overrides, isolates and
    /// marks, zero-width space, soft hyphen, byte-order mark: those ``isPrintable(_:)``
    /// refuses) written as ``escaping(_:keepingLineBreaks:)`` writes them (`\u{202E}`), and
    /// everything else as it is: for text a JSON writer escapes, whose controls come back as
    /// they were but whose format characters would reorder or hide what a page shows.
    package static func escapingFormatCharacters(_ text: String) -> String {
        guard !isPrintable(text) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isPrintable(scalar) || scalar.properties.generalCategory != .format {
                out.append(scalar)
            } else {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            }
        }
        return String(out)
    }

    /// Text fit to print back: unprintable characters escaped and secret-shaped runs cut to
    /// `ksk_…` (``SecretRedaction``). Errors, echoes and listings go through this.
    package static func shown(_ text: String, keepingLineBreaks: Bool = false) -> String {
        // Redacted first: a secret split by an invisible character is found before that
        // character turns into an escape that would hide the secret from the scan.
        escaping(SecretRedaction.redacting(text), keepingLineBreaks: keepingLineBreaks)
    }

    private static let c0Names = [
        "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "TAB", "LF", "VT", "FF", "CR", "SO", "SI",
        "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US",
    ]
    private static let c1Names = [
        "PAD", "HOP", "BPH", "NBH", "IND", "NEL", "SSA", "ESA", "HTS", "HTJ", "VTS", "PLD", "PLU", "RI", "SS2", "SS3",
        "DCS", "PU1", "PU2", "STS", "CCH", "MW", "SPA", "EPA", "SOS", "SGCI", "SCI", "CSI", "ST", "OSC", "PM", "APC",
    ]

    private static func shortName(of scalar: Unicode.Scalar) -> String? {
        let v = Int(scalar.value)
        switch v {
        case 0..<0x20: return c0Names[v]
        case 0x7F: return "DEL"
        case 0x80...0x9F: return c1Names[v - 0x80]
        case 0x2028: return "LINE SEPARATOR"
        case 0x2029: return "PARAGRAPH SEPARATOR"
        case 0x202A: return "LRE"
        case 0x202B: return "RLE"
        case 0x202C: return "PDF"
        case 0x202D: return "LRO"
        case 0x202E: return "RLO"
        case 0x2066: return "LRI"
        case 0x2067: return "RLI"
        case 0x2068: return "FSI"
        case 0x2069: return "PDI"
        default: return nil
        }
    }
}
