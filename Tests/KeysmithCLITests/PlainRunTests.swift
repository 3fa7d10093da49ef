import Foundation
import Testing

/// `keysmith run FILE` is recognised without ArgumentParser (`PlainRun`); `keysmith run -- FILE`
/// means the same through ArgumentParser. The two must answer alike: output, errors, status.
@Suite struct PlainRunTests {
    static let scripts = [
        "",
        "echo hello\n",
        "let k = key create a --expires 1d --grants User\nexpect allow check $k.secret GET /users/me/profile\n",
        "echo before\nkey show key_00000000\necho after\n",
        "expect error clock\necho after\n",
        "echo first\necho \"open\n",
    ]

    @Test(arguments: scripts.indices)
    func aScriptRunsAsThroughArgumentParser(_ index: Int) throws {
        let path = try scriptFile(Self.scripts[index])
        let plain = try keysmith(["run", path])
        let parsed = try keysmith(["run", "--", path])
        #expect(plain.status == parsed.status)
        #expect(plain.err == parsed.err)
        // A fresh secret, id and instant each run: compare the output with them masked.
        #expect(Self.masked(plain.out) == Self.masked(parsed.out))
    }

    @Test func standardInputRunsAsThroughArgumentParser() throws {
        let plain = try keysmith(["run", "-"], input: "echo from stdin\nclock\n")
        let parsed = try keysmith(["run", "--", "-"], input: "echo from stdin\nclock\n")
        #expect(plain.status == 0)
        #expect(plain.status == parsed.status)
        #expect(plain.err == parsed.err)
        #expect(plain.out.hasPrefix("from stdin\n"))
        #expect(parsed.out.hasPrefix("from stdin\n"))
    }

    @Test(arguments: ["missing.ks", "."])
    func aFileThatCannotBeRunIsRefusedAsThroughArgumentParser(_ name: String) throws {
        let directory = (try scriptFile("")) + ".d"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let plain = try keysmith(["run", name], in: directory)
        let parsed = try keysmith(["run", "--", name], in: directory)
        #expect(plain.status == 2)
        #expect(plain.status == parsed.status)
        #expect(plain.err == parsed.err)
        #expect(plain.out == parsed.out)
    }

    /// Shapes the plain path declines: ArgumentParser answers them (help, errors).
    @Test(arguments: [["run"], ["run", "-h"], ["run", "--help"], ["run", "help"], ["run", ""], ["run", "a.ks", "b.ks"]])
    func otherShapesStillReachArgumentParser(_ arguments: [String]) throws {
        let result = try keysmith(arguments)
        #expect(result.status != 1, "\(result.err)")
        #expect(!(result.out + result.err).isEmpty)
    }

    static func masked(_ text: String) -> String {
        text.replacing(/ksk_[0-9A-Za-z]+/, with: "ksk_…").replacing(/key_[0-9A-Za-z]+/, with: "key_…")
            .replacing(/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]+Z/, with: "INSTANT")
    }
}
