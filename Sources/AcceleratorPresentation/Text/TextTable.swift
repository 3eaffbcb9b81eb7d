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

    /// A table of these headers and rows, 80 columns wide.
    public init(headers: [String], rows: [[String]], width: Int = 80) {
        self.headers = headers
        self.rows = rows
        self.width = width
    }

    /// The table as lines of text: headers, a rule, the rows.
    public func render() -> String {
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], Self.flattened(cell).count)
            }
        }
        let gaps = 2 * (headers.count - 1)
        while widths.reduce(0, +) + gaps > width, let widest = widths.indices.max(by: { widths[$0] < widths[$1] }),
            widths[widest] > 6
        {
            widths[widest] -= 1
        }
        var lines = [line(headers, widths), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        lines += rows.map { line($0, widths) }
        return lines.joined(separator: "\n")
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

/// A stored timestamp to the minute, for tables: `2026-11-28T15:04:10Z` → `2026-11-28 15:04`.
public func minute(_ timestamp: String) -> String {
    String(timestamp.prefix(16)).replacingOccurrences(of: "T", with: " ")
}
