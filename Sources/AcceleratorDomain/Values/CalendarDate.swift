import Foundation

/// A calendar day without time zone.
///
/// Years run from 1000 to 9999, so that every date has a four-digit year and no two-digit year is
/// ever guessed. Dates compare in calendar order.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    /// The year, from 1000 to 9999.
    public let year: Int
    /// The month, from 1 (January) to 12 (December).
    public let month: Int
    /// The day of the month, from 1 to 31.
    public let day: Int

    /// The earliest day a `CalendarDate` can hold: 1000-01-01.
    public static let earliest = CalendarDate(checkedYear: 1000, month: 1, day: 1)
    /// The latest day a `CalendarDate` can hold: 9999-12-31.
    public static let latest = CalendarDate(checkedYear: 9999, month: 12, day: 31)

    /// Creates the date of a day, or returns `nil` when the numbers are not a real day (such as
    /// 2026-02-29) or the year is outside 1000...9999.
    public init?(year: Int, month: Int, day: Int) {
        guard (1000...9999).contains(year), (1...12).contains(month),
            (1...Self.numberOfDays(inMonth: month, ofYear: year)).contains(day)
        else { return nil }
        self.init(checkedYear: year, month: month, day: day)
    }

    /// Creates the date that is the given number of days after 1970-01-01 (negative for before it),
    /// clamped to 1000-01-01...9999-12-31.
    public init(daysSince1970: Int) {
        let clamped = min(max(daysSince1970, Self.earliestDayNumber), Self.latestDayNumber)
        // Howard Hinnant's civil_from_days, exact for the proleptic Gregorian calendar.
        let shifted = clamped + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.init(checkedYear: year, month: month, day: day)
    }

    /// The number of days from 1970-01-01 to this date, negative for earlier dates.
    public var daysSince1970: Int { Self.dayNumber(year: year, month: month, day: day) }

    /// Returns the date the given number of days later (earlier when negative), clamped to
    /// 1000-01-01...9999-12-31.
    public func adding(days: Int) -> CalendarDate {
        let (sum, overflow) = daysSince1970.addingReportingOverflow(days)
        if overflow { return days < 0 ? .earliest : .latest }
        return CalendarDate(daysSince1970: sum)
    }

    /// Reads a date as staff write it in spreadsheets, ignoring any time of day that follows.
    ///
    /// Accepts `2026-03-25`, `2026/03/25`, `25/03/2026`, `25-03-2026`, `25.03.2026`, `5/3/2026`, each
    /// optionally followed by a time (`14:03`, `14:03:11`, `T14:03:11Z`, `14:03:11+01:00`). With
    /// `order: .monthFirst`, `3/25/2026` is read as March 25. Two-digit years are refused.
    public static func parse(_ text: String, order: DateOrder = .dayFirst) throws(ValueError) -> CalendarDate {
        try DateTimeValue.parse(text, order: order).date
    }

    /// The ISO 8601 spelling, as `2026-03-25`.
    public var description: String {
        guard (1000...9999).contains(year) else { return "\(year)-\(Self.twoDigits(month))-\(Self.twoDigits(day))" }
        // Written digit by digit (an import spells two dates per row).
        return String(unsafeUninitializedCapacity: 10) { buffer in
            let zero = UInt8(ascii: "0"), dash = UInt8(ascii: "-")
            buffer[0] = zero + UInt8(year / 1000)
            buffer[1] = zero + UInt8(year / 100 % 10)
            buffer[2] = zero + UInt8(year / 10 % 10)
            buffer[3] = zero + UInt8(year % 10)
            buffer[4] = dash
            buffer[5] = zero + UInt8(month / 10 % 10)
            buffer[6] = zero + UInt8(month % 10)
            buffer[7] = dash
            buffer[8] = zero + UInt8(day / 10 % 10)
            buffer[9] = zero + UInt8(day % 10)
            return 10
        }
    }

    /// The French and Moroccan spelling, as `25/03/2026`.
    public var dayFirstDescription: String {
        "\(Self.twoDigits(day))/\(Self.twoDigits(month))/\(year)"
    }

    /// Today's date in UTC, from the system clock.
    public static func today() -> CalendarDate {
        date(of: Date())
    }

    /// The UTC calendar date of an instant.
    public static func date(of instant: Date) -> CalendarDate {
        let seconds = instant.timeIntervalSince1970
        guard seconds.isFinite else { return seconds < 0 ? .earliest : .latest }
        let days = (seconds / 86_400).rounded(.down)
        // Clamp in floating point first so that converting to Int can never trap.
        let bounded = min(max(days, Double(earliestDayNumber)), Double(latestDayNumber))
        return CalendarDate(daysSince1970: Int(bounded))
    }

    /// The number of whole years elapsed from this date to a later one, counted as birthdays are:
    /// 2018-03-26 → 2026-03-25 is 7, 2018-03-25 → 2026-03-25 is 8. Someone born on February 29 has
    /// a birthday on March 1 in common years. Negative when `later` is earlier than this date.
    public func years(until later: CalendarDate) -> Int {
        if later < self { return -later.years(until: self) }
        var years = later.year - year
        if (later.month, later.day) < (month, day) { years -= 1 }
        return years
    }

    /// Orders dates from the earliest to the latest.
    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Decodes a date from its ISO spelling, as `"2026-03-25"`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = Self.isoDate(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: ValueError.invalidDate(text).description)
        }
        self = date
    }

    /// Encodes the date as its ISO spelling, as `"2026-03-25"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Whether the year has a February 29.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in a month (1...12) of a year; 0 for a month that does not exist.
    public static func numberOfDays(inMonth month: Int, ofYear year: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: return 31
        case 4, 6, 9, 11: return 30
        case 2: return isLeapYear(year) ? 29 : 28
        default: return 0
        }
    }

    // MARK: - Private

    private init(checkedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    private static let earliestDayNumber = dayNumber(year: 1000, month: 1, day: 1)
    private static let latestDayNumber = dayNumber(year: 9999, month: 12, day: 31)

    /// Howard Hinnant's days_from_civil; only called with validated, small numbers.
    private static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Reads exactly `yyyy-MM-dd`, the form `description` writes.
    private static func isoDate(_ text: String) -> CalendarDate? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = DateScanner.number(bytes[0..<4]),
            let month = DateScanner.number(bytes[5..<7]),
            let day = DateScanner.number(bytes[8..<10])
        else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
