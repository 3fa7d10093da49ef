import HummingbirdCore
import KeysmithHTTP
import Logging
import NIOCore
import NIOHTTP1

/// Hummingbird's HTTP/1 child channel with a ``ParserRefusalHandler`` right after the HTTP
/// parser, so a request the parser refuses gets keysmith's answer and a log line, and an
/// ``AbsoluteFormHostHandler`` after it, so an absolute-form target's host is the `Host`. Everything
/// else is Hummingbird's own: the pipeline it sets up and the loop that answers requests.
struct KeysmithHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let http1: HTTP1Channel
    let log: RequestLog?

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        http1.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let parser = try channel.pipeline.syncOperations.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
            let tail = HeaderBytesTail()
            try channel.pipeline.syncOperations.addHandler(tail, position: .before(parser))
            let refusals = ParserRefusalHandler(log: log, tail: tail)
            try channel.pipeline.syncOperations.addHandler(refusals, position: .after(parser))
            try channel.pipeline.syncOperations.addHandler(AbsoluteFormHostHandler(), position: .after(refusals))
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await http1.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// An HTTP/1 server whose parser refusals are answered and logged by keysmith (`log` nil:
    /// answered, not logged).
    static func keysmithHTTP1(configuration: HTTP1Channel.Configuration, log: RequestLog?) -> HTTPServerBuilder {
        .init { responder in
            KeysmithHTTP1Channel(http1: HTTP1Channel(responder: responder, configuration: configuration), log: log)
        }
    }
}
