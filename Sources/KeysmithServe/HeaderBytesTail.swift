import NIOCore

/// Sits before the HTTP parser and keeps the last bytes a connection received, so that when
/// the parser refuses a header (llhttp says only "invalid header token", for a bad name and a
/// bad value alike) ``ParserRefusalHandler`` can say which it was and in which header. It keeps
/// at most ``kept`` bytes (the server's header limits are lower), and passes everything on.
final class HeaderBytesTail: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    static let kept = 40 * 1024
    private(set) var bytes: [UInt8] = []
    /// Bytes were dropped from the front: the first line kept may be a part of one.
    private(set) var truncated = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        bytes.append(contentsOf: buffer.readableBytesView)
        if bytes.count > Self.kept {
            bytes.removeFirst(bytes.count - Self.kept)
            truncated = true
        }
        context.fireChannelRead(data)
    }

    /// What is wrong in the first header line kept that a parser must refuse: a name holding a
    /// character names may not (nil name then), or the value of the named header holding a
    /// control character. Nil when no such line is found. Never the value itself: it may be a
    /// secret.
    func badHeader() -> BadHeader? { BadHeader.first(in: bytes, skippingFirstLine: truncated) }
}

/// A header line the parser refuses, as ``HeaderBytesTail/badHeader()`` finds it.
struct BadHeader: Hashable {
    enum Part: Hashable { case name, value }
    let part: Part
    /// The header's name (a valid token, at most 64 characters), for a bad value.
    let name: String?
    /// The offending byte.
    let byte: UInt8

    static func first(in bytes: [UInt8], skippingFirstLine: Bool) -> BadHeader? {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)[...]
        if skippingFirstLine { lines = lines.dropFirst() }
        var inHeaders = false
        for var line in lines {
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            if !inHeaders {
                // A request line (or a body's bytes) starts with a method then a space.
                if line.contains(UInt8(ascii: " ")), !line.isEmpty { inHeaders = true }
                continue
            }
            if line.isEmpty {
                inHeaders = false
                continue
            }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
                if let bad = line.first(where: { !isToken($0) }) { return BadHeader(part: .name, name: nil, byte: bad) }
                continue
            }
            let name = line[line.startIndex..<colon]
            if let bad = name.first(where: { !isToken($0) }) { return BadHeader(part: .name, name: nil, byte: bad) }
            let value = line[line.index(after: colon)...]
            if let bad = value.first(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }) {
                return BadHeader(part: .value, name: String(decoding: name.prefix(64), as: UTF8.self), byte: bad)
            }
        }
        return nil
    }

    /// RFC 9110 `tchar`.
    static func isToken(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        default: "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    /// The refusal's sentence.
    var message: String {
        let shown = "byte 0x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
        switch part {
        case .name:
            return "a header name holds a character header names may not (\(shown))"
        case .value:
            return "the value of the header \(name ?? "?") holds a control character (\(shown)), which header values may not"
        }
    }
}
