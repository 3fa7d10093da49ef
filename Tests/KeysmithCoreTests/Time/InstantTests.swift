@testable import KeysmithCore
import Testing

@Suite struct InstantTests {
    static let newYear2026: Int64 = 1_767_225_600

    static let forms: [(text: String, seconds: Int64)] = [
        ("2026-01-01T00:00:00Z", 1_767_225_600),
        ("2026-01-01t00:00:00z", 1_767_225_600),
        ("2026-01-01", 1_767_225_600),
        ("2026-01-01T02:00:00+02:00", 1_767_225_600),
        ("2025-12-31T19:00:00-05:00", 1_767_225_600),
        ("2026-01-01T05:30:00+05:30", 1_767_225_600),
        ("2026-01-01T00:00:00.999Z", 1_767_225_600),
        ("2026-01-01T00:00:00.5+00:00", 1_767_225_600),
        ("2026-01-01T12:34:56Z", 1_767_270_896),
        ("2026-01-31", 1_769_817_600),
        ("1970-01-01T00:00:00Z", 0),
        ("1969-12-31T23:59:59Z", -1),
        ("1970-01-01T00:00:00-00:01", 60),
    ]

    @Test(arguments: forms)
    func rfc3339FormsParseToTheRightSecond(_ text: String, _ seconds: Int64) throws {
        #expect(try #require(Instant(parsing: text)).secondsSinceEpoch == seconds)
    }

    @Test(arguments: [
        "2026-02-30", "2026-02-29", "2023-02-29", "1900-02-29", "2026-04-31",
        "2026-13-01", "2026-00-10", "2026-01-00", "2026-01-32",
        "garbage", "", "2026", "2026-1-01", "2026/01/01", "26-01-01",
        "2026-01-01T", "2026-01-01T00:00:00", "2026-01-01T00:00Z", "2026-01-01T24:00:00Z",
        "2026-01-01T00:60:00Z", "2026-01-01T00:00:61Z", "2026-01-01X00:00:00Z",
        "2026-01-01T00:00:00.Z", "2026-01-01T00:00:00+0200", "2026-01-01T00:00:00+24:00",
        "2026-01-01T00:00:00Zjunk", "2026-01-01junk", "２０２６-01-01",
    ])
    func invalidDatesAndTimesAreRejected(_ text: String) {
        #expect(Instant(parsing: text) == nil)
    }

    @Test(arguments: [
        "2024-02-29T12:34:56Z", "2000-02-29T00:00:00Z", "2100-02-28T23:59:59Z", "2100-03-01T00:00:00Z",
        "1970-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "1900-03-01T00:00:00Z", "1600-02-29T06:00:00Z",
        "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-12-31T23:59:59Z",
    ])
    func descriptionRoundTripsThroughParsing(_ text: String) throws {
        let instant = try #require(Instant(parsing: text))
        #expect(instant.description == text)
    }

    @Test func descriptionRoundTripsAcrossCenturiesSecondBySampledSecond() throws {
        // A step that is not a multiple of a day, a year or a 400-year cycle.
        for seconds in stride(from: Int64(-6_000_000_000), through: 8_000_000_000, by: 7_777_777) {
            let instant = Instant(secondsSinceEpoch: seconds)
            #expect(try #require(Instant(parsing: instant.description)) == instant, "\(seconds)")
        }
    }

    @Test func leapDayFollowsTheGregorianRules() {
        #expect(Instant(parsing: "2024-02-29") != nil)
        #expect(Instant(parsing: "2000-02-29") != nil)
        #expect(Instant(parsing: "2100-02-29") == nil)
        #expect(Instant(parsing: "2025-02-29") == nil)
        #expect(Instant(parsing: "2024-03-01")!.secondsSinceEpoch - Instant(parsing: "2024-02-28")!.secondsSinceEpoch == 2 * 86_400)
    }

    @Test func leapSecondIsHeldAtTheLastSecondOfTheMinute() {
        #expect(Instant(parsing: "2016-12-31T23:59:60Z") == Instant(parsing: "2016-12-31T23:59:59Z"))
    }

    @Test func dateDescriptionIsTheDayOnly() {
        #expect(Instant(parsing: "2026-07-04T18:00:00Z")!.dateDescription == "2026-07-04")
    }

    @Test func addingADurationMovesForwardBySeconds() {
        let start = Instant(secondsSinceEpoch: Self.newYear2026)
        #expect((start + KeyDuration(seconds: 86_400)).description == "2026-01-02T00:00:00Z")
    }

    @Test func instantsOrderByTime() {
        #expect(Instant(parsing: "1969-12-31")! < Instant(parsing: "1970-01-01")!)
        #expect(Instant(parsing: "2026-01-01T00:00:01Z")! > Instant(parsing: "2026-01-01")!)
    }
}
