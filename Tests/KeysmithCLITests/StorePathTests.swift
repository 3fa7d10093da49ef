import Foundation
import KeysmithTestSupport
import Testing

/// `--store PATH` (README "Two commands"): an explicit path's directory must
/// exist, so a mistyped path is refused instead of becoming an empty store in new directories;
/// only the default location's directories are created.
@Suite struct StorePathTests {
    @Test(
        "an explicit --store in a missing directory is refused, and nothing is created",
        arguments: [["--store"], ["run", "-", "--store"]])
    func missingDirectoryIsRefused(_ prefix: [String]) throws {
        let root = NSTemporaryDirectory() + "keysmith-missing-\(UUID().uuidString)"
        let path = root + "/dir/x.sqlite"
        let result = try keysmith(prefix + [path], input: "key list\n")
        #expect(result.status == 2, "\(result.err)")
        #expect(result.err.contains("cannot create store \(path): its directory \(root)/dir does not exist"), "\(result.err)")
        #expect(!FileManager.default.fileExists(atPath: root))
    }

    @Test("serve refuses an explicit --store in a missing directory before listening")
    func serveRefusesMissingDirectory() throws {
        let root = NSTemporaryDirectory() + "keysmith-missing-\(UUID().uuidString)"
        let result = try keysmith(["serve", "--port", "0", "--store", root + "/x.sqlite"], stdinPath: "/dev/null")
        #expect(result.status == 2, "\(result.err)")
        #expect(result.err.contains("its directory \(root) does not exist"), "\(result.err)")
        #expect(!FileManager.default.fileExists(atPath: root))
    }

    @Test(
        "with neither HOME nor XDG_DATA_HOME, the CLI names the options that choose a store (the store's own error names none)",
        arguments: [[String](), ["store", "verify"]])
    func noDefaultLocationNamesTheOptions(_ arguments: [String]) throws {
        let run = try ProgramRun.keysmith(
            arguments, input: .text("key list\n"), environment: ["HOME": nil, "XDG_DATA_HOME": nil])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(
            run.stderr.contains("cannot find the default store: neither XDG_DATA_HOME nor HOME is set; use --store PATH or --memory"),
            "\(run.stderr)")
    }

    @Test("the default store's directories are still created on first use")
    func defaultLocationIsCreated() throws {
        let data = NSTemporaryDirectory() + "keysmith-xdg-\(UUID().uuidString)/data"
        let run = try ProgramRun.keysmith([], input: .text("key list\n"), environment: ["XDG_DATA_HOME": data])
        #expect(run.status == 0)
        #expect(FileManager.default.fileExists(atPath: data + "/keysmith/store.sqlite"))
    }
}
