import KeysmithTestSupport
import Testing

@testable import KeysmithLineEditor

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite struct HistoryFileTests {
    @Test func savedFileIsPrivateAndItsNewDirectoriesToo() throws {
        let scratch = try TemporaryDirectory()
        let file = HistoryFile(path: scratch.path + "/state/keysmith/history")
        let history = EditHistory(maxEntries: file.maxEntries)
        history.add("key list")
        try history.save(to: file)
        #expect(Files.mode(file.path) == 0o600)
        #expect(Files.mode(scratch.path + "/state/keysmith") == 0o700)
        #expect(Files.mode(scratch.path + "/state") == 0o700)
    }

    @Test func savingRepairsAFileThatWasReadableByOthers() throws {
        let scratch = try TemporaryDirectory()
        let file = HistoryFile(path: scratch.path + "/history")
        let history = EditHistory(maxEntries: file.maxEntries)
        history.add("one")
        try history.save(to: file)
        chmod(file.path, 0o644)
        history.add("two")
        try history.save(to: file)
        #expect(Files.mode(file.path) == 0o600)
    }

    @Test func entriesSurviveASaveAndALoad() throws {
        let scratch = try TemporaryDirectory()
        let file = HistoryFile(path: scratch.path + "/history")
        let written = EditHistory(maxEntries: file.maxEntries)
        for line in ["key create \"deploy bot\"", "grant list", "café au lait"] { written.add(line) }
        try written.save(to: file)
        let read = EditHistory(maxEntries: file.maxEntries)
        try read.load(from: file)
        #expect(read.entries == ["key create \"deploy bot\"", "grant list", "café au lait"])
    }

    @Test func capKeepsTheNewestEntries() throws {
        let scratch = try TemporaryDirectory()
        let file = HistoryFile(path: scratch.path + "/history")
        #expect(file.maxEntries == 1000)
        let history = EditHistory(maxEntries: file.maxEntries)
        for number in 1...1200 { history.add("line \(number)") }
        #expect(history.entries.count == 1000)
        try history.save(to: file)
        let read = EditHistory(maxEntries: file.maxEntries)
        try read.load(from: file)
        #expect(read.entries.count == 1000)
        #expect(read.entries.first == "line 201")
        #expect(read.entries.last == "line 1200")
    }

    @Test func loadingAnOversizedFileKeepsTheNewestEntries() throws {
        let scratch = try TemporaryDirectory()
        let big = HistoryFile(path: scratch.path + "/history", maxEntries: 50)
        let written = EditHistory(maxEntries: big.maxEntries)
        for number in 1...50 { written.add("line \(number)") }
        try written.save(to: big)
        let small = EditHistory(maxEntries: 10)
        try small.load(from: big)
        #expect(small.entries == (41...50).map { "line \($0)" })
    }

    @Test func duplicateOfThePreviousEntryIsDropped() {
        let history = EditHistory(maxEntries: 1000)
        for line in ["a", "a", "b", "a", "a"] { history.add(line) }
        #expect(history.entries == ["a", "b", "a"])
    }

    @Test func missingFileLoadsAsEmptyHistory() throws {
        let history = EditHistory(maxEntries: 10)
        try history.load(from: HistoryFile(path: "/nonexistent/keysmith/history"))
        #expect(history.entries.isEmpty)
    }

    @Test func unwritableDirectoryIsReportedWithItsPath() {
        let history = EditHistory(maxEntries: 10)
        history.add("x")
        let file = HistoryFile(path: "/proc/keysmith-cannot/history")
        #expect(throws: LineEditorError.self) { try history.save(to: file) }
    }

    @Test(
        arguments: [
            (["XDG_STATE_HOME": "/state", "HOME": "/home/ada"], "/state/keysmith/history"),
            (["HOME": "/home/ada"], "/home/ada/.local/state/keysmith/history"),
            (["XDG_STATE_HOME": "relative", "HOME": "/home/ada"], "/home/ada/.local/state/keysmith/history"),
            ([:], nil),
        ] as [([String: String], String?)])
    func defaultPathFollowsXDGStateHome(environment: [String: String], expected: String?) {
        #expect(HistoryFile.defaultPath(environment: environment) == expected)
    }
}
