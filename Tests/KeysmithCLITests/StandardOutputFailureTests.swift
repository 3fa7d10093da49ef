import Foundation
import KeysmithTestSupport
import Testing

/// A failed write to standard output (`/dev/full`, a closed descriptor) is reported on standard
/// error, without the output itself (it may hold a secret), and fails the run (exit status 1);
/// the script stops at the next command, so no more keys are made whose secrets are lost.
@Suite struct StandardOutputFailureTests {
    static let createKey = "key create ci --expires 30d --grants User\n"

    /// Runs `keysmith arguments…` through `sh` with standard output redirected by `redirect`
    /// (`> /dev/full`, `>&-`).
    func keysmith(_ arguments: [String], stdout redirect: String, input: String = "") throws -> ProgramRun {
        try ProgramRun.run(
            "/bin/sh", ["-c", "exec \"$0\" \"$@\" \(redirect)", try KeysmithBinary.require()] + arguments,
            input: .text(input), environment: ["HOME": NSTemporaryDirectory() + "keysmith-test-home-\(UUID().uuidString)"])
    }

    func expectReported(_ run: ProgramRun, _ reason: String) {
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("keysmith: cannot write standard output: \(reason)"), "\(run.stderr)")
        #expect(!run.stderr.contains("ksk_"))
    }

    @Test func runToAFullDeviceFails() throws {
        let path = try scriptFile(Self.createKey)
        expectReported(try keysmith(["run", path], stdout: "> /dev/full"), "No space left on device")
        expectReported(try keysmith(["run", "--", path], stdout: "> /dev/full"), "No space left on device")
    }

    @Test func runToAClosedStandardOutputFails() throws {
        let path = try scriptFile(Self.createKey)
        expectReported(try keysmith(["run", path], stdout: ">&-"), "Bad file descriptor")
    }

    @Test func pipedInputToAFullDeviceFails() throws {
        expectReported(try keysmith(["--memory"], stdout: "> /dev/full", input: Self.createKey), "No space left on device")
        expectReported(try keysmith(["--memory"], stdout: ">&-", input: Self.createKey), "Bad file descriptor")
    }

    /// The store is not written through a closed standard output either: the file opened for
    /// it does not take descriptor 1.
    @Test(arguments: [("> /dev/full", "No space left on device"), (">&-", "Bad file descriptor")])
    func theScriptStopsAtTheFirstFailedWrite(_ redirect: String, _ reason: String) throws {
        let path = try scriptFile(Self.createKey + "key create second --expires 30d --grants User\n")
        let store = (path as NSString).deletingLastPathComponent + "/keys.sqlite"
        expectReported(try keysmith(["run", path, "--store", store], stdout: redirect), reason)
        let verified = try ProgramRun.keysmith(["store", "verify", "--store", store])
        #expect(verified.status == 0 && verified.stdout.contains("no damage"), "\(verified.stdout) \(verified.stderr)")
        let list = try scriptFile("key list\n")
        let listed = try ProgramRun.keysmith(["run", list, "--store", store])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains("ci"))
        #expect(!listed.stdout.contains("second"))
    }

    /// Output without a secret is buffered, but the first of it is written at once: a script
    /// whose output cannot be written at all stops at its first command that prints, not at
    /// the end (a hostile review added two users to a full device).
    @Test(arguments: [("> /dev/full", "No space left on device"), (">&-", "Bad file descriptor")])
    func theFirstOutputIsWrittenAtOnce(_ redirect: String, _ reason: String) throws {
        let path = try scriptFile("user add carol\necho two\nuser add bob\n")
        let store = (path as NSString).deletingLastPathComponent + "/users.sqlite"
        expectReported(try keysmith(["run", path, "--store", store], stdout: redirect), reason)
        let listed = try ProgramRun.keysmith(["run", try scriptFile("user list\n"), "--store", store])
        #expect(listed.stdout.contains("carol") && !listed.stdout.contains("bob"), "\(listed.stdout)")
    }

    /// A reader that went away (a closed pipe) is a failed write too, not a silent SIGPIPE:
    /// the message, status 1, and the store closed as usual.
    @Test func aClosedPipeIsReported() throws {
        let path = try scriptFile("user add carol\nrepeat 100000 { echo tick }\nuser add bob\n")
        let store = (path as NSString).deletingLastPathComponent + "/pipe.sqlite"
        // bash's pipefail gives keysmith's status rather than the reader's.
        let run = try ProgramRun.run(
            "/bin/bash",
            ["-c", #"set -o pipefail; "$0" "$@" | (exec 0<&-; sleep 1)"#, try KeysmithBinary.require(), "run", path, "--store", store],
            input: .text(""))
        expectReported(run, "Broken pipe")
        let listed = try ProgramRun.keysmith(["run", try scriptFile("user list\n"), "--store", store])
        #expect(!listed.stdout.contains("bob"), "\(listed.stdout)")
    }

    @Test func testToAFullDeviceFails() throws {
        let path = try scriptFile("echo hello\n", name: "hello.ks")
        _ = try ProgramRun.keysmith(["test", "--update", path])
        expectReported(try keysmith(["test", path], stdout: "> /dev/full"), "No space left on device")
    }

    @Test func aGoodRunStillExitsZero() throws {
        let path = try scriptFile(Self.createKey)
        let run = try keysmith(["run", path], stdout: "> /dev/null")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
    }
}
