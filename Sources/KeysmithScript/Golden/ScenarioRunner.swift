import KeysmithCore
import KeysmithStore
import KeysmithSyntax

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replays scenario scripts (`*.ks`) as golden-output tests: each on a fresh store with a
/// fixed seed and clock, echoing every command as `> command` before its output, and compares
/// the transcript with the `*.golden` file beside it.
///
/// A scenario passes when its transcript matches its golden line by line (`\n` or `\r\n`
/// endings, the final newline optional: see ``GoldenComparison``), no `expect` failed and no
/// command failed. Files whose name starts with `_` are libraries for `source`, not scenarios.
public struct ScenarioRunner: Sendable {
    /// The seed every scenario's ids and secrets come from.
    package static let seed: UInt64 = 20_260_101
    /// Where every scenario's clock starts.
    package static let start = Instant(parsing: "2026-01-01T00:00:00Z")!

    /// Makes the fresh store each scenario runs on.
    public var makeStore: @Sendable () async throws -> any KeyStore
    /// Disposes of a scenario's store once its transcript is taken (a database store drops
    /// its scenario's schema).
    public var discardStore: @Sendable (any KeyStore) async -> Void

    /// A runner whose scenarios each get the store `makeStore` makes (a ``MemoryStore`` by
    /// default), handed to `discardStore` once the scenario is done (nothing, by default).
    public init(
        makeStore: @escaping @Sendable () async throws -> any KeyStore = { MemoryStore() },
        discardStore: @escaping @Sendable (any KeyStore) async -> Void = { _ in }
    ) {
        self.makeStore = makeStore
        self.discardStore = discardStore
    }

    /// The result of replaying one scenario.
    package struct Replay: Sendable {
        /// Everything the scenario wrote, each top-level command echoed as `> command` before
        /// its output (unless `configure` turned the echo off).
        package let transcript: String
        /// How many `expect` commands did not hold.
        package let failedExpectations: Int
        /// How the run ended; a run can complete with failed expectations.
        package let outcome: Interpreter.Outcome
    }

    /// An interpreter as every scenario gets one: a fresh store, the fixed seed and clock.
    package func freshInterpreter(output: any OutputSink) async throws -> Interpreter {
        let clock = SessionClock(frozenAt: ScenarioRunner.start)
        let service = KeyService(store: try await makeStore(), clock: clock, random: SeededRandomSource(seed: ScenarioRunner.seed))
        return Interpreter(service: service, output: output)
    }

    /// Replays the scenario at `path` and returns its transcript.
    package func replay(_ path: String) async throws -> Replay {
        let directory = TextFile.directory(of: path)
        let prefix = directory == "." ? "" : directory + "/"
        let displayName: (String) -> String = { $0.hasPrefix(prefix) ? String($0.dropFirst(prefix.count)) : $0 }
        // Within the limits every script has (a regular file, 64 MB, 1 MB a line).
        let source: SourceFile
        do {
            source = try ScriptInput.file(path, name: displayName(path))
        } catch .unreadable {
            throw ScenarioError.unreadable(path)
        } catch {
            throw error
        }
        return try await replay(source, directory: directory) { interpreter in
            interpreter.displayName = displayName
            interpreter.sourceStack = [path]
        }
    }

    /// Replays `source` as a scenario (a fresh store, the fixed seed and clock, commands
    /// echoed), `source` paths starting from `directory`; `configure` may adjust the
    /// interpreter first (the README tests turn the echo off, the fuzzer caps the time).
    package func replay(
        _ source: SourceFile, directory: String = ".", configure: (Interpreter) -> Void = { _ in }
    ) async throws -> Replay {
        let output = BufferedOutput()
        let interpreter = try await freshInterpreter(output: output)
        interpreter.echoesCommands = true
        interpreter.workingDirectory = directory
        configure(interpreter)
        let outcome = await interpreter.run(source)
        await discardStore(interpreter.service.store)
        return Replay(transcript: output.text, failedExpectations: interpreter.failedExpectations, outcome: outcome)
    }

