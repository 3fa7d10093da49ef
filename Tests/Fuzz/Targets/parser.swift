// Fuzz target `parser`: any bytes as a KeyScript file. Parsing either succeeds or throws a
// syntax error; neither may crash, and an error's rendering must be short and free of raw
// control characters (it is echoed to a terminal).
import KeysmithSyntax

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let source = SourceFile(name: "fuzz.ks", bytes: bytes)
    checkInvalidUTF8(source, bytes: Array(bytes))
    do {
        let script = try Parser.parse(source)
        for command in script.commands { require(!command.words.isEmpty, "a command with no words") }
    } catch {
        let rendered = error.description
        require(rendered == error.rendered(in: source), "rendering depends on the source")
        let lines = rendered.split(separator: "\n", omittingEmptySubsequences: false)
        require(lines.count == 1 || lines.count == 3, "an error renders as 1 or 3 lines")
        if lines.count == 3 {
            // 100 characters, each escaped at most as \u{XXXXXX}, plus the marks and indent.
            require(lines[1].unicodeScalars.count <= 4 + 2 + SourceExcerpt.width * 10, "an echoed line too long")
            require(lines[2].hasSuffix("^"), "no caret")
        }
        for scalar in rendered.unicodeScalars where scalar != "\n" && scalar != "\t" {
            require(scalar.value >= 0x20 && !(0x7F...0x9F).contains(scalar.value), "a raw control character in an error")
        }
    }
    return 0
}

/// The bytes before the reported bad byte are UTF-8, and the byte starts no valid sequence.
func checkInvalidUTF8(_ source: SourceFile, bytes: [UInt8]) {
    let valid = String(validating: bytes, as: UTF8.self) != nil
    guard let invalid = source.invalidUTF8 else {
        require(valid, "invalid UTF-8 not reported")
        return
    }
    require(!valid, "valid UTF-8 reported as invalid")
    require(String(validating: bytes[..<invalid.offset], as: UTF8.self) != nil, "bytes before the bad one are not UTF-8")
    let next = bytes[invalid.offset..<min(bytes.count, invalid.offset + 4)]
    require(String(decoding: next, as: UTF8.self).unicodeScalars.first == "\u{FFFD}", "the reported byte starts a valid character")
}
