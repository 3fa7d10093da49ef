import Foundation
import KeysmithTestSupport
import Testing

/// Runs keysmith with standard input read from the file at `stdinPath`; kills it after 20 s.
func keysmith(_ arguments: [String], stdinPath: String) throws -> (status: Int32, out: String, err: String) {
    let run = try ProgramRun.keysmith(arguments, input: .file(stdinPath), timeout: .seconds(20))
    return (run.status, run.stdout, run.stderr)
}

/// Limits on what keysmith reads as a script (README "Scripts and golden
/// scenarios"): `run FILE` and `source FILE` take regular files of at most 64 MB, refused
/// before any byte is read; a script line (from a file or piped standard input) holds at most
/// 1 MB. Each refusal says what was wrong and where, and nothing runs.
@Suite struct InputLimitTests {
    static func directory() throws -> String {
        let directory = NSTemporaryDirectory() + "keysmith-limits-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test("run refuses a file that is not a regular file, without reading it")
    func runRefusesNonRegularFiles() throws {
        let directory = try Self.directory()
        let fifo = directory + "/pipe.ks"
        #expect(mkfifo(fifo, 0o600) == 0)
        for (path, kind) in [("/dev/zero", "a character device"), (fifo, "a FIFO")] {
            let result = try keysmith(["run", path], stdinPath: "/dev/null")
            #expect(result.status == 2, "\(path): \(result.err)")
            #expect(result.err.contains("\(path) is \(kind), not a regular file"), "\(result.err)")
        }
    }

    @Test("run refuses a file over 64 MB before reading it")
    func runRefusesAFileOverTheMaximum() throws {
        let path = try Self.directory() + "/huge.ks"
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        #expect(truncate(path, 64 * 1024 * 1024 + 1) == 0)  // sparse: costs no disk
        let result = try keysmith(["run", path], stdinPath: "/dev/null")
        #expect(result.status == 2, "\(result.err)")
        #expect(result.err.contains("\(path) has 67108865 bytes; a script may have at most 67108864 (64 MB)"), "\(result.err)")
    }

    @Test("a script line over 1 MB is refused with its file and line, and nothing runs")
    func runRefusesALineOverTheMaximum() throws {
        let path = try scriptFile("echo first\necho " + String(repeating: "x", count: 1_100_000) + "\n")
        let result = try keysmith(["run", path], stdinPath: "/dev/null")
        #expect(result.status == 2, "\(result.err)")
        #expect(
            result.err.contains("\(path):2: the line is longer than 1048576 bytes (1 MB), the most a script line may hold"),
            "\(result.err)")
        #expect(!result.out.contains("first"))
    }

    @Test(
        "piped standard input that never ends a line is refused at 1 MB, not read forever",
        arguments: [["--memory"], ["run", "-"]])
    func endlessStandardInputIsRefused(_ arguments: [String]) throws {
        let started = Date()
        let result = try keysmith(arguments, stdinPath: "/dev/zero")
        #expect(result.status == 2, "\(result.err)")
        #expect(result.err.contains("<stdin>:1: the line is longer than 1048576 bytes (1 MB)"), "\(result.err)")
        #expect(Date().timeIntervalSince(started) < 15)
    }

    @Test("source refuses a device, a FIFO and a directory, naming the line of the source command")
    func sourceRefusesNonRegularFiles() throws {
        let directory = try Self.directory()
        #expect(mkfifo(directory + "/pipe.ks", 0o600) == 0)
        try FileManager.default.createDirectory(atPath: directory + "/lib", withIntermediateDirectories: true)
        for (target, kind) in [("/dev/zero", "a character device"), ("pipe.ks", "a FIFO"), ("lib", "a directory")] {
            let script = directory + "/main.ks"
            try "echo first\nsource \(target)\necho never\n".write(toFile: script, atomically: true, encoding: .utf8)
            let result = try keysmith(["run", script], stdinPath: "/dev/null")
            #expect(result.status == 1, "\(target): \(result.err)")
            #expect(result.out.contains("main.ks:2:8: error: cannot source \"\(target)\": "), "\(result.out)")
            #expect(result.out.contains("is \(kind), not a regular file"), "\(result.out)")
            #expect(!result.out.contains("never"))
        }
    }
}
