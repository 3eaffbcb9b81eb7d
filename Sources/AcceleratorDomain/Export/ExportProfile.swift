/// How an export writes dates and amounts for the spreadsheet that will open it.
///
/// The delimiter, byte order mark and line ending of each profile are the CSV writer's business;
/// this type decides only what the values look like, so that the import reads them back exactly.
public enum ExportProfile: String, Sendable, CaseIterable, Codable, CustomStringConvertible {
    /// RFC 4180: comma, UTF-8 without BOM, CRLF; ISO dates (`2026-03-25`) and `.` decimals.
    case rfc4180
    /// Excel on a French locale (and LibreOffice): semicolon, UTF-8 with BOM, CRLF; day-first dates
    /// (`25/03/2026`) and decimal commas (`1500000,50`).
    case excelFrench = "excel-fr"

    /// The mark between the units and the decimals of an amount.
    public var decimalSeparator: Character {
        switch self {
        case .rfc4180: "."
        case .excelFrench: ","
        }
    }

    /// A day as this profile writes it.
    public func date(_ date: CalendarDate) -> String {
        switch self {
        case .rfc4180: date.description
        case .excelFrench: date.dayFirstDescription
        }
    }

    /// A stored ISO day (`2026-03-25`, or the day of a timestamp `2026-03-25T10:00:00Z`) as this
    /// profile writes it; text that is not such a day is returned as it is.
    public func date(iso text: String) -> String {
        switch self {
        case .rfc4180:
            return text.utf8.count > 10 ? String(text.prefix(10)) : text
        case .excelFrench:
            let bytes = Array(text.utf8.prefix(10))
            guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return text }
            var out: [UInt8] = []
            out.reserveCapacity(10)
            out.append(contentsOf: bytes[8..<10])
            out.append(UInt8(ascii: "/"))
            out.append(contentsOf: bytes[5..<7])
            out.append(UInt8(ascii: "/"))
            out.append(contentsOf: bytes[0..<4])
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// An amount as a plain number with this profile's decimal mark and no thousands separator
    /// (`1500000.50` or `1500000,50`), so that a spreadsheet reads it as a number; the sign of a
    /// negative amount is kept.
    public func amount(_ money: Money) -> String {
        money.formatted(decimalSeparator: decimalSeparator)
    }

    /// An amount for a column whose currency is implied (`currency`): the plain number when the
    /// amount is in that currency, else the number followed by its ISO code (`1200,00 EUR`), which
    /// the import reads back with its currency.
    public func amount(_ money: Money, impliedCurrency currency: CurrencyCode) -> String {
        let number = amount(money)
        return money.currency == currency ? number : number + " " + money.currency.code
    }

    public var description: String { rawValue }
}
