import Foundation
import KeysmithTestSupport
import Testing

/// The `keysmith` binary built beside this test bundle.
let keysmithBinary = KeysmithBinary.path ?? "keysmith"

/// Runs keysmith with `arguments` (and `input` on stdin); returns status, stdout, stderr.
func keysmith(_ arguments: [String], input: String? = nil, in directory: String? = nil) throws -> (status: Int32, out: String, err: String)
{
    let run = try ProgramRun.keysmith(arguments, input: .text(input ?? ""), in: directory)
    return (run.status, run.stdout, run.stderr)
}

func scriptFile(_ text: String, name: String = "script.ks") throws -> String {
    let directory = NSTemporaryDirectory() + "keysmith-cli-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let path = directory + "/" + name
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

/// `keysmith run`: exit statuses (Docs: Writing scenario tests) and deterministic options.
@Suite struct RunCommandTests {
    @Test func aGoodScriptExitsZero() throws {
        let path = try scriptFile("let k = key create a --expires 1d --grants User\nexpect allow check $k.secret GET /users/me/profile\n")
        let result = try keysmith(["run", path])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.contains("allow (200)"))
    }

    @Test func aFailingCommandStopsTheScriptAndExitsOne() throws {
        let path = try scriptFile("echo before\nkey show key_00000000\necho after\n")
        let result = try keysmith(["run", path])
        #expect(result.status == 1)
        #expect(result.out.contains("before"))
        #expect(!result.out.contains("after"))
        #expect(result.out.contains("script.ks:2:1: error: key key_00000000 does not exist"))
    }

    @Test func aFailedExpectGoesOnButExitsOne() throws {
        let path = try scriptFile("expect error clock\necho after\n")
        let result = try keysmith(["run", path])
        #expect(result.status == 1)
        #expect(result.out.contains("after"))
    }

    @Test func aSyntaxErrorRunsNothingAndExitsOne() throws {
        let path = try scriptFile("echo first\necho \"open\n")
        let result = try keysmith(["run", path])
        #expect(result.status == 1)
        #expect(!result.out.contains("first\n"))
        #expect(result.out.contains("unclosed double quote"))
    }

    @Test(arguments: [
        ["run", "/no/such/file.ks"],
        ["run"],
        ["run", "x.ks", "--sed", "1"],
        ["run", "x.ks", "--clock", "yesterday"],
        ["frobnicate"],
    ])
    func usageErrorsExitTwo(_ arguments: [String]) throws {
        let result = try keysmith(arguments)
        #expect(result.status == 2, "\(arguments): \(result.err)")
        #expect(!result.err.isEmpty)
    }

    @Test func seedAndClockMakeRunsIdentical() throws {
        let path = try scriptFile("let k = key create a --expires 30d --grants User\nkey list\n")
        let first = try keysmith(["run", path, "--seed", "9", "--clock", "2026-03-01"])
        let second = try keysmith(["run", path, "--seed", "9", "--clock", "2026-03-01"])
        #expect(first.status == 0)
        #expect(first.out == second.out)
        #expect(first.out.contains("2026-03-31T00:00:00Z"))
    }

    @Test func withoutASeedSecretsDiffer() throws {
        let path = try scriptFile("key create a --expires 30d --grants User\n")
        #expect(try keysmith(["run", path]).out != keysmith(["run", path]).out)
    }

    @Test func dashReadsTheScriptFromStandardInput() throws {
        let result = try keysmith(["run", "-", "--clock", "2026-05-05"], input: "clock\n")
        #expect(result.status == 0)
        #expect(result.out == "2026-05-05T00:00:00Z\n")
    }

    @Test func pipedStandardInputRunsAsAScriptWithoutPromptOrBanner() throws {
        let result = try keysmith(["--memory"], input: "echo piped\n")
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out == "piped\n")
    }
}

/// `keysmith test`: the closing line and the exit status.
@Suite struct TestCommandTests {
    @Test func endsWithTheCountsLineAndExitsByTheResult() throws {
        let good = try scriptFile("clock\n", name: "good.ks")
        #expect(try keysmith(["test", "--update", good]).status == 0)
        let passing = try keysmith(["test", good])
        #expect(passing.status == 0)
        #expect(passing.out.hasSuffix("1 passed, 0 failed\n"))
        let bad = try scriptFile("clock\n", name: "bad.ks")
        let failing = try keysmith(["test", good, bad])
        #expect(failing.status == 1)
        #expect(failing.out.hasSuffix("1 passed, 1 failed\n"))
        #expect(failing.out.contains("no golden file"))
    }

    @Test func theProjectScenarioSuitePassesThroughTheCommandLine() throws {
        let result = try keysmith(["test", SourceTree.path("Tests/Scenarios")])
        #expect(result.status == 0, "\(result.out)")
        #expect(result.out.contains(" passed, 0 failed"))
    }
}
