import Testing

@testable import KeysmithCore

@Suite struct SuggestionsTests {
    @Test(arguments: [
        ("DocumentReadOnly", ["DocumentReadonly", "DocumentEdit"], "DocumentReadonly"),
        ("documentreadonly", ["DocumentReadonly", "DocumentEdit", "User"], "DocumentReadonly"),
        ("GTE", ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"], "GET"),
        ("POTS", ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"], "POST"),
        ("kye", ["key", "clock", "user"], "key"),
        ("FolderEidt", ["FolderEdit", "FolderReadonly"], "FolderEdit"),
    ])
    func closeTyposGetASuggestion(_ input: String, _ candidates: [String], _ expected: String) {
        #expect(Suggestions.closest(to: input, in: candidates) == expected)
    }

    @Test(arguments: [
        ("Banana", ["DocumentReadonly", "User"]),
        ("x", ["GET", "PUT"]),
        ("BREW", ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]),
        ("anything", []),
    ])
    func distantInputGetsNoSuggestion(_ input: String, _ candidates: [String]) {
        #expect(Suggestions.closest(to: input, in: candidates) == nil)
    }
}
