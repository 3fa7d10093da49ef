import NIOCore
import NIOHTTP1

/// Gives a request whose target is in absolute form (`GET http://host:port/path HTTP/1.1`)
/// that target's host as its `Host`, as RFC 9112 §3.2.2 says a server must: the conversion
/// to HTTP types keeps only the path and takes the authority from `Host`, so without this a
/// request could name one host in its target and another in `Host`, and the admin API's
/// loopback-host rule would read the wrong one.
final class AbsoluteFormHostHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(var head) = unwrapInboundIn(data), let authority = Self.authority(ofAbsoluteForm: head.uri) else {
            context.fireChannelRead(data)
            return
        }
        head.headers.replaceOrAdd(name: "Host", value: authority)
        context.fireChannelRead(wrapInboundOut(.head(head)))
    }

    /// The authority of an absolute-form target (`scheme://authority/…`), without any
    /// userinfo; nil for the origin form (`/path`) and the asterisk form (`*`).
    static func authority(ofAbsoluteForm target: String) -> String? {
        guard !target.hasPrefix("/"), let schemeEnd = target.firstRange(of: "://") else { return nil }
        let rest = target[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return String(authority.split(separator: "@", omittingEmptySubsequences: false).last ?? authority)
    }
}
