import AcceleratorCSV
import AcceleratorDomain
@testable import AcceleratorStore
import Foundation
import Testing

/// The import report's JSON is written by hand; it must be byte for byte what JSONEncoder writes.
@Suite("the import report's JSON")
struct PrettyJSONTests {
    static func encoded(_ report: ImportReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }

    /// Every kind of character a string may need escaped, or not.
    static let awkward = "q\"b\\s/n\nt\tr\rc\u{0}\u{1}\u{8}\u{C}\u{1B}\u{1F}\u{7F} é “ ” \u{2028} 😀"

    static let full = ImportReport(
        file: "/tmp/a \(awkward).csv", sha256: String(repeating: "ab", count: 32),
        dialect: DialectSummary(CSVDialect(delimiter: UInt8(ascii: ";"), encoding: .windows1252, hasByteOrderMark: true, lineEnding: .crlf)),
        batchId: 12, alreadyImported: [3, 7], dryRun: true, committed: false,
        inserted: 1, updated: 22, unchanged: 333, rejected: 4_444, warnings: 55_555,
        errors: [
            ImportDiagnostic(line: 2, column: 3, header: "E-mail", value: awkward, message: "“x” is not an address", severity: .error),
            ImportDiagnostic(line: 9, message: "no cohort", severity: .error),
        ],
        flagged: [ImportDiagnostic(line: 4, column: 7, header: "Secteur", value: "Tourisme", message: awkward, severity: .warning)],
        duplicates: [DuplicateRow(line: 8, earlierLine: 2, startup: "Atlas \(awkward)")],
        extraColumns: ["source", awkward],
        createdCohorts: [CreatedCohort(code: "2026-B", capacity: 30, startsOn: "2026-11-28")],
        rejectsFile: "/tmp/a.rejects.csv", usedRememberedMapping: true)

    static let empty = ImportReport(
        file: "b.csv", sha256: "", dialect: DialectSummary(CSVDialect(delimiter: UInt8(ascii: "\t"), encoding: .utf8, hasByteOrderMark: false, lineEnding: .lf)),
        batchId: nil, alreadyImported: [], dryRun: false, committed: true, inserted: 0, updated: 0, unchanged: 0,
        rejected: 0, warnings: 0, errors: [], flagged: [], duplicates: [], extraColumns: [], createdCohorts: [],
        rejectsFile: nil, usedRememberedMapping: false)

    @Test("a report with every field set, and one with none, are written as JSONEncoder writes them")
    func sameAsJSONEncoder() throws {
        #expect(Self.full.prettyJSON == (try Self.encoded(Self.full)))
        #expect(Self.empty.prettyJSON == (try Self.encoded(Self.empty)))
    }

    @Test("the reports of real imports are written as JSONEncoder writes them")
    func realReports() throws {
        let fixture = try ImportFixture()
        let rows = [
            ImportFixture.row("Atlas AI", ["ice": "002345678000012"]),
            ImportFixture.row("Riad Stays", ["sector": "Tourism", "founded_on": "2016-04-01"]),
            ImportFixture.row("Argan Pay", ["email": "not an address", "phone": "12"]),
            ImportFixture.row("Atlas AI", ["ice": "002345678000012", "city": "Rabat"]),
        ]
        let columns = ImportFixture.header + ["source"]
        var reports = [
            try fixture.importText("a.csv", ImportFixture.csv(rows.map { $0 + ",fair" }, columns: columns)),
            try fixture.importText(
                "b.csv", ImportFixture.csv(rows), mode: .skipInvalid(rejectsPath: fixture.folder.file("b.rejects.csv"))),
        ]
        reports.append(try fixture.importText("b.csv", ImportFixture.csv(rows), mode: .allOrNothing))
        #expect(reports.map(\.rejected) == [1, 1, 1])
        for report in reports {
            #expect(report.prettyJSON == (try Self.encoded(report)))
        }
    }
}

/// The batch table keeps a dialect as its line for people; `imports` reads it back as the object.
@Suite("a dialect read back from its summary")
struct StoredDialectTests {
    @Test(
        "every dialect's summary reads back as that dialect",
        arguments: [
            CSVDialect(delimiter: UInt8(ascii: ","), encoding: .utf8, hasByteOrderMark: false, lineEnding: .lf),
            CSVDialect(delimiter: UInt8(ascii: ";"), encoding: .utf8, hasByteOrderMark: true, lineEnding: .crlf),
            CSVDialect(delimiter: UInt8(ascii: "\t"), encoding: .windows1252, hasByteOrderMark: false, lineEnding: .cr),
            CSVDialect(delimiter: UInt8(ascii: "|"), encoding: .windows1252, hasByteOrderMark: true, lineEnding: .crlf),
            CSVDialect(delimiter: UInt8(ascii: "t"), encoding: .utf8, hasByteOrderMark: false, lineEnding: .lf),
        ])
    func roundTrip(dialect: CSVDialect) {
        let summary = DialectSummary(dialect)
        #expect(DialectSummary(storedSummary: summary.summary) == summary)
    }

    @Test("any other text reads back as nothing", arguments: ["", "comma", "“,”-separated, utf-16, LF line ends", "“,”-separated, utf-8, NL line ends"])
    func otherText(text: String) {
        #expect(DialectSummary(storedSummary: text) == nil)
    }
}
