import Foundation
import KeysmithTestSupport
import Testing

/// Scripts are UTF-8: other bytes are a syntax error at their position, from a file, from
/// standard input and through `source`; and `keysmith test --update` never blesses a failure.
@Suite struct ScriptBytesTests {
    static let badScript = Data("echo first\necho caf".utf8) + Data([0xE9]) + Data(" au lait\n".utf8)

    func file(_ data: Data, name: String = "latin1.ks") throws -> String {
        let path = try scriptFile("", name: name)
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func invalidUTF8InAFileIsASyntaxErrorAtItsByteAndRunsNothing() throws {
        let path = try file(Self.badScript)
        let result = try keysmith(["run", path])
        #expect(result.status == 1)
        #expect(!result.out.contains("first\n"))
        #expect(result.out.contains("latin1.ks:2:9: error: invalid UTF-8: byte 0xE9 at byte offset 19"), "\(result.out)")
        #expect(result.out.contains("echo caf\u{FFFD} au lait\n            ^"), "\(result.out)")
    }

    @Test(arguments: [["run", "-"], ["--memory"]])
    func invalidUTF8OnStandardInputIsASyntaxError(_ arguments: [String]) throws {
        let run = try ProgramRun.keysmith(arguments, input: .bytes(Array(Self.badScript)))
        let text = run.stdout
        #expect(run.status == 1)
        #expect(text.contains("<stdin>:2:9: error: invalid UTF-8"), "\(text)")
    }

    @Test func aSourcedFileWithInvalidUTF8IsASyntaxErrorNamingThatFile() throws {
        let bad = try file(Self.badScript, name: "lib.ks")
        let main = (bad as NSString).deletingLastPathComponent + "/main.ks"
        try "source lib.ks\n".write(toFile: main, atomically: true, encoding: .utf8)
        let result = try keysmith(["run", main])
        #expect(result.status == 1)
        #expect(result.out.contains("lib.ks:2:9: error: invalid UTF-8"), "\(result.out)")
    }

    @Test func updateOnAFailingScenarioWritesNoGoldenAndSaysWhy() throws {
        let path = try scriptFile("expect error clock\n", name: "failing.ks")
        let result = try keysmith(["test", "--update", path])
        #expect(result.status == 1)
        #expect(result.out.contains("1 expectation failed"), "\(result.out)")
        #expect(result.out.contains("golden not written"), "\(result.out)")
        #expect(!FileManager.default.fileExists(atPath: String(path.dropLast(3)) + ".golden"))
    }

    @Test func aCRLFGoldenPassesAndTheReportSaysSo() throws {
        let path = try scriptFile("clock\n", name: "crlf.ks")
        try "> clock\r\n2026-01-01T00:00:00Z\r\n".write(toFile: String(path.dropLast(3)) + ".golden", atomically: true, encoding: .utf8)
        let result = try keysmith(["test", path])
        #expect(result.status == 0, "\(result.out)")
        #expect(result.out.contains("the golden has CRLF line endings"), "\(result.out)")
    }
}
