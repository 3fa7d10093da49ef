import KeysmithServe
import NIOCore
import Testing

/// The admin API's loopback rule, read from the peer address's text: every loopback form is
/// let in, and no address that merely resembles one is.
@Suite struct AdminLoopbackTests {
    @Test(
        "loopback peers: 127.0.0.0/8, ::1, IPv4-mapped 127.0.0.0/8",
        arguments: ["127.0.0.1", "127.255.3.4", "::1", "::ffff:127.0.0.1", "::ffff:127.9.9.9"])
    func loopback(address: String) throws {
        #expect(AdminAccess.isLoopback(try SocketAddress(ipAddress: address, port: 8080)))
    }

    @Test(
        "peers that are not loopback, including near misses",
        arguments: ["10.0.0.1", "128.0.0.1", "12.7.0.1", "::2", "::ffff:10.0.0.1", "fe80::1", "2001:db8::127"])
    func notLoopback(address: String) throws {
        #expect(!AdminAccess.isLoopback(try SocketAddress(ipAddress: address, port: 8080)))
    }

    @Test("a missing peer is not loopback; a Unix socket is")
    func missingAndUnix() throws {
        #expect(!AdminAccess.isLoopback(nil))
        #expect(AdminAccess.isLoopback(try SocketAddress(unixDomainSocketPath: "/tmp/keysmith.sock")))
    }
}
