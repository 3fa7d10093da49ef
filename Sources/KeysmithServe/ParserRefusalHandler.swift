import HTTPTypes
import KeysmithCore
import KeysmithHTTP
import NIOCore
import NIOHTTP1

/// Answers a request the HTTP/1 parser refuses (Docs: Verifying keys in your server, The
/// answer) the way every other refusal is answered: a JSON body `{"status","code","message"}`,
/// `Keysmith-Deny-Reason`, `Connection: close` and a line in the request log. Hummingbird
/// would answer a bare 400 and log nothing.
///
/// It sits right after the parser, where the parser's errors arrive. It answers only between
/// requests (every request read so far has been answered), which is when the parser refuses
/// a request line or headers; an error in the middle of a request (a malformed chunk of a body
/// being read) is left to Hummingbird, which is answering that request. After answering it
/// closes its side of the connection, reads and drops what the client still sends (so the
/// client is not reset before it has read the answer) and closes the connection once the
/// client does, or after two seconds.
final class ParserRefusalHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let log: RequestLog?
    private let clock: any WallClock
    /// Request heads read minus responses finished.
    private var unanswered = 0
    /// Set once this handler has answered: everything after is dropped.
    private var refused = false

    /// The connection's last bytes, to say which header the parser refused and why.
    private let tail: HeaderBytesTail?

    init(log: RequestLog?, tail: HeaderBytesTail? = nil, clock: any WallClock = SystemClock()) {
        self.log = log
        self.tail = tail
        self.clock = clock
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !refused else { return }
        if case .head = unwrapInboundIn(data) { unanswered += 1 }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { unanswered -= 1 }
        context.write(data, promise: promise)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if refused { return }  // the parser repeats itself for every byte that follows
        guard unanswered == 0, let parserError = error as? HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        refused = true
        let refusal = ParserRefusal(parserError, badHeader: parserError == .invalidHeaderToken ? tail?.badHeader() : nil)
        let requestID = RequestID.fresh()
        answer(refusal, requestID: requestID, context: context)
        var entry = RequestLog.Entry(
            time: clock.now(), method: "-", path: "-", status: refusal.status,
            reason: refusal.code, keyID: nil, microseconds: 0,
            detail: "the HTTP parser refused the request: \(parserError)")
        entry.requestID = requestID
        log?.record(entry)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if refused, case ChannelEvent.inputClosed = event {
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    private func answer(_ refusal: ParserRefusal, requestID: String, context: ChannelHandlerContext) {
        let body = refusal.body
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        headers.add(name: "Content-Length", value: String(body.utf8.count))
        headers.add(name: "Connection", value: "close")
        headers.add(name: KeysmithHeader.denyReason.rawName, value: refusal.code)
        headers.add(name: KeysmithHeader.requestID.rawName, value: requestID)
        let head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: refusal.status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: body)))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        context.close(mode: .output, promise: nil)
        let channel = context.channel
        context.eventLoop.scheduleTask(in: .seconds(2)) { channel.close(promise: nil) }
    }
}

/// What a parser error is answered with: 431 `request_header_fields_too_large` for headers
/// over the server's limits, 400 `bad_request` for everything else, each with a sentence.
struct ParserRefusal: Hashable {
    let status: Int
    let code: String
    let message: String

    /// `badHeader`: what the connection's bytes show was wrong, for an invalid header token
    /// (llhttp gives the same error for a bad name and a bad value).
    init(_ error: HTTPParserError, badHeader: BadHeader? = nil) {
        switch error {
        case .headerOverflow:
            self.init(
                431, "request_header_fields_too_large",
                "the request's headers are over the server's limits (8 KB a field, 32 KB in all, 100 fields)")
        case .invalidMethod:
            self.init(400, "bad_request", "the request's method is not an HTTP method this server can read")
        case .invalidURL, .invalidCharactersUsed:
            self.init(
                400, "bad_request",
                "the request line holds a byte a request target may not (a control character, NUL or a non-ASCII byte)")
        case .unexpectedContentLength, .invalidContentLength, .invalidChunkSize:
            self.init(
                400, "bad_request",
                "the request's length is malformed or ambiguous (a bad Content-Length or chunk size, or Content-Length with Transfer-Encoding)"
            )
        case .invalidVersion:
            self.init(400, "bad_request", "the request's HTTP version is not HTTP/1.0 or HTTP/1.1")
        case .invalidHeaderToken:
            self.init(
                400, "bad_request",
                badHeader?.message
                    ?? "a header holds a character it may not (a control character in a value, or a separator in a name)")
        default:
            self.init(400, "bad_request", "the request is not well-formed HTTP/1.1 (the parser says \(error))")
        }
    }

    private init(_ status: Int, _ code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    /// `{"status":…,"code":…,"message":…}`, as every refusal's body.
    var body: String { KeysmithDenial(statusCode: status, code: code, message: message).body }
}
