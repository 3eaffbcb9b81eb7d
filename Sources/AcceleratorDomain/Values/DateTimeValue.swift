/// A date with an optional time of day, as spreadsheets write a timestamp.
///
/// A time zone offset written after the time (`Z`, `+01:00`) is read and ignored: the wall-clock
/// date and time are kept as written.
public struct DateTimeValue: Hashable, Sendable, CustomStringConvertible {
    /// The calendar day.
    public let date: CalendarDate
    /// The time of day in seconds after midnight (0...86399), or `nil` when only a date was written.
    /// Fractions of a second are dropped.
    public let secondsIntoDay: Int?

    /// Creates a timestamp from a day and an optional time of day in seconds after midnight, or
    /// returns `nil` when the time is outside 0...86399.
    public init?(date: CalendarDate, secondsIntoDay: Int?) {
        if let seconds = secondsIntoDay, !(0..<86_400).contains(seconds) { return nil }
        self.date = date
        self.secondsIntoDay = secondsIntoDay
    }

    /// Reads a date with an optional time, as Excel, Google Sheets and Google Forms write them.
    ///
    /// Accepts ISO dates (`2026-03-25`, `2026/03/25`, `2026-03-25T14:03:11`, `2026-03-25 14:03`,
    /// with an optional `Z` or `+01:00` that is ignored), day-first dates (`25/03/2026`,
    /// `25-03-2026`, `25.03.2026`, `5/3/2026`, optionally followed by `14:03` or `14:03:11`), and
    /// month-first dates (`3/25/2026`, `3/25/2026 2:03:11 PM`) when `order` is `.monthFirst`.
    /// Two-digit years, impossible days such as `31/02/2026`, and anything else are refused.
    public static func parse(_ text: String, order: DateOrder = .dayFirst) throws(ValueError) -> DateTimeValue {
        if let date = plainDate(text, order: order) { return DateTimeValue(date: date) }
        var scanner = DateScanner(text.trimmedValue)
        guard let value = scanner.scanDateTime(order: order) else { throw .invalidDate(text) }
        return value
    }

    private init(date: CalendarDate) {
        self.date = date
        secondsIntoDay = nil
    }

    /// A date of exactly ten ASCII bytes, `2026-03-25` or `25/03/2026` (any of `-` `/` `.`, the
    /// same twice), read in place: nearly every date of a spreadsheet. `nil` for anything else,
    /// which the scanner reads (and refuses when it must).
    private static func plainDate(_ text: String, order: DateOrder) -> CalendarDate? {
        let date = text.utf8.withContiguousStorageIfAvailable { bytes -> CalendarDate? in
            guard bytes.count == 10 else { return nil }
            func number(_ start: Int, _ count: Int) -> Int? {
                var value = 0
                for index in start..<start + count {
                    let digit = bytes[index] &- UInt8(ascii: "0")
                    guard digit <= 9 else { return nil }
                    value = value * 10 + Int(digit)
                }
                return value
            }
            func isSeparator(_ byte: UInt8) -> Bool {
                byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ".")
            }
            if isSeparator(bytes[4]), bytes[7] == bytes[4] {
                guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2) else { return nil }
                return CalendarDate(year: year, month: month, day: day)
            }
            if isSeparator(bytes[2]), bytes[5] == bytes[2] {
                guard let first = number(0, 2), let second = number(3, 2), let year = number(6, 4) else { return nil }
                switch order {
                case .dayFirst: return CalendarDate(year: year, month: second, day: first)
                case .monthFirst: return CalendarDate(year: year, month: first, day: second)
                }
            }
            return nil
        }
        return date ?? nil
    }

    /// The ISO date, followed by the time as `14:03:11` when there is one.
    public var description: String {
        guard let seconds = secondsIntoDay else { return date.description }
        let hours = seconds / 3600, minutes = seconds / 60 % 60, remainder = seconds % 60
        return "\(date) \(pad(hours)):\(pad(minutes)):\(pad(remainder))"
    }

    private func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

/// Reads dates and times from the ASCII bytes of a trimmed text; any white space counts as a space
/// and any other non-ASCII character stops the reading.
struct DateScanner {
    private let bytes: [UInt8]
    private var position = 0

    init(_ text: Substring) {
        if !text.utf8.contains(where: { $0 >= 0x80 }) {
            bytes = Array(text.utf8)
            return
        }
        bytes = text.unicodeScalars.map { scalar in
            if scalar.isASCII { return UInt8(truncatingIfNeeded: scalar.value) }
            return scalar.properties.isWhitespace ? UInt8(ascii: " ") : 0xFF
        }
    }

