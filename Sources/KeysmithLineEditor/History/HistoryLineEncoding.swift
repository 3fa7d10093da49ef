/// How one history entry is written as a line of libedit's history file (`_HiStOrY_V2_`).
///
/// libedit saves each entry through `strvis(3)` with `VIS_WHITE` and reads it back with
/// `strunvis(3)`: blanks, line breaks, backslashes and other control characters become escapes,
/// so an entry is always one line. This writes every such byte as a three-digit octal escape
/// (`\040` for a space), which `strunvis` reads back exactly; other bytes, UTF-8 included, are
/// written as they are. Appending an entry to the file therefore needs no call into libedit.
enum HistoryLineEncoding {
    /// `line` escaped, followed by a newline, as bytes.
    static func encoded(_ line: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(line.utf8.count + 1)
        for byte in line.utf8 {
            if byte <= 0x20 || byte == 0x7F || byte == UInt8(ascii: "\\") {
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(UInt8(ascii: "0") + (byte >> 6))
                bytes.append(UInt8(ascii: "0") + ((byte >> 3) & 7))
                bytes.append(UInt8(ascii: "0") + (byte & 7))
            } else {
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }
}
