import Foundation
import KeysmithTestSupport
import Testing

/// Command-line edges that used to surprise ("no such file" for a directory,
/// a passing run with no scenarios, the REPL's usage for a typo, "Missing value" for
/// `--seed -1`), each now one clear line and exit status 2.
@Suite struct UsageEdgeTests {
    static func directory() throws -> String {
        let path = NSTemporaryDirectory() + "keysmith-edges-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func runningADirectorySaysItIsADirectory() throws {
        let directory = try Self.directory()
        let result = try keysmith(["run", directory])
        #expect(result.status == 2)
        #expect(result.err.contains("\(directory) is a directory"), "\(result.err)")
    }

    /// `run -x.ks` used to say a file argument was missing; with such a file there, it says how
    /// to name it, and `run -- -x.ks` runs it.
    @Test func aScriptNamedLikeAnOptionIsNamedWithHowToRunIt() throws {
        let directory = try Self.directory()
        try "echo ran\n".write(toFile: directory + "/-x.ks", atomically: true, encoding: .utf8)
        let refused = try keysmith(["run", "-x.ks"], in: directory)
        #expect(refused.status == 2)
        #expect(refused.err.contains("-x.ks reads as an option") && refused.err.contains("keysmith run -- -x.ks"), "\(refused.err)")
        let ran = try keysmith(["run", "--", "-x.ks"], in: directory)
        #expect(ran.status == 0 && ran.out == "ran\n", "\(ran.err)")
    }

    /// A file name that is not UTF-8 used to be read with its bad bytes replaced and reported
    /// missing; it is named as not UTF-8, by its position, its bytes escaped.
    @Test func anArgumentThatIsNotUTF8IsNamed() throws {
        let run = try ProgramRun.run(
            "/bin/sh", ["-c", #"exec "$0" run "$(printf 'bad\377.ks')""#, try KeysmithBinary.require()], input: .text(""))
        #expect(run.status == 2)
        #expect(run.stderr.contains(#"argument 2 (bad\xFF.ks) is not UTF-8 text"#), "\(run.stderr)")
    }

    @Test func testingADirectoryWithoutScenariosIsAnError() throws {
        let result = try keysmith(["test", try Self.directory()])
        #expect(result.status == 2)
        #expect(result.err.contains("no scenarios"), "\(result.err)")
        #expect(!result.out.contains("0 passed, 0 failed"))
    }

    @Test func anUnknownCommandIsNamedWithTheClosestOne() throws {
        let result = try keysmith(["tset"])
        #expect(result.status == 2)
        #expect(result.err.contains("unknown command \"tset\" (did you mean `keysmith test`?)"), "\(result.err)")
        #expect(!result.err.contains("keysmith repl [--store"))
        let bogus = try keysmith(["bogus"])
        #expect(bogus.status == 2)
        #expect(bogus.err.contains("unknown command \"bogus\""), "\(bogus.err)")
    }

    @Test func aNegativeSeedIsCalledInvalidNotMissing() throws {
        let path = try scriptFile("echo hi\n")
        let result = try keysmith(["run", path, "--seed", "-1"])
        #expect(result.status == 2)
        #expect(result.err.contains("'-1' is invalid"), "\(result.err)")
        #expect(!result.err.contains("Missing value"))
        #expect(try keysmith(["run", path, "--seed", "18446744073709551615"]).status == 0)
    }

    @Test func aClockWithAFractionSaysWhy() throws {
        let path = try scriptFile("echo hi\n")
        let result = try keysmith(["run", path, "--clock", "2026-01-01T00:00:00.5Z"])
        #expect(result.status == 2)
        #expect(result.err.contains("fractions of a second are not supported"), "\(result.err)")
    }

    /// A secret typed as an argument used to be echoed in full by every error, and `--store`
    /// made a file named after it (a hostile tester's find).
    @Test func aSecretTypedAsAnArgumentIsNeverEchoedNorMadeAFile() throws {
        let secret = "ksk_7U2DojALfoIdbHn4WNoqcNBF4qKA7p0rGWYq"
        let directory = try Self.directory()
        let path = try scriptFile("echo hi\n")
        let runs = [
            try keysmith(["run", secret + ".ks"]),
            try keysmith(["run", path, "--clock", secret]),
            try keysmith(["run", path, "--seed", secret]),
            try keysmith(["test", secret]),
            try keysmith(["run", "-", "--store", directory + "/" + secret + ".sqlite"], input: "key list\n"),
            try keysmith(["--store", directory + "/" + secret + ".sqlite"], input: "key list\n"),
        ]
        for result in runs {
            #expect(result.status == 2, "\(result.err)")
            #expect(!result.err.contains(String(secret.dropFirst(4).prefix(12))), "\(result.err)")
            #expect(!result.out.contains(String(secret.dropFirst(4).prefix(12))), "\(result.out)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }
}
