/// What keysmith printed, read back: the secrets `key create` showed (once, on its `secret:`
/// line) and the ids of the keys it created (`created key ID …`), in order.
public enum Transcript {
    /// Every secret in `text`.
    public static func secrets(in text: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            guard line.contains("secret:") else { return nil }
            return line.split(separator: " ").first(where: { $0.hasPrefix("ksk_") }).map(String.init)
        }
    }

    /// The id of every key `text` says was created.
    public static func createdKeyIDs(in text: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("created key ") else { return nil }
            return line.split(separator: " ").dropFirst(2).first.map(String.init)
        }
    }
}
