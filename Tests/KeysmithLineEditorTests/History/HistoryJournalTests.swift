import KeysmithTestSupport
import Testing

@testable import KeysmithLineEditor

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The history file grows by one appended line per entry (its cost per line does not grow with
/// the file), reads back exactly as libedit's own save would, and is rewritten whole only when
/// it passes twice its cap.
@Suite struct HistoryJournalTests {
    static func fileInfo(_ path: String) -> (size: Int, inode: UInt64)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (Int(info.st_size), UInt64(info.st_ino))
    }

    @Test func eachEntryAppendsItsOwnLineAndNothingElse() throws {
        let scratch = try TemporaryDirectory()
        let file = HistoryFile(path: scratch.path + "/history", maxEntries: 100)
        let journal = HistoryJournal(history: EditHistory(maxEntries: file.maxEntries), file: file)
        try journal.load()
        try journal.record("key list")  // no file yet: written whole, with its header
        #expect(journal.rewrites == 1)
        let first = try #require(Self.fileInfo(file.path))
        var expectedSize = first.size
        for line in ["grant list", "key create \"deploy bot\" --expires 30d", "echo a\\b\tc"] {
            try journal.record(line)
            expectedSize += HistoryLineEncoding.encoded(line).count
            let now = try #require(Self.fileInfo(file.path))
            #expect(now.size == expectedSize)
            #expect(now.inode == first.inode)  // appended in place, not replaced by a rename
        }
        #expect(journal.rewrites == 1)
        #expect(Files.mode(file.path) == 0o600)
    }

    @Test func appendedLinesReadBackAsLibEditWroteThem() throws {
        let scratch = try TemporaryDirectory()
        let lines = ["key create \"deploy bot\"", "café au lait", "tab\there", "back\\slash \\040", "  spaces  ", "a\u{7F}b"]
        let appended = HistoryFile(path: scratch.path + "/appended", maxEntries: 100)
        let journal = HistoryJournal(history: EditHistory(maxEntries: 100), file: appended)
        try journal.load()
        for line in lines { try journal.record(line) }
        let saved = HistoryFile(path: scratch.path + "/saved", maxEntries: 100)
        let whole = EditHistory(maxEntries: 100)
        for line in lines { whole.add(line) }
        try whole.save(to: saved)

        let fromAppended = EditHistory(maxEntries: 100)
        try fromAppended.load(from: appended)
        let fromSaved = EditHistory(maxEntries: 100)
        try fromSaved.load(from: saved)
        #expect(fromAppended.entries == lines)
        #expect(fromSaved.entries == lines)
    }

    @Test func aRepeatedLineWritesNothing() throws {
        let scratch = try TemporaryDirectory()
        let file = HistoryFile(path: scratch.path + "/history", maxEntries: 10)
        let journal = HistoryJournal(history: EditHistory(maxEntries: 10), file: file)
        try journal.load()
        try journal.record("key list")
        let size = Self.fileInfo(file.path)?.size
        try journal.record("key list")
        #expect(Self.fileInfo(file.path)?.size == size)
    }

    @Test func theFileIsCompactedOnlyPastTwiceItsCap() throws {
        let scratch = try TemporaryDirectory()
        let file = HistoryFile(path: scratch.path + "/history", maxEntries: 5)
        let journal = HistoryJournal(history: EditHistory(maxEntries: 5), file: file)
        try journal.load()
        for number in 1...10 { try journal.record("line \(number)") }
        #expect(journal.rewrites == 1)  // the first line, which created the file
        #expect(HistoryJournal.countEntries(at: file.path) == 10)
        try journal.record("line 11")
        #expect(journal.rewrites == 2)
        #expect(HistoryJournal.countEntries(at: file.path) == 5)
        let read = EditHistory(maxEntries: 5)
        try read.load(from: file)
        #expect(read.entries == (7...11).map { "line \($0)" })
    }

    @Test func aLoadedFileIsAppendedTo() throws {
        let scratch = try TemporaryDirectory()
        let file = HistoryFile(path: scratch.path + "/history", maxEntries: 10)
        let earlier = EditHistory(maxEntries: 10)
        for line in ["one", "two"] { earlier.add(line) }
        try earlier.save(to: file)
        let inode = Self.fileInfo(file.path)?.inode
        let journal = HistoryJournal(history: EditHistory(maxEntries: 10), file: file)
        try journal.load()
        #expect(journal.entriesInFile == 2)
        try journal.record("three")
        #expect(journal.rewrites == 0)
        #expect(Self.fileInfo(file.path)?.inode == inode)
        let read = EditHistory(maxEntries: 10)
        try read.load(from: file)
        #expect(read.entries == ["one", "two", "three"])
    }
}
