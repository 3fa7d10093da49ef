package import Logging

/// The swift-log handler `keysmith serve` logs its requests through by default: it writes each
/// message, which ``RequestLog`` has already redacted and formatted as one line, followed by
/// a newline, and nothing else (no level, no label, no metadata). An embedder who hands
/// ``RequestLog`` a `Logger` of its own receives the same message and the request's fields
/// as metadata instead.
package struct RequestLineLogHandler: LogHandler {
    package var metadata: Logger.Metadata = [:]
    package var metadataProvider: Logger.MetadataProvider?
    package var logLevel: Logger.Level = .info
    let write: @Sendable (String) -> Void

    package init(write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    package func log(event: LogEvent) {
        write(event.message.description + "\n")
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
}
