import Foundation
import Testing

@testable import AcceleratorDomain

/// A date spelling and the day it means.
struct DateCase: Sendable, CustomTestStringConvertible {
    let text: String
    let order: DateOrder
    let year: Int, month: Int, day: Int
    let secondsIntoDay: Int?

    init(_ text: String, _ year: Int, _ month: Int, _ day: Int, seconds: Int? = nil) {
        self.init(text, .dayFirst, year, month, day, seconds: seconds)
    }

    init(_ text: String, _ order: DateOrder, _ year: Int, _ month: Int, _ day: Int, seconds: Int? = nil) {
        self.text = text
        self.order = order
        (self.year, self.month, self.day) = (year, month, day)
        secondsIntoDay = seconds
    }

    var testDescription: String { "“\(text)” (\(order.rawValue))" }
}

@Suite("Calendar dates")
struct ValuesDateTests {
    static let accepted: [DateCase] = [
        DateCase("2026-03-25", 2026, 3, 25),
        DateCase("2026/03/25", 2026, 3, 25),
        DateCase("  2026-03-25 \n", 2026, 3, 25),
        DateCase("2026-03-25T14:03:11", 2026, 3, 25, seconds: 50_591),
        DateCase("2026-03-25T14:03:11Z", 2026, 3, 25, seconds: 50_591),
        DateCase("2026-03-25T14:03:11+01:00", 2026, 3, 25, seconds: 50_591),
        DateCase("2026-03-25T23:30:00-05:00", 2026, 3, 25, seconds: 84_600),
        DateCase("2026-03-25T14:03:11.250Z", 2026, 3, 25, seconds: 50_591),
        DateCase("2026-03-25 14:03", 2026, 3, 25, seconds: 50_580),
        DateCase("2026-03-25 14:03 +0100", 2026, 3, 25, seconds: 50_580),
        DateCase("25/03/2026", 2026, 3, 25),
        DateCase("25-03-2026", 2026, 3, 25),
        DateCase("25.03.2026", 2026, 3, 25),
        DateCase("5/3/2026", 2026, 3, 5),
        DateCase("05/03/2026", 2026, 3, 5),
        DateCase("25/03/2026 14:03:11", 2026, 3, 25, seconds: 50_591),
        DateCase("25/03/2026 14:03", 2026, 3, 25, seconds: 50_580),
        DateCase("25/03/2026\u{00A0}9:05", 2026, 3, 25, seconds: 32_700),
        DateCase("1/1/2026 0:00:00", 2026, 1, 1, seconds: 0),
        DateCase("3/25/2026", .monthFirst, 2026, 3, 25),
        DateCase("3/5/2026", .monthFirst, 2026, 3, 5),
        DateCase("3/25/2026 2:03:11 PM", .monthFirst, 2026, 3, 25, seconds: 50_591),
        DateCase("3/25/2026 12:15 am", .monthFirst, 2026, 3, 25, seconds: 900),
        DateCase("2026-03-25", .monthFirst, 2026, 3, 25),
        DateCase("29/02/2024", 2024, 2, 29),
        DateCase("2000-02-29", 2000, 2, 29),
        DateCase("31/12/9999", 9999, 12, 31),
        DateCase("01/01/1000", 1000, 1, 1),
    ]

    @Test("Accepted spellings are read as the day (and time) they mean", arguments: accepted)
    func acceptedSpelling(_ example: DateCase) throws {
        let value = try DateTimeValue.parse(example.text, order: example.order)
        #expect(value.date == CalendarDate(year: example.year, month: example.month, day: example.day))
        #expect(value.secondsIntoDay == example.secondsIntoDay)
        #expect(try CalendarDate.parse(example.text, order: example.order) == value.date)
    }

