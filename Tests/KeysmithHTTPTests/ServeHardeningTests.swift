import Foundation
import KeysmithTestSupport
import Testing

/// `keysmith serve` facing malformed and hostile clients: each gets a 4xx or a closed
/// connection, never a crash, and never holds up another client.
@Suite(.serialized) struct ServeHardeningTests {
    @Test("oversized headers, too many headers, bad UTF-8 in Authorization and an absurd path: 4xx or closed, and the server lives on")
    func malformedRequestsAreRefused() async throws {
        let directory = try TemporaryDirectory()
        try directory.write("setup.ks", "doc add d1 --owner me\nkey create k --expires 1d --grants DocumentReadonly\n")
        let server = try ServerProcess(["--memory", "--log", "off", "--setup", directory.file("setup.ks")], in: directory)
        try await server.waitUntilListening()
        let base = server.baseURL
        let version = "Lucid-Api-Version: 1"

        let huge = try await Curl.call(
            base + "/documents/d1", headers: [version, "Authorization: Bearer " + String(repeating: "x", count: 20_000)],
            in: directory)
        #expect(huge.status == 0 || (400..<500).contains(huge.status), "\(huge.status)")

        let many = try await Curl.call(
            base + "/documents/d1", headers: [version] + (0..<300).map { "X-Filler-\($0): y" },
            in: directory)
        #expect(many.status == 0 || (400..<500).contains(many.status), "\(many.status)")

        guard let port = UInt16(base.split(separator: ":").last ?? "") else { throw TestProblem("no port in \(base)") }
        let badUTF8 = try HalfOpenClient(
            port: port,
            sending: Array("GET /v1/documents/d1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ".utf8)
                + [0xFF, 0xFE, 0x80] + Array("\r\nConnection: close\r\n\r\n".utf8))
        let answer = badUTF8.readToEnd()
        badUTF8.close()
        #expect(answer.hasPrefix("HTTP/1.1 401") && answer.contains("unknown_key"), "\(answer)")

        let longPath = try await Curl.call(
            base + "/documents/" + String(repeating: "a", count: 60_000), headers: [version],
            in: directory)
        #expect(longPath.status == 0 || (400..<500).contains(longPath.status), "\(longPath.status)")

        let stillUp = try await Curl.call(base + "/healthz", in: directory)
        #expect(stillUp.status == 200)
        #expect(try await server.stop() == 0)
    }

    @Test("a client that sends half a request and waits does not hold up another client")
    func halfRequestDoesNotBlockOthers() async throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(["--memory", "--log", "off"], in: directory)
        try await server.waitUntilListening()
        guard let port = UInt16(server.baseURL.split(separator: ":").last ?? "") else { throw TestProblem("no port") }
        let slow = try HalfOpenClient(port: port, sending: "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        defer { slow.close() }
        let started = ContinuousClock.now
        let other = try await Curl.call(server.baseURL + "/healthz", in: directory)
        #expect(other.status == 200)
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(try await server.stop() == 0)
    }
}

/// A TCP connection to 127.0.0.1 that sends some bytes and then waits.
final class HalfOpenClient {
    private let socket: Int32

    init(port: UInt16, sending text: String) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw TestProblem("socket failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            Glibc.close(socket)
            throw TestProblem("connect failed")
        }
        var bytes = Array(text.utf8)
        _ = Glibc.send(socket, &bytes, bytes.count, 0)
    }

    convenience init(port: UInt16, sending bytes: [UInt8]) throws {
        try self.init(port: port, sending: "")
        var bytes = bytes
        _ = Glibc.send(socket, &bytes, bytes.count, 0)
    }

    /// Everything the server sends until it closes the connection (or 5 seconds pass).
    func readToEnd() -> String {
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        _ = setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = Glibc.recv(socket, &buffer, buffer.count, 0)
            if count <= 0 { break }
            received += buffer[0..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }

    func close() { Glibc.close(socket) }
}
