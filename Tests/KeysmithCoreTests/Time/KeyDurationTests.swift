import Testing

@testable import KeysmithCore

@Suite struct KeyDurationTests {
    @Test(arguments: [
        ("90s", Int64(90)),
        ("15m", 900),
        ("12h", 43_200),
        ("30d", 2_592_000),
        ("2w", 1_209_600),
        ("1d12h", 129_600),
        ("12h1d", 129_600),
        ("1w1d1h1m1s", 694_861),
        ("0d1s", 1),
        ("007m", 420),
    ])
    func durationsParseToSeconds(_ text: String, _ seconds: Int64) throws {
        #expect(try #require(KeyDuration(parsing: text)).seconds == seconds)
    }

    @Test(arguments: [
        "30x", "0s", "0d0h", "", "d", "-1d", "+1d", "1.5d", "10", "1d2", "1d 2h", " 1d", "1D", "1y",
        "３d", "99999999999999999999s", "9999999999999999w", "1000000w",
    ])
    func nonDurationsAreRejected(_ text: String) {
        #expect(KeyDuration(parsing: text) == nil)
    }

    /// `0s`, `99999999999d`, `5000000d`: each refused with the reason, not just "bad duration".
    @Test(arguments: [
        ("0s", "must be positive"),
        ("0d0h", "must be positive"),
        ("99999999999d", "longer than the longest duration"),
        ("5000000d", "longer than the longest duration"),
        ("99999999999999999999s", "longer than the longest duration"),
        ("10", "has no unit"),
        ("d", "needs a number before it"),
        ("1y", "use a positive number with a unit"),
    ])
    func rejectedDurationsSayWhy(_ text: String, _ reason: String) {
        do {
            _ = try KeyDuration(validating: text)
            Issue.record("\(text) parsed")
        } catch {
            #expect(error.description.contains(reason), "\(error)")
        }
    }

    static let rough: [(Int64, String)] = [
        (2_591_999, "30d"), (183_659, "2d3h"), (300, "5m"), (59, "59s"), (5_371, "1h30m"), (0, "0s"),
        (86_399, "1d"), (86_370, "1d"), (86_369, "23h59m"), (3_599, "59m59s"),
    ]

    @Test(arguments: rough)
    func roughDescriptionRoundsToTwoUnits(_ seconds: Int64, _ text: String) {
        #expect(KeyDuration(seconds: seconds).roughDescription == text)
    }

    @Test func theLongestDurationIsAccepted() throws {
        #expect(try KeyDuration(validating: "3650000d") == KeyDuration.longest)
    }

    @Test(arguments: [
        (Int64(90), "1m30s"),
        (129_600, "1d12h"),
        (1_209_600, "14d"),
        (1, "1s"),
        (694_861, "8d1h1m1s"),
    ])
    func descriptionIsTheShortestCombinedForm(_ seconds: Int64, _ text: String) throws {
        let duration = KeyDuration(seconds: seconds)
        #expect(duration.description == text)
        #expect(try #require(KeyDuration(parsing: text)) == duration)
    }
}
