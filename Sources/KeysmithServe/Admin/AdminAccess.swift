import KeysmithHTTP
package import NIOCore

/// Who may use the admin API under `/_keysmith/`: loopback peers only, or — when the server
/// was given `--admin-token TOKEN` — whoever sends `Authorization: Bearer TOKEN`, from any
/// address (compared in constant time). Anyone else gets a 403 with the usual JSON body.
package struct AdminAccess: Sendable {
    /// The token's bytes, or nil for the loopback rule.
    let token: [UInt8]?
    /// The token as kept out of the log, the journal and the request ids.
    package let hidden: HiddenToken

    package init(token: String? = nil) {
        self.token = token.map { Array($0.utf8) }
        self.hidden = HiddenToken(token)
    }

    /// Nil when the request may go on; else the refusal.
    func refusal(authorization: [String], peer: SocketAddress?) -> KeysmithDenial? {
        if let token {
            let presented = authorization.count == 1 ? Self.bearer(authorization[0]) : nil
            if let presented, Self.constantTimeEqual(Array(presented.utf8), token) { return nil }
            return KeysmithDenial(
                statusCode: 403, code: "admin_forbidden",
                message: "the admin API needs Authorization: Bearer with the server's admin token")
        }
        if Self.isLoopback(peer) { return nil }
        return KeysmithDenial(
            statusCode: 403, code: "admin_forbidden",
            message: "the admin API answers loopback clients only, unless the server was started with an admin token")
    }

    private static func bearer(_ value: String) -> Substring? {
        guard value.count > 7, value.prefix(7).lowercased() == "bearer " else { return nil }
        return value.dropFirst(7)
    }

    /// Equal bytes, in a time that depends only on the lengths.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for i in 0..<max(a.count, b.count) {
            let x = i < a.count ? a[i] : 0
            let y = i < b.count ? b[i] : 0
            difference |= x ^ y
        }
        return difference == 0
    }

    /// 127.0.0.0/8, ::1 and ::ffff:127.0.0.0/104, or a Unix socket; not a missing peer. Read
    /// from the address's text, which NIO writes with `inet_ntop` in its canonical form
    /// (RFC 5952: lowercase, `::1`, `::ffff:127.0.0.1`).
    package static func isLoopback(_ peer: SocketAddress?) -> Bool {
        switch peer {
        case .v4?:
            return peer?.ipAddress?.hasPrefix("127.") == true
        case .v6?:
            guard let text = peer?.ipAddress else { return false }
            return text == "::1" || text.hasPrefix("::ffff:127.")
        case .unixDomainSocket?:
            return true
        case nil:
            return false
        }
    }
}