    static let refused: [(String, DateOrder)] = [
        ("31/02/2026", .dayFirst), ("2026-13-01", .dayFirst), ("", .dayFirst), ("   ", .dayFirst),
        ("25/03/26", .dayFirst), ("3/25/26", .monthFirst), ("3/25/2026", .dayFirst),
        ("25/03/2026", .monthFirst), ("2026-02-29", .dayFirst), ("29/02/2100", .dayFirst),
        ("29/02/1900", .dayFirst), ("2026-00-10", .dayFirst), ("2026-04-31", .dayFirst),
        ("00/03/2026", .dayFirst), ("25/03/0999", .dayFirst), ("0999-03-25", .dayFirst),
        ("25/03/10000", .dayFirst), ("2026-03-25T", .dayFirst), ("2026-03-25T24:00", .dayFirst),
        ("25/03/2026 14:60", .dayFirst), ("25/03/2026 14:03:61", .dayFirst), ("25/03/2026 14h03", .dayFirst),
        ("25/03/2026 14:3", .dayFirst), ("25/03/2026 13:00 PM", .dayFirst), ("2026-03-25+01:00", .dayFirst),
        ("2026-03-25 14:03 +25:00", .dayFirst), ("2026-03-25 14:03 +01:0", .dayFirst), ("2026-03-25T14:03+1", .dayFirst),
        ("2026-03-25T14:03+01:00Z", .dayFirst), ("25/03-2026", .dayFirst), ("2026-03/25", .dayFirst),
        ("25 mars 2026", .dayFirst), ("March 25, 2026", .monthFirst), ("hier", .dayFirst),
        ("46106", .dayFirst), ("20260325", .dayFirst), ("2026-03-25 extra", .dayFirst),
        ("٢٠٢٦-٠٣-٢٥", .dayFirst), ("123/03/2026", .dayFirst), ("2026-003-25", .dayFirst),
        ("99999999999999999999/03/2026", .dayFirst),
    ]

    @Test("Impossible days, two-digit years and other spellings are refused with the text as given", arguments: refused)
    func refusedSpelling(_ text: String, _ order: DateOrder) {
        #expect(throws: ValueError.invalidDate(text)) { try CalendarDate.parse(text, order: order) }
        #expect(throws: ValueError.invalidDate(text)) { try DateTimeValue.parse(text, order: order) }
    }

