/// The server's own admin token, kept out of everything keysmith shows as it keeps secrets
/// out: a path, a log line's detail or a client's `X-Request-Id` that holds it (pasted in the
/// wrong place) shows ``mark`` instead, and such an `X-Request-Id` is not taken. The match is
/// exact (a token is compared byte for byte when it is presented too).
package struct HiddenToken: Sendable, Hashable {
    package static let mark = "<admin token>"
    /// Nil: the server has no admin token, and nothing is hidden.
    let token: String?

    package init(_ token: String?) {
        self.token = token.flatMap { $0.isEmpty ? nil : $0 }
    }

    package static let none = HiddenToken(nil)

    package func holds(_ text: String) -> Bool {
        guard let token else { return false }
        return text.contains(token)
    }

    /// `text` with every occurrence of the token replaced by ``mark``.
    package func hiding(_ text: String) -> String {
        guard let token, text.contains(token) else { return text }
        return text.replacing(token, with: Self.mark)
    }
}
