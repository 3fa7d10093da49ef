import Testing

@testable import KeysmithLineEditor

@Suite struct CompletionActionTests {
    @Test(
        arguments: [
            // line before cursor, candidates, replacing, expected
            ("key cre", ["create"], 3, CompletionAction.edit(deletingScalars: 0, inserting: "ate ")),
            ("cd pa", ["path/"], 2, .edit(deletingScalars: 0, inserting: "th/")),
            ("grant a,", ["a,"], 2, .edit(deletingScalars: 0, inserting: "")),
            ("set na", ["name="], 2, .edit(deletingScalars: 0, inserting: "me=")),
            ("ca", ["café"], 2, .edit(deletingScalars: 0, inserting: "fé ")),
            ("KEY", ["key"], 3, .edit(deletingScalars: 3, inserting: "key ")),
            ("k", ["key", "keys"], 1, .edit(deletingScalars: 0, inserting: "ey")),
            ("key", ["key", "keys"], 3, .list(["key", "keys"])),
            ("", ["a", "b"], 0, .list(["a", "b"])),
            ("zz", [], 2, .beep),
            ("gr", ["grant", "grant"], 2, .edit(deletingScalars: 0, inserting: "ant ")),
        ] as [(String, [String], Int, CompletionAction)])
    func tabFollowsTheCandidates(before: String, candidates: [String], replacing: Int, expected: CompletionAction) {
        let result = CompletionResult(candidates: candidates, replacing: replacing)
        #expect(CompletionAction(lineBeforeCursor: before, result: result) == expected)
    }

    @Test func replacingMoreThanTheLineIsClampedToTheLine() {
        let action = CompletionAction(lineBeforeCursor: "ke", result: CompletionResult(candidates: ["key"], replacing: 9))
        #expect(action == .edit(deletingScalars: 0, inserting: "y "))
    }

    @Test func longestCommonPrefixStopsAtTheFirstDifference() {
        #expect(CompletionAction.longestCommonPrefix(["grant", "grants", "gravel"]) == "gra")
        #expect(CompletionAction.longestCommonPrefix(["café", "cafés"]) == "café")
        #expect(CompletionAction.longestCommonPrefix(["a", "b"]) == "")
    }
}

@Suite struct CandidateColumnsTests {
    @Test func candidatesFillColumnsTopToBottom() {
        let lines = CandidateColumns.lines(["a", "bb", "ccc", "d", "e"], width: 12)
        #expect(lines == ["a    d", "bb   e", "ccc"])
    }

    @Test func aNarrowTerminalGetsOneCandidatePerLine() {
        #expect(CandidateColumns.lines(["create", "delete"], width: 5) == ["create", "delete"])
    }

    @Test func candidatesThatFitShareOneLine() {
        #expect(CandidateColumns.lines(["key", "keys"], width: 80) == ["key   keys"])
    }
}