    /// The value of a run of ASCII digits, or `nil` if any byte is not a digit or the run is empty.
    static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count <= 9 else { return nil }
        var value = 0
        for byte in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    mutating func scanDateTime(order: DateOrder) -> DateTimeValue? {
        guard let date = scanDate(order: order) else { return nil }
        if isAtEnd { return DateTimeValue(date: date, secondsIntoDay: nil) }
        // The time follows a "T" (ISO) or white space.
        if peek == UInt8(ascii: "T") || peek == UInt8(ascii: "t") {
            position += 1
        } else {
            guard skipSpaces() else { return nil }
        }
        guard let seconds = scanTime(), isAtEnd else { return nil }
        return DateTimeValue(date: date, secondsIntoDay: seconds)
    }

    // MARK: - Date

    private mutating func scanDate(order: DateOrder) -> CalendarDate? {
        guard let (first, firstCount) = scanDigits(maximum: 4), let separator = scanDateSeparator(),
            let (second, secondCount) = scanDigits(maximum: 2), secondCount >= 1,
            scan(separator), let (third, thirdCount) = scanDigits(maximum: 4)
        else { return nil }
        if firstCount == 4 {
            // Year first: the ISO order, whatever `order` says.
            guard thirdCount <= 2 else { return nil }
            return CalendarDate(year: first, month: second, day: third)
        }
        // Day-first or month-first: the year must have four digits.
        guard firstCount <= 2, thirdCount == 4 else { return nil }
        switch order {
        case .dayFirst: return CalendarDate(year: third, month: second, day: first)
        case .monthFirst: return CalendarDate(year: third, month: first, day: second)
        }
    }

    private mutating func scanDateSeparator() -> UInt8? {
        guard let byte = peek,
            byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ".")
        else { return nil }
        position += 1
        return byte
    }

    // MARK: - Time

    /// Reads `H:MM`, `H:MM:SS` or `H:MM:SS.fff`, then an optional AM/PM and an optional offset;
    /// returns the seconds after midnight.
    private mutating func scanTime() -> Int? {
        guard var (hour, _) = scanDigits(maximum: 2), scan(UInt8(ascii: ":")),
            let (minute, minuteCount) = scanDigits(maximum: 2), minuteCount == 2
        else { return nil }
        var second = 0
        if scan(UInt8(ascii: ":")) {
            guard let (value, count) = scanDigits(maximum: 2), count == 2 else { return nil }
            second = value
            if scan(UInt8(ascii: ".")) || scan(UInt8(ascii: ",")) {
                guard let (_, fractionCount) = scanDigits(maximum: 9), fractionCount > 0 else { return nil }
            }
        }
        let save = position
        _ = skipSpaces()
        if let isAfternoon = scanMeridiem() {
            guard (1...12).contains(hour) else { return nil }
            hour = hour % 12 + (isAfternoon ? 12 : 0)
        } else {
            position = save
        }
        guard hour <= 23, minute <= 59, second <= 59 else { return nil }
        if !isAtEnd {
            _ = skipSpaces()
            guard scanOffset() else { return nil }
        }
        return hour * 3600 + minute * 60 + second
    }

    /// Reads "AM" or "PM" in any case; returns whether it was PM.
    private mutating func scanMeridiem() -> Bool? {
        guard position + 1 < bytes.count, bytes[position + 1] | 0x20 == UInt8(ascii: "m") else { return nil }
        let letter = bytes[position] | 0x20
        guard letter == UInt8(ascii: "a") || letter == UInt8(ascii: "p") else { return nil }
        position += 2
        return letter == UInt8(ascii: "p")
    }

    /// Reads `Z`, `+01:00`, `+0100` or `+01` (or with `-`); the offset is checked and ignored.
    private mutating func scanOffset() -> Bool {
        if scan(UInt8(ascii: "Z")) || scan(UInt8(ascii: "z")) { return true }
        guard scan(UInt8(ascii: "+")) || scan(UInt8(ascii: "-")),
            let (value, count) = scanDigits(maximum: 4)
        else { return false }
        switch count {
        case 4:
            return value / 100 <= 23 && value % 100 <= 59 && isAtEnd
        case 2:
            guard value <= 23 else { return false }
            if isAtEnd { return true }
            guard scan(UInt8(ascii: ":")), let (minutes, minuteCount) = scanDigits(maximum: 2),
                minuteCount == 2, minutes <= 59
            else { return false }
            return isAtEnd
        default:
            return false
        }
    }

    // MARK: - Bytes

    private var isAtEnd: Bool { position >= bytes.count }
    private var peek: UInt8? { isAtEnd ? nil : bytes[position] }

    private mutating func scan(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        position += 1
        return true
    }

    /// Skips one or more spaces; returns whether there was any.
    private mutating func skipSpaces() -> Bool {
        let start = position
        while peek == UInt8(ascii: " ") { position += 1 }
        return position > start
    }

    /// Reads one to `maximum` digits, refusing a longer run; returns the value and digit count.
    private mutating func scanDigits(maximum: Int) -> (Int, Int)? {
        let start = position
        while let byte = peek, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { position += 1 }
        let count = position - start
        guard count >= 1, count <= maximum, let value = Self.number(bytes[start..<position]) else { return nil }
        return (value, count)
    }
}