    /// Every scenario under `paths` (files, or directories searched recursively), sorted.
    public static func scenarios(under paths: [String]) throws -> [String] {
        var found: [String] = []
        for path in paths {
            var info = stat()
            guard stat(path, &info) == 0 else { throw ScenarioError.noSuchPath(path) }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                found += scripts(inDirectory: path)
            } else {
                found.append(path)
            }
        }
        return found
    }

    private static func scripts(inDirectory directory: String) -> [String] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var files: [String] = []
        var subdirectories: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name.hasPrefix(".") { continue }
            let full = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            var info = stat()
            guard stat(full, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                subdirectories.append(full)
            } else if name.hasSuffix(".ks") && !name.hasPrefix("_") {
                files.append(full)
            }
        }
        return files.sorted() + subdirectories.sorted().flatMap(scripts(inDirectory:))
    }

    /// The golden file for a scenario: `x.ks` → `x.golden`.
    package static func goldenPath(for scenario: String) -> String {
        (scenario.hasSuffix(".ks") ? String(scenario.dropLast(3)) : scenario) + ".golden"
    }

    /// One scenario's verdict and what to tell the person.
    public struct Verdict: Sendable {
        /// The scenario's path, as given.
        public let path: String
        /// True when the transcript matched its golden (or, with `update`, the golden was
        /// written), no expectation failed and no command failed.
        public let passed: Bool
        /// One line starting `ok   ` or `FAIL ` with the path; a failure adds its problems and
        /// the transcript's error lines, indented, on the lines after.
        public let report: String
    }

    /// Replays one scenario and compares (or with `update`, writes) its golden.
    public func verdict(for path: String, update: Bool) async -> Verdict {
        let replay: Replay
        do {
            replay = try await self.replay(path)
        } catch {
            return Verdict(path: path, passed: false, report: "FAIL \(path): \(error)")
        }
        let goldenPath = ScenarioRunner.goldenPath(for: path)
        var problems: [String] = []
        if replay.failedExpectations > 0 {
            problems.append("\(replay.failedExpectations) expectation\(replay.failedExpectations == 1 ? "" : "s") failed")
        }
        switch replay.outcome {
        case .completed: break
        case .syntaxError: problems.append("the script does not parse")
        case .commandFailed:
            problems.append("a command failed and the scenario stopped there (use `expect error` for errors it means to show)")
        case .interrupted: problems.append("interrupted")
        }
        var note = ""
        if update {
            // A failing run is not a golden: writing it would bless the failure.
            if !problems.isEmpty {
                problems.append("golden not written (\(goldenPath) left as it was); fix the scenario, then update again")
            } else if !TextFile.write(goldenPath, replay.transcript) {
                problems.append("cannot write \(goldenPath)")
            }
        } else if let golden = TextFile.read(goldenPath) {
            switch GoldenComparison.compare(golden: golden, transcript: replay.transcript, goldenName: goldenPath) {
            case .identical: break
            case .sameLines(let difference): note = " (\(difference); the lines match)"
            case .different(let diff): problems.insert("transcript differs from \(goldenPath):\n" + diff, at: 0)
            }
        } else {
            problems.insert("no golden file \(goldenPath); run `keysmith test --update \(path)` to create it, then read it", at: 0)
        }
        if problems.isEmpty {
            return Verdict(path: path, passed: true, report: "ok   \(path)" + (update ? " (golden written)" : note))
        }
        var report = "FAIL \(path): " + problems.joined(separator: "; ")
        if replay.outcome != .completed || replay.failedExpectations > 0 {
            let errors = replay.transcript.split(separator: "\n").filter { $0.contains(": error:") || $0.contains("expectation failed") }
            if !errors.isEmpty { report += "\n" + errors.map { "  " + $0 }.joined(separator: "\n") }
        }
        return Verdict(path: path, passed: false, report: report)
    }
}

/// Problems finding or reading scenarios.
package enum ScenarioError: Error, CustomStringConvertible, Sendable {
    case noSuchPath(String)
    case unreadable(String)

    package var description: String {
        switch self {
        case .noSuchPath(let path): return "no such file or directory: \(path)"
        case .unreadable(let path): return "cannot read \(path)"
        }
    }
}
