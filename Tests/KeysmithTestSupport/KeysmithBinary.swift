import Foundation

/// The `keysmith` executable of the same build as the running tests. The test runner lives in
/// the build's products directory (`.build/debug/keysmithPackageTests.xctest`), and so does
/// `keysmith`, which every test target that runs it depends on.
public enum KeysmithBinary {
    public static let path: String? = BuiltExecutable.path(named: "keysmith")

    /// The path, or an error saying how to get the binary built.
    public static func require() throws -> String { try BuiltExecutable.require("keysmith") }
}

/// An executable product of the same build as the running tests (`keysmith`, the example
/// programs), found beside the test runner; the test target must depend on its target.
public enum BuiltExecutable {
    public static func path(named name: String) -> String? {
        let runner =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        var directory = URL(fileURLWithPath: runner).deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = directory.appendingPathComponent(name).path
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
                FileManager.default.isExecutableFile(atPath: candidate)
            {
                return candidate
            }
            directory.deleteLastPathComponent()
        }
        return nil
    }

    /// The path, or an error saying how to get the executable built.
    public static func require(_ name: String) throws -> String {
        guard let path = path(named: name) else {
            throw TestProblem("no \(name) executable beside the test runner; build with --build-tests")
        }
        return path
    }
}

/// A test's own failure with a message (a missing binary, a failed system call).
public struct TestProblem: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// A private directory for one test, removed when the value goes away.
public final class TemporaryDirectory: Sendable {
    public let path: String

    public init() throws {
        let base = FileManager.default.temporaryDirectory.path
        var template = Array((base + "/keysmith-test-XXXXXX").utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw TestProblem("mkdtemp failed: \(String(cString: strerror(errno)))")
        }
        path = String(decoding: template.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// `name` inside the directory.
    public func file(_ name: String) -> String { path + "/" + name }

    public func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: file(name)))
    }

    public func makeDirectory(_ name: String) throws {
        try FileManager.default.createDirectory(atPath: file(name), withIntermediateDirectories: true)
    }

    public func read(_ name: String) -> String? {
        FileManager.default.contents(atPath: file(name)).map { String(decoding: $0, as: UTF8.self) }
    }
}
