import KeysmithCore
import KeysmithScript
import KeysmithStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Wires a store, a clock, randomness and output into an interpreter.
final class Session {
    let interpreter: Interpreter
    let output: any OutputSink

    init(store: any KeyStore, seed: UInt64?, clockStart: Instant?, output: any OutputSink = StandardOutput()) {
        let clock = ManualClock(clockStart ?? SystemClock().now())
        let random: any RandomSource = seed.map { SeededRandomSource(seed: $0) } ?? SystemRandomSource()
        self.output = output
        interpreter = Interpreter(service: KeyService(store: store, clock: clock, random: random), clock: clock, output: output)
    }

    /// Writes out buffered output.
    func flush() { (output as? StandardOutput)?.flush() }
}

/// Reads all of standard input.
func readStandardInput() -> String {
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
        let n = read(0, &buffer, buffer.count)
        if n <= 0 { break }
        bytes.append(contentsOf: buffer[0..<n])
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// Reads a whole text file, or nil when it is missing, unreadable or a directory.
func readTextFile(_ path: String) -> String? {
    var info = stat()
    guard stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR else { return nil }
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
        let n = read(fd, &buffer, buffer.count)
        if n < 0 { return nil }
        if n == 0 { break }
        bytes.append(contentsOf: buffer[0..<n])
    }
    return String(decoding: bytes, as: UTF8.self)
}

func directoryOf(_ path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
}