    @Test("The refusal message names the text and shows the accepted forms")
    func refusalMessage() {
        #expect(ValueError.invalidDate("31/02/2026").description
            == "“31/02/2026” is not a date: write it as 2026-03-25 or 25/03/2026")
        #expect(ValueError.invalidDate("").description.hasPrefix("An empty value is not a date"))
    }

    @Test("Leap years follow the Gregorian rule", arguments: [
        (2024, true), (2026, false), (2000, true), (1900, false), (2100, false), (2400, true), (1600, true),
    ])
    func leapYears(_ year: Int, _ isLeap: Bool) {
        #expect(CalendarDate.isLeapYear(year) == isLeap)
        #expect((CalendarDate(year: year, month: 2, day: 29) != nil) == isLeap)
        #expect(CalendarDate(year: year, month: 2, day: 28) != nil)
        #expect(CalendarDate(year: year, month: 2, day: 30) == nil)
    }

    @Test("Components outside real days or the year range give no date", arguments: [
        (2026, 4, 31), (2026, 0, 1), (2026, 13, 1), (2026, 1, 0), (2026, 1, 32), (999, 1, 1), (10_000, 1, 1),
        (Int.max, Int.max, Int.max), (Int.min, 1, 1),
    ])
    func invalidComponents(_ year: Int, _ month: Int, _ day: Int) {
        #expect(CalendarDate(year: year, month: month, day: day) == nil)
    }

    @Test("Known days have the right number of days since 1970", arguments: [
        (1970, 1, 1, 0), (1969, 12, 31, -1), (2000, 3, 1, 11_017), (2026, 3, 25, 20_537),
        (1000, 1, 1, -354_285), (9999, 12, 31, 2_932_896),
    ])
    func knownDayNumbers(_ year: Int, _ month: Int, _ day: Int, _ number: Int) throws {
        let date = try #require(CalendarDate(year: year, month: month, day: day))
        #expect(date.daysSince1970 == number)
        #expect(CalendarDate(daysSince1970: number) == date)
    }

    @Test("Every day from 1900 to 2100 round-trips through daysSince1970 and follows the previous one")
    func roundTripThroughDayNumbers() throws {
        var previous = try #require(CalendarDate(year: 1899, month: 12, day: 31))
        for number in previous.daysSince1970 + 1...(try #require(CalendarDate(year: 2100, month: 12, day: 31))).daysSince1970 {
            let date = CalendarDate(daysSince1970: number)
            #expect(date.daysSince1970 == number)
            #expect(CalendarDate(year: date.year, month: date.month, day: date.day) == date)
            #expect(previous < date)
            #expect(previous.adding(days: 1) == date)
            previous = date
        }
    }

    @Test("Day numbers across the whole range round-trip")
    func roundTripAcrossRange() {
        for number in stride(from: -354_285, through: 2_932_896, by: 997) {
            #expect(CalendarDate(daysSince1970: number).daysSince1970 == number)
        }
    }

    @Test("Day numbers and additions beyond the range are clamped instead of crashing")
    func clamping() throws {
        let earliest = try #require(CalendarDate(year: 1000, month: 1, day: 1))
        let latest = try #require(CalendarDate(year: 9999, month: 12, day: 31))
        #expect(CalendarDate(daysSince1970: Int.max) == latest)
        #expect(CalendarDate(daysSince1970: Int.min) == earliest)
        #expect(latest.adding(days: Int.max) == latest)
        #expect(earliest.adding(days: Int.min) == earliest)
        #expect(CalendarDate.earliest == earliest)
        #expect(CalendarDate.latest == latest)
    }

    @Test("Adding days crosses months, years and leap days")
    func addingDays() throws {
        let date = try CalendarDate.parse("2024-02-28")
        #expect(date.adding(days: 1).description == "2024-02-29")
        #expect(date.adding(days: 2).description == "2024-03-01")
        #expect(date.adding(days: 366).description == "2025-02-28")
        #expect(date.adding(days: -59).description == "2023-12-31")
    }

    @Test("Whole years are counted as birthdays are", arguments: [
        ("2018-03-26", "2026-03-25", 7), ("2018-03-25", "2026-03-25", 8), ("2026-03-25", "2026-03-25", 0),
        ("2025-03-26", "2026-03-25", 0), ("2020-02-29", "2021-02-28", 0), ("2020-02-29", "2021-03-01", 1),
        ("2020-02-29", "2024-02-29", 4), ("1990-12-31", "2026-01-01", 35), ("2026-03-25", "2018-03-26", -7),
    ])
    func wholeYears(_ start: String, _ end: String, _ years: Int) throws {
        #expect(try CalendarDate.parse(start).years(until: CalendarDate.parse(end)) == years)
    }

    @Test("Dates are written in ISO and day-first forms")
    func descriptions() throws {
        let date = try #require(CalendarDate(year: 2026, month: 3, day: 5))
        #expect(date.description == "2026-03-05")
        #expect(date.dayFirstDescription == "05/03/2026")
        #expect(try DateTimeValue.parse("5/3/2026 9:05").description == "2026-03-05 09:05:00")
        #expect(try DateTimeValue.parse("5/3/2026").description == "2026-03-05")
    }

    @Test("Dates encode as their ISO string and decode only from it")
    func codable() throws {
        let date = try #require(CalendarDate(year: 2026, month: 3, day: 25))
        let data = try JSONEncoder().encode([date])
        #expect(String(decoding: data, as: UTF8.self) == #"["2026-03-25"]"#)
        #expect(try JSONDecoder().decode([CalendarDate].self, from: data) == [date])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CalendarDate].self, from: Data(#"["25/03/2026"]"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CalendarDate].self, from: Data(#"["2026-02-30"]"#.utf8))
        }
    }

    @Test("Today is a plausible UTC day and matches the system clock")
    func today() {
        let today = CalendarDate.today()
        #expect(today.year >= 2025)
        #expect(today.daysSince1970 == Int((Date().timeIntervalSince1970 / 86_400).rounded(.down)))
        #expect(CalendarDate.date(of: Date(timeIntervalSince1970: 0)).description == "1970-01-01")
        #expect(CalendarDate.date(of: Date(timeIntervalSince1970: -1)).description == "1969-12-31")
        #expect(CalendarDate.date(of: Date(timeIntervalSince1970: 1e15)) == .latest)
    }

    @Test("Date orders are named for the rules file")
    func dateOrderNames() {
        #expect(DateOrder.allCases.map(\.rawValue) == ["day-first", "month-first"])
    }

    @Test("A timestamp rejects a time of day outside the day")
    func timestampRange() throws {
        let date = try #require(CalendarDate(year: 2026, month: 3, day: 25))
        #expect(DateTimeValue(date: date, secondsIntoDay: 86_400) == nil)
        #expect(DateTimeValue(date: date, secondsIntoDay: -1) == nil)
        #expect(DateTimeValue(date: date, secondsIntoDay: nil)?.secondsIntoDay == nil)
    }
}
