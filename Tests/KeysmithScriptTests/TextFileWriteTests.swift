import Testing

@testable import KeysmithScript

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file that cannot be written says why, in plain words, naming the path as it was written
/// (the tests run as root here, so permission denied is checked by its errno alone).
@Suite struct TextFileWriteTests {
    @Test(arguments: [
        (ENOENT, "no such directory \"out\""), (EACCES, "permission denied"), (EPERM, "permission denied"),
        (EISDIR, "it is a directory"), (EROFS, "the file system is read-only"),
    ])
    func aFailedWriteSaysWhy(_ code: Int32, _ reason: String) {
        #expect(TextFile.whyNotWritable("out/api.json", errno: code) == reason)
    }

    @Test func aMissingDirectoryIsNamedAsWritten() {
        #expect(
            TextFile.replaceContents(of: "/nonexistent-keysmith/out/api.json", named: "out/api.json", with: "{}")
                == "no such directory \"out\"")
    }
}
