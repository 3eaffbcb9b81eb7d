@testable import AcceleratorPresentation
import Testing

@Suite("text tables")
struct TextTableTests {
    @Test(
        "a text wraps after spaces, and a word longer than the width is cut",
        arguments: [
            ("voided (entered in error): Saisie en double", 20, ["voided (entered in", "error): Saisie en", "double"]),
            ("short", 20, ["short"]),
            ("applicants-2026-A-final-version.csv", 12, ["applicants-2", "026-A-final-", "version.csv"]),
            ("", 10, [""]),
        ])
    func wrapped(text: String, width: Int, expected: [String]) {
        #expect(TextTable.wrapped(text, width: width) == expected)
        #expect(TextTable.wrapped(text, width: width).allSatisfy { $0.count <= width })
    }

    @Test("the wrapping column continues on further lines, within 80 columns, and nothing is cut")
    func wrappingColumn() {
        let note = "voided (entered in error): the same startup was typed twice by the committee in March"
        let table = TextTable(
            headers: ["time", "cohort", "note"], rows: [["2026-10-01 12:00", "2026-A", note], ["2026-10-02 09:00", "2026-B", "ok"]],
            wrapping: 2
        ).render()
        let lines = table.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { $0.count <= 80 })
        #expect(lines.count == 5)
        #expect(lines[2].hasPrefix("2026-10-01 12:00  2026-A  voided (entered in error): the same startup was"))
        #expect(lines[3].hasPrefix("                          twice by"))
        let rejoined = lines[2...3].map { String($0.dropFirst(26)) }.joined(separator: " ")
        #expect(rejoined == note)
        #expect(!table.contains("…"))
    }

    @Test("without a wrapping column, the widest cell is cut with an ellipsis")
    func cut() {
        let table = TextTable(headers: ["a", "b"], rows: [["x", String(repeating: "y", count: 100)]]).render()
        #expect(table.split(separator: "\n").allSatisfy { $0.count <= 80 })
        #expect(table.hasSuffix("…"))
    }
}
