import KeysmithHTTP
package import NIOCore

/// Who may use the admin API under `/_keysmith/`: loopback peers only, or — when the server
/// was given `--admin-token TOKEN` — whoever sends `Authorization: Bearer TOKEN`, from any
/// address (compared in constant time). Anyone else gets a 403 with the usual JSON body.
///
/// A loopback peer is not enough on its own: a web page the user has open may reach it, by
/// a name it rebinds to 127.0.0.1 (DNS rebinding) or by a cross-site form. So under the
/// loopback rule the request must also name a loopback host (`Host` is `localhost`, a
/// `*.localhost` name, a 127.0.0.0/8 address or `[::1]`, with any port), and an `Origin`, when
/// there is one, must be the server's own (`http://` and that `Host`: the inspector page's
/// requests). With an admin token the bearer decides alone.
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
    /// `host` holds every `Host` the request sent (an absolute-form target's host has taken
    /// the place of the first: ``AbsoluteFormHostHandler``).
    func refusal(authorization: [String], peer: SocketAddress?, host: [String], origin: [String]) -> KeysmithDenial? {
        if let token {
            let presented = authorization.count == 1 ? Self.bearer(authorization[0]) : nil
            if let presented, Self.constantTimeEqual(Array(presented.utf8), token) { return nil }
            return KeysmithDenial(
                statusCode: 403, code: "admin_forbidden",
                message: "the admin API needs Authorization: Bearer with the server's admin token")
        }
        guard Self.isLoopback(peer) else {
            return KeysmithDenial(
                statusCode: 403, code: "admin_forbidden",
                message: "the admin API answers loopback clients only, unless the server was started with an admin token")
        }
        if host.count > 1 {
            return KeysmithDenial(
                statusCode: 403, code: "admin_forbidden", message: "the admin API refuses a request with \(host.count) Host headers")
        }
        guard let name = host.first, Self.isLoopbackHost(name) else {
            let named = host.first.map { "Host: " + KeysmithDenial.excerpt($0) } ?? "a request without Host"
            return KeysmithDenial(
                statusCode: 403, code: "admin_forbidden",
                message: "the admin API answers requests for a loopback host only, not \(named) "
                    + "(a page reaching it through a name of its own), unless the server was started with an admin token")
        }
        if !origin.isEmpty, origin.count > 1 || origin[0].lowercased() != "http://" + name.lowercased() {
            return KeysmithDenial(
                statusCode: 403, code: "admin_forbidden",
                message: "the admin API answers its own page only, not Origin: \(KeysmithDenial.excerpt(origin.joined(separator: ", "))), "
                    + "unless the server was started with an admin token")
        }
        return nil
    }

    /// Whether a `Host` header names this machine's loopback: `localhost` or a name under it
    /// (RFC 6761), an address in 127.0.0.0/8, or `[::1]`; each with or without a port.
    package static func isLoopbackHost(_ value: String) -> Bool {
        var name = Substring(value.lowercased())
        if name.hasPrefix("[") {
            guard let close = name.firstIndex(of: "]") else { return false }
            let rest = name[name.index(after: close)...]
            guard rest.isEmpty || (rest.first == ":" && isPort(rest.dropFirst())) else { return false }
            return name[name.index(after: name.startIndex)..<close] == "::1"
        }
        if let colon = name.lastIndex(of: ":") {
            guard isPort(name[name.index(after: colon)...]) else { return false }
            name = name[..<colon]
        }
        if name == "localhost" || name.hasSuffix(".localhost") { return !name.hasPrefix(".") }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127"
            && parts.allSatisfy { part in part.count <= 3 && UInt8(part) != nil && part.allSatisfy(\.isASCII) }
    }

    private static func isPort(_ text: Substring) -> Bool {
        !text.isEmpty && text.count <= 5 && text.allSatisfy { $0.isASCII && $0.isNumber }
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
