import Foundation

/// A plain-text table that fits an 80-column terminal: the widest columns are cut with “…”
/// until the row fits.
public struct TextTable: Sendable {
    /// The column headers.
    public var headers: [String]
    /// The rows, one cell per column.
    public var rows: [[String]]
    /// The width to fit.
    public var width = 80
    /// The column whose text wraps onto further lines instead of being cut (a note, a file name).
    public var wrapping: Int?

    /// A table of these headers and rows, 80 columns wide; the `wrapping` column's text wraps.
    public init(headers: [String], rows: [[String]], width: Int = 80, wrapping: Int? = nil) {
        self.headers = headers
        self.rows = rows
        self.width = width
        self.wrapping = wrapping
    }

    /// The narrowest the wrapping column is made before the other columns are cut.
    static let narrowestWrapping = 20

    /// The table as lines of text: headers, a rule, the rows.
    public func render() -> String {
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], Self.flattened(cell).count)
            }
        }
        let gaps = 2 * (headers.count - 1)
        if let wrapping, wrapping < widths.count {
            let others = widths.reduce(0, +) - widths[wrapping] + gaps
            widths[wrapping] = max(min(widths[wrapping], width - others), min(widths[wrapping], Self.narrowestWrapping))
        }
        while widths.reduce(0, +) + gaps > width, let widest = widths.indices.max(by: { widths[$0] < widths[$1] }),
            widths[widest] > 6
        {
            widths[widest] -= 1
        }
        var lines = [line(headers, widths), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        for row in rows {
            guard let wrapping, wrapping < widths.count, wrapping < row.count,
                Self.flattened(row[wrapping]).count > widths[wrapping]
            else {
                lines.append(line(row, widths))
                continue
            }
            for (index, part) in Self.wrapped(Self.flattened(row[wrapping]), width: widths[wrapping]).enumerated() {
                var cells = index == 0 ? row : [String](repeating: "", count: row.count)
                cells[wrapping] = part
                lines.append(line(cells, widths))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The text in lines of at most `width` characters, broken after spaces where it can be.
    static func wrapped(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var rest = Substring(text)
        while rest.count > width {
            let window = rest.prefix(width + 1)
            let cut = window.lastIndex(of: " ").flatMap { $0 > rest.startIndex ? $0 : nil } ?? rest.index(rest.startIndex, offsetBy: width)
            lines.append(String(rest[..<cut]).trimmingCharacters(in: .whitespaces))
            rest = rest[cut...].drop { $0 == " " }
        }
        if !rest.isEmpty || lines.isEmpty { lines.append(String(rest)) }
        return lines
    }

    private func line(_ cells: [String], _ widths: [Int]) -> String {
        var parts: [String] = []
        for (index, width) in widths.enumerated() {
            var cell = index < cells.count ? Self.flattened(cells[index]) : ""
            if cell.count > width { cell = String(cell.prefix(width - 1)) + "…" }
            parts.append(index == widths.count - 1 ? cell : cell + String(repeating: " ", count: max(0, width - cell.count)))
        }
        let joined = parts.joined(separator: "  ")
        return String(joined.reversed().drop(while: { $0 == " " }).reversed())
    }

    /// Line breaks inside a cell would break the table.
    private static func flattened(_ cell: String) -> String {
        cell.contains(where: \.isNewline) ? cell.split(whereSeparator: \.isNewline).joined(separator: " ") : cell
    }
}

/// A stored timestamp (UTC) to the minute in the zone times are shown in (`DisplayTime`), for
/// tables: `2026-11-28T15:04:10Z` → `2026-11-28 15:04`, or `2026-11-28 16:04` with
/// `TZ=Africa/Casablanca`.
public func minute(_ timestamp: String) -> String {
    let utc = String(timestamp.prefix(16)).replacingOccurrences(of: "T", with: " ")
    guard let zone = DisplayTime.zone else { return utc }
    let digits = timestamp.split { !$0.isNumber }.prefix(5).compactMap { Int($0) }
    guard digits.count == 5 else { return utc }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    guard let date = calendar.date(from: DateComponents(
        year: digits[0], month: digits[1], day: digits[2], hour: digits[3], minute: digits[4]))
    else { return utc }
    calendar.timeZone = zone
    let local = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
    func two(_ value: Int?) -> String { value.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
    return "\(local.year ?? 0)-\(two(local.month))-\(two(local.day)) \(two(local.hour)):\(two(local.minute))"
}

/// The zone the tables show times in: the one `TZ` names when Foundation knows it and it is not
/// UTC, else UTC (stored times are UTC; `--format json` keeps them so).
public enum DisplayTime {
    /// The zone, `nil` for UTC (or a zone that never differs from it).
    public static let zone: TimeZone? = {
        guard let name = ProcessInfo.processInfo.environment["TZ"]?.trimmingCharacters(in: .whitespaces), !name.isEmpty,
            let zone = TimeZone(identifier: name.hasPrefix(":") ? String(name.dropFirst()) : name),
            zone.secondsFromGMT() != 0 || zone.nextDaylightSavingTimeTransition != nil
        else { return nil }
        return zone
    }()

    /// The zone's name for a column's header: `UTC`, or `TZ`'s zone, short (`GMT+1`).
    public static var label: String { zone.map { $0.abbreviation() ?? $0.identifier } ?? "UTC" }

    /// A time column's header: `time (UTC)`.
    public static func header(_ name: String) -> String { "\(name) (\(label))" }
}
