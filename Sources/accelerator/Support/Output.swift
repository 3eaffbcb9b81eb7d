import AcceleratorCSV
import Foundation

/// Prints a value as indented JSON with sorted keys.
func printJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(value)
    print(String(decoding: data, as: UTF8.self))
}

/// A plain-text table that fits an 80-column terminal: the widest columns are cut with “…”
/// until the row fits.
struct TextTable {
    var headers: [String]
    var rows: [[String]]
    var width = 80

    func render() -> String {
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
func minute(_ timestamp: String) -> String {
    String(timestamp.prefix(16)).replacingOccurrences(of: "T", with: " ")
}
