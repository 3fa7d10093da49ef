package import Hummingbird
package import KeysmithHTTP
package import NIOCore

/// The request context of `keysmith serve`: the keysmith identity, the peer's address (the
/// admin API answers loopback peers) and the request's ``RequestRecord``, which the check
/// fills in and the journal reads once the answer is known.
package struct ServeContext: KeysmithRequestContext {
    package var coreContext: CoreRequestContextStorage
    package var keysmithIdentity: KeysmithIdentity?
    /// The peer, when the request came over a socket.
    package let remoteAddress: SocketAddress?
    /// Shared by every copy of this context along the chain (a context is a value; this is
    /// how the check tells the journal what it found).
    package let record: RequestRecord

    package init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.keysmithIdentity = nil
        self.remoteAddress = source.channel.remoteAddress
        self.record = RequestRecord()
    }
}
