import Foundation
import Testing

@testable import AcceleratorCSV

/// The public csv-spectrum acid test, kept in the project's shared folder.
@Suite("csv-spectrum conformance")
struct ConformanceTests {
    static let caseNames = [
        "comma_in_quotes", "empty", "empty_crlf", "escaped_quotes", "json", "newlines", "newlines_crlf",
        "quotes_and_newlines", "simple", "simple_crlf", "utf8",
    ]

    /// `../shared/conformance/csv-spectrum` from the package root (two folders above this file's folder).
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("../shared/conformance/csv-spectrum")
        .standardizedFileURL

    @Test("Each csv-spectrum file parses to exactly the records of its JSON", arguments: caseNames)
    func fileMatchesItsJSON(name: String) throws {
        let csvPath = Self.directory.appendingPathComponent("csvs/\(name).csv").path
        let jsonData = try Data(contentsOf: Self.directory.appendingPathComponent("json/\(name).json"))
        let expected = try #require(try JSONSerialization.jsonObject(with: jsonData) as? [[String: String]])

        var reader = try CSVReader(path: csvPath)
        let header = try #require(try reader.next()).fields
        var rows: [[String]] = []
        while let record = try reader.next() { rows.append(record.fields) }
        // The same records read as bytes (as the import reads them).
        var bytesReader = try CSVReader(path: csvPath)
        var record = CSVRecordBytes()
        var bytesRows: [[String]] = []
        while try bytesReader.nextRecord(into: &record) != nil { bytesRows.append(record.strings) }
        #expect(bytesRows == [header] + rows)

        #expect(rows.count == expected.count)
        for (row, object) in zip(rows, expected) {
            #expect(Set(utf8Bytes(header)) == Set(utf8Bytes(Array(object.keys))))
            for (key, value) in zip(header, row) {
                let expectedValue = object[key].map { Array($0.utf8) }
                #expect(Array(value.utf8) == expectedValue, "\(name): field \(key)")
            }
        }
    }

    @Test("The CRLF inside a quoted field of newlines_crlf.csv is kept as CRLF")
    func crlfInsideQuotedFieldIsKept() throws {
        var reader = try CSVReader(path: Self.directory.appendingPathComponent("csvs/newlines_crlf.csv").path)
        _ = try reader.next()
        _ = try reader.next()
        let record = try #require(try reader.next())
        #expect(Array(record.fields[0].utf8) == Array("Once upon \r\na time".utf8))
        #expect(record.line == 3)
        #expect(try reader.next()?.line == 5)
    }

    @Test("Every file of the csv-spectrum folder has a conformance case")
    func everyFileHasACase() throws {
        let files = try FileManager.default.contentsOfDirectory(
            atPath: Self.directory.appendingPathComponent("csvs").path)
        let names = files.filter { $0.hasSuffix(".csv") }.map { String($0.dropLast(4)) }
        #expect(Set(names) == Set(Self.caseNames))
    }
}
