import Foundation

/// The `keysmith` executable of the same build as this test bundle. The test runner lives in
/// the build's products directory (`.build/debug/keysmithPackageTests.xctest`), and so does
/// `keysmith`, which this target depends on so that `swift build --build-tests` makes it.
enum KeysmithBinary {
    static let path: String? = {
        let runner = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        var directory = URL(fileURLWithPath: runner).deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = directory.appendingPathComponent("keysmith").path
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
               FileManager.default.isExecutableFile(atPath: candidate) {
                return candidate
            }
            directory.deleteLastPathComponent()
        }
        return nil
    }()

    static func require() throws -> String {
        guard let path else { throw TestProblem("no keysmith executable beside the test runner; build with --build-tests") }
        return path
    }
}

struct TestProblem: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A private directory for one test, removed when the value goes away.
final class TemporaryDirectory {
    let path: String

    init() throws {
        var template = Array("/tmp/keysmith-repl-test-XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw TestProblem("mkdtemp failed: \(String(cString: strerror(errno)))")
        }
        path = String(decoding: template.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// `name` inside the directory.
    func file(_ name: String) -> String { path + "/" + name }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: file(name)))
    }

    func makeDirectory(_ name: String) throws {
        try FileManager.default.createDirectory(atPath: file(name), withIntermediateDirectories: true)
    }

    func read(_ name: String) -> String? {
        FileManager.default.contents(atPath: file(name)).map { String(decoding: $0, as: UTF8.self) }
    }
}

/// Permission bits of a file (`0o600`), or nil when it does not exist.
func permissions(_ path: String) -> Int? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return Int(info.st_mode & 0o7777)
}

/// `keysmith` run as a plain process (pipes, no terminal).
enum PlainRun {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static func run(_ arguments: [String], stdin: String = "", in directory: String? = nil,
                    environment: [String: String]) throws -> Result {
        let scratch = try TemporaryDirectory()
        let outPath = scratch.file("stdout"), errPath = scratch.file("stderr")
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try KeysmithBinary.require())
        process.arguments = arguments
        process.environment = environment
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: scratch.read("stdout") ?? "",
                      stderr: scratch.read("stderr") ?? "")
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
