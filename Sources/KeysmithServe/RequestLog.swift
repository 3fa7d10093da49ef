package import KeysmithCore
import KeysmithHTTP
import KeysmithPlatform
package import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The server's request log (README: Serving keys over HTTP): one line a request on standard error, as
/// text or as a JSON object, with the time, method, path (escaped, secrets redacted, no query),
/// status, reason, key id and microseconds taken. Never a secret.
package struct RequestLog: Sendable {
    /// How lines are written.
    package enum Format: String, Sendable, CaseIterable {
        case text, json, off
    }

    /// One request as logged.
    package struct Entry: Sendable, Hashable {
        package var time: Instant
        package var method: String
        /// As received, before any redaction; ``line(_:format:)`` redacts it.
        package var path: String
        package var status: Int
        /// `allow`, a deny reason (`missing_grant`), a request-shape reason (`missing_key`), or `-`.
        package var reason: String
        package var keyID: String?
        package var microseconds: Int64
        /// Why the server could not answer (a store failure), for the operator.
        package var detail: String?
        /// `Keysmith-Request-Id`, when the serve application gave the request one.
        package var requestID: String?
        /// The client's well-formed `X-Request-Id`.
        package var clientRequestID: String?
        /// `Prefer` (`serve --allow-prefer`) shaped the answer: forced its outcome, or delayed it.
        package var forced = false

        package init(
            time: Instant, method: String, path: String, status: Int, reason: String, keyID: String?,
            microseconds: Int64, detail: String? = nil
        ) {
            self.detail = detail
            self.time = time
            self.method = method
            self.path = path
            self.status = status
            self.reason = reason
            self.keyID = keyID
            self.microseconds = microseconds
        }
    }

    package let format: Format
    /// The server's admin token, shown as `<admin token>` in a path or a detail.
    package private(set) var hidden = HiddenToken.none
    /// Every line goes through swift-log, at level `info`, with the request's fields (already
    /// redacted) as metadata.
    private let logger: Logger

    /// A log writing each line to `write` (standard error by default), through swift-log
    /// (``RequestLineLogHandler``).
    package init(format: Format, write: @escaping @Sendable (String) -> Void = RequestLog.writeToStandardError) {
        self.format = format
        self.logger = Logger(label: "keysmith.requests", factory: { _ in RequestLineLogHandler(write: write) })
    }

    /// A log handing each line to `logger` (an embedder's own handler).
    package init(format: Format, logger: Logger) {
        self.format = format
        self.logger = logger
    }

    /// This log, hiding `token` wherever it would show a path or a detail.
    package func hiding(_ token: HiddenToken) -> RequestLog {
        var log = self
        log.hidden = token
        return log
    }

    package func record(_ entry: Entry) {
        guard format != .off else { return }
        var metadata: Logger.Metadata = [
            "method": .string(String(PrintableText.shown(entry.method).prefix(24))),
            "path": .string(Self.shownPath(entry.path, hiding: hidden)),
            "status": .stringConvertible(entry.status),
            "reason": .string(PrintableText.shown(entry.reason)),
            "micros": .stringConvertible(entry.microseconds),
        ]
        if let keyID = entry.keyID { metadata["keyId"] = .string(PrintableText.shown(keyID)) }
        if let requestID = entry.requestID { metadata["requestId"] = .string(requestID) }
        if let clientRequestID = entry.clientRequestID { metadata["clientRequestId"] = .string(clientRequestID) }
        if entry.forced { metadata["forced"] = "true" }
        logger.info(Logger.Message(stringLiteral: Self.line(entry, format: format, hiding: hidden)), metadata: metadata)
    }

    /// The line for `entry`, without the newline.
    package static func line(_ entry: Entry, format: Format, hiding hidden: HiddenToken = .none) -> String {
        let path = shownPath(entry.path, hiding: hidden)
        let method = String(PrintableText.shown(entry.method).prefix(24))
        let keyID = entry.keyID.map { PrintableText.shown($0) }
        switch format {
        case .json:
            var json = JSONText()
            json.field("time", entry.time.description)
            json.field("method", method)
            json.field("path", path)
            json.field("status", entry.status)
            json.field("reason", PrintableText.shown(entry.reason))
            json.field("keyId", keyID)
            json.field("micros", Int(entry.microseconds))
            if let detail = entry.detail { json.field("detail", shownDetail(hidden.hiding(detail))) }
            if let requestID = entry.requestID { json.field("requestId", requestID) }
            if let clientRequestID = entry.clientRequestID { json.field("clientRequestId", clientRequestID) }
            if entry.forced { json.field("forced", true) }
            return json.text
        case .text, .off:
            var line =
                "\(entry.time) \(method) \(path) \(entry.status) \(PrintableText.shown(entry.reason)) key=\(keyID ?? "-") \(entry.microseconds)us"
            if let detail = entry.detail { line += " (\(shownDetail(hidden.hiding(detail))))" }
            if let requestID = entry.requestID { line += " id=\(requestID)" }
            if let clientRequestID = entry.clientRequestID { line += " client-id=\(clientRequestID)" }
            if entry.forced { line += " forced" }
            return line
        }
    }

    /// A failure's text fit for one log line: escaped, secret-shaped runs cut, at most 300
    /// characters.
    static func shownDetail(_ detail: String) -> String {
        let shown = PrintableText.shown(detail)
        return shown.count > 300 ? String(shown.prefix(300)) + "…" : shown
    }

    /// The path fit for the log: percent-decoded when it decodes (so an encoded secret is
    /// found), escaped, secret-shaped runs cut, at most 300 characters. A path that does not
    /// decode is not shown at all: it could hide a secret behind its bad escape.
    static func shownPath(_ raw: String, hiding hidden: HiddenToken = .none) -> String {
        guard case .success(let decoded) = RequestPath.percentDecoded(raw) else {
            return "<undecodable path of \(raw.utf8.count) bytes>"
        }
        let shown = PrintableText.shown(hidden.hiding(decoded))
        return shown.count > 300 ? String(shown.prefix(300)) + "…" : shown
    }

    private static let lock = Mutex(())

    /// Writes `line` to file descriptor 2 in one call (lines from concurrent requests never interleave).
    @Sendable package static func writeToStandardError(_ line: String) {
        var line = line
        lock.withLock { _ in
            line.withUTF8 { _ = SystemCalls.write(2, UnsafeRawBufferPointer($0)) }
        }
    }
}
