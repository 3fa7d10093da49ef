import KeysmithCore

/// Finds secrets typed into a line, so the line stays out of the history file and out of
/// recorded scenarios. Anything that looks like a keysmith secret counts (`ksk_` followed by
/// 30 or more base62 characters), checksum or not: a mistyped secret is still sensitive.
public enum SecretScanner {
    public static func containsSecret(_ line: String) -> Bool {
        let bytes = Array(line.utf8)
        let prefix = Array(Secret.prefix.utf8)
        var i = 0
        while i + prefix.count <= bytes.count {
            if bytes[i..<(i + prefix.count)].elementsEqual(prefix) {
                var j = i + prefix.count
                while j < bytes.count, isBase62(bytes[j]) { j += 1 }
                if j - (i + prefix.count) >= Secret.randomLength { return true }
                i = j
            } else {
                i += 1
            }
        }
        return false
    }

    private static func isBase62(_ b: UInt8) -> Bool {
        (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122)
    }
}
