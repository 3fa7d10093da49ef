import HTTPTypes
import KeysmithCore

/// The path of a request as keysmith checks it: percent-decoded, bounded in length, and with
/// its API version found and verified by the ``KeysmithAPIRules`` (Lucid's: `Lucid-Api-Version: 1`
/// or a `/v1/` prefix; Docs: Verifying keys in your server).
///
/// The version rules: a `/vN/` prefix names the version of the operation, for every version of
/// the rules (Lucid's: 1, and 2 for `GET /v2/dataSources/aws/regions`), and the catalog then
/// routes it as `check` does (a version-1 path under `/v2/` is `unknown_endpoint`). Without a
/// prefix, the version header saying `1` is required; alongside a prefix the header may be left
/// out, be `1` (what a client sends with every request) or name the prefix's version. Rules
/// with no version header and no path versions pass the path on as it came.
package struct RequestPath {
    /// Longest raw path accepted (bytes); longer ones get 414.
    static let maximumLength = 2048

    /// The decoded path, `/v1` prefix included when there was one (the catalog accepts it).
    let decoded: String
    /// The decoded segments, the version prefix dropped.
    let segments: [Substring]

    /// Parses `raw` (the request target's path, without the query) and checks the API version
    /// against the version header's values, by `rules`.
    static func parse(_ raw: String, versionHeader: [String], rules: KeysmithAPIRules) -> Result<RequestPath, KeysmithDenial> {
        let length = raw.utf8.count
        guard length <= maximumLength else { return .failure(.pathTooLong(length, limit: maximumLength)) }
        guard raw.first == "/" else { return .failure(.badPath("a request path starts with /")) }
        let decoded: String
        switch percentDecoded(raw) {
        case .success(let text): decoded = text
        case .failure(let denial): return .failure(denial)
        }
        var segments = decoded.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        if segments.last?.isEmpty == true { segments.removeLast() }
        guard let headerName = rules.versionHeader?.canonicalName ?? (rules.pathVersions.isEmpty ? nil : "") else {
            return .success(RequestPath(decoded: decoded, segments: segments))
        }
        let supportedVersions = rules.pathVersions
        var pathVersion: Substring?
        if !supportedVersions.isEmpty, let first = segments.first, isVersionSegment(first) {
            pathVersion = first.dropFirst()
            segments.removeFirst()
        }
        if let pathVersion, !supportedVersions.contains(where: { String($0) == pathVersion }) {
            return .failure(.unsupportedAPIVersion(String(pathVersion), header: headerName, supported: supportedVersions))
        }
        if !headerName.isEmpty, let header = versionHeader.first {
            let value = header.trimmingSpaces
            guard versionHeader.count == 1, value == "1" || (pathVersion != nil && value == pathVersion!) else {
                return .failure(
                    .unsupportedAPIVersion(versionHeader.joined(separator: ", "), header: headerName, supported: supportedVersions))
            }
        } else if pathVersion == nil {
            return .failure(.missingAPIVersion(header: headerName, prefixes: !supportedVersions.isEmpty))
        }
        return .success(RequestPath(decoded: decoded, segments: segments))
    }

    /// `v` and digits: a version segment, as Lucid's `/v1/`.
    private static func isVersionSegment(_ segment: Substring) -> Bool {
        segment.count >= 2 && segment.first == "v" && segment.dropFirst().allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// `%XX` escapes decoded; a bad escape, an encoded `/` or NUL, or bytes that are not UTF-8
    /// are refused (with the position, never the text: it may hold a secret).
    package static func percentDecoded(_ raw: String) -> Result<String, KeysmithDenial> {
        let bytes = Array(raw.utf8)
        guard bytes.contains(UInt8(ascii: "%")) else {
            return .success(raw)
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "%") else {
                out.append(bytes[i])
                i += 1
                continue
            }
            guard i + 2 < bytes.count, let high = hexValue(bytes[i + 1]), let low = hexValue(bytes[i + 2]) else {
                return .failure(.badPath("bad percent-encoding at byte \(i + 1) of the path"))
            }
            let byte = high << 4 | low
            if byte == UInt8(ascii: "/") || byte == 0 {
                return .failure(.badPath("the path encodes \(byte == 0 ? "NUL" : "/") at byte \(i + 1); send it plainly or not at all"))
            }
            out.append(byte)
            i += 3
        }
        guard let text = String(validating: out, as: UTF8.self) else {
            return .failure(.badPath("the decoded path is not UTF-8"))
        }
        return .success(text)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: Substring {
        var text = self[...]
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return text
    }
}
