import KeysmithCore

extension RequestMode {
    /// The mode for the `Lucid-Request-As` header's values (Docs: Verifying keys in your server): user mode without one,
    /// nil for anything but exactly one `user` or `admin` (in any case), which is a 400.
    init?(headerValues: [String]) {
        guard let value = headerValues.first else {
            self = .user
            return
        }
        guard headerValues.count == 1 else { return nil }
        self.init(headerValue: value.lowercased())
    }
}
