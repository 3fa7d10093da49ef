import Foundation
import KeysmithTestSupport

/// `keysmith` run as a plain process (pipes, no terminal).
enum PlainRun {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static func run(
        _ arguments: [String], stdin: String = "", in directory: String? = nil,
        environment: [String: String]
    ) throws -> Result {
        let run = try ProgramRun.run(
            try KeysmithBinary.require(), arguments, input: .text(stdin), in: directory,
            baseEnvironment: environment)
        return Result(status: run.status, stdout: run.stdout, stderr: run.stderr)
    }
}

/// `ksk_` followed by 30 or more base62 characters: anything that looks like a secret.
func secretsIn(_ text: String) -> [String] {
    var found: [String] = []
    var rest = Substring(text)
    while let start = rest.range(of: "ksk_") {
        let body = rest[start.upperBound...].prefix(while: { $0.isASCII && ($0.isLetter || $0.isNumber) })
        if body.count >= 30 { found.append("ksk_" + body) }
        rest = rest[start.upperBound...]
    }
    return found
}
