import Testing

@testable import KeysmithCore

@Suite struct InstantTests {
    static let newYear2026: Int64 = 1_767_225_600

    static let forms: [(text: String, seconds: Int64)] = [
        ("2026-01-01T00:00:00Z", 1_767_225_600),
        ("2026-01-01t00:00:00z", 1_767_225_600),
        ("2026-01-01", 1_767_225_600),
        ("2026-01-01T02:00:00+02:00", 1_767_225_600),
        ("2025-12-31T19:00:00-05:00", 1_767_225_600),
        ("2026-01-01T05:30:00+05:30", 1_767_225_600),
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

    /// keysmith keeps whole seconds: a fraction or a leap second is an error that says so,
    /// never silently changed into another instant.
    @Test(arguments: [
        ("2026-01-01T00:00:00.5Z", "fractions of a second are not supported"),
        ("2026-01-01T00:00:00.999+00:00", "fractions of a second are not supported"),
        ("2016-12-31T23:59:60Z", "leap seconds (:60) are not supported"),
        ("2026-02-30", "month 2 of 2026 has no day 30"),
        ("2026-13-01", "there is no month 13"),
        ("2026-01-01T24:00:00Z", "is not a time of day"),
        ("garbage", "use RFC 3339"),
    ])
    func instantsThatCannotBeKeptSayWhy(_ text: String, _ reason: String) {
        #expect(throws: KeysmithError.self) { try Instant(validating: text) }
        do {
            _ = try Instant(validating: text)
        } catch {
            #expect(error.description.contains(reason), "\(error)")
            #expect(error.description.contains(text))
        }
    }

    /// What `clock` prints, `clock set` accepts: every instant in the kept range round-trips,
    /// and arithmetic past its end is an error, never a wrap into year −292277021281.
    @Test func theKeptRangeRoundTripsAndArithmeticPastItIsAnError() throws {
        #expect(Instant.latest.description == "9999-12-31T23:59:59Z")
        #expect(Instant.earliest.description == "0001-01-01T00:00:00Z")
        #expect(throws: KeysmithError.self) { try Instant(validating: "0000-12-31T23:59:59Z") }
        #expect(throws: KeysmithError.self) { try Instant(validating: "0000-06-01") }  // found by fuzzing
        #expect(try Instant(validating: Instant.latest.description) == Instant.latest)
        #expect(try Instant(validating: Instant.earliest.description) == Instant.earliest)
        #expect(throws: KeysmithError.self) { try Instant.latest.adding(KeyDuration(seconds: 1)) }
        #expect(throws: KeysmithError.self) {
            try Instant(secondsSinceEpoch: Self.newYear2026).adding(KeyDuration(seconds: Int64.max))
        }
        #expect(Instant(secondsSinceEpoch: Int64.min).description.contains("seconds since 1970"))
        #expect(Instant(secondsSinceEpoch: Int64.max).description.contains("seconds since 1970"))
    }

    @Test func dateDescriptionIsTheDayOnly() {
        #expect(Instant(parsing: "2026-07-04T18:00:00Z")!.dateDescription == "2026-07-04")
    }

    @Test func addingADurationMovesForwardBySeconds() throws {
        let start = Instant(secondsSinceEpoch: Self.newYear2026)
        #expect(try start.adding(KeyDuration(seconds: 86_400)).description == "2026-01-02T00:00:00Z")
    }

    @Test func instantsOrderByTime() {
        #expect(Instant(parsing: "1969-12-31")! < Instant(parsing: "1970-01-01")!)
        #expect(Instant(parsing: "2026-01-01T00:00:01Z")! > Instant(parsing: "2026-01-01")!)
    }
}
