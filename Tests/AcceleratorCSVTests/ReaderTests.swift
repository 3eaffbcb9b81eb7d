import Foundation
import Testing

@testable import AcceleratorCSV

@Suite("Reading records")
struct ReaderTests {
    struct FieldCase: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        let fields: [[String]]
        var testDescription: String { name }
    }

    static let quotingCases: [FieldCase] = [
        FieldCase(name: "quoted delimiter", text: "a,b\n\"x,y\",z\n", fields: [["a", "b"], ["x,y", "z"]]),
        FieldCase(
            name: "doubled quotes", text: "a,b\n\"say \"\"hi\"\"\",z\n", fields: [["a", "b"], ["say \"hi\"", "z"]]),
        FieldCase(name: "empty quoted field", text: "a,b\n\"\",z\n", fields: [["a", "b"], ["", "z"]]),
        FieldCase(name: "only a doubled quote", text: "a,b\n\"\"\"\",z\n", fields: [["a", "b"], ["\"", "z"]]),
        FieldCase(name: "LF kept inside quotes", text: "a,b\n\"x\ny\",z\n", fields: [["a", "b"], ["x\ny", "z"]]),
        FieldCase(
            name: "CRLF kept inside quotes", text: "a,b\r\n\"x\r\ny\",z\r\n", fields: [["a", "b"], ["x\r\ny", "z"]]),
        FieldCase(
            name: "lone CR kept inside quotes", text: "a,b\n\"x\ry\",z\n", fields: [["a", "b"], ["x\ry", "z"]]),
        FieldCase(
            name: "stray quote in an unquoted field is literal", text: "a,b\n5\" screen,z\"\n",
            fields: [["a", "b"], ["5\" screen", "z\""]]),
        FieldCase(
            name: "text after a closing quote is appended", text: "a,b\n\"abc\"def,z\n",
            fields: [["a", "b"], ["abcdef", "z"]]),
        FieldCase(
            name: "text after a closing quote with escapes", text: "a,b\n\"a\"\"b\"c\"d,z\n",
            fields: [["a", "b"], ["a\"bc\"d", "z"]]),
        FieldCase(
            name: "quote after leading space is literal", text: "a,b\n \"x\",z\n",
            fields: [["a", "b"], [" \"x\"", "z"]]),
        FieldCase(name: "spaces are kept", text: "a,b\n  x , y \n", fields: [["a", "b"], ["  x ", " y "]]),
        FieldCase(name: "quoted last field at end of input", text: "a,b\n1,\"x\"", fields: [["a", "b"], ["1", "x"]]),
        FieldCase(name: "trailing delimiter at end of input", text: "a,b\n1,", fields: [["a", "b"], ["1", ""]]),
        FieldCase(
            name: "accents and Arabic", text: "nom,ville\nÉcole Ñ,المغرب\n",
            fields: [["nom", "ville"], ["École Ñ", "المغرب"]]),
    ]

    @Test("Quoted and unquoted fields follow RFC 4180 and Excel", arguments: quotingCases)
    func fieldsAreUnquoted(_ fieldCase: FieldCase) throws {
        #expect(try readFields(fieldCase.text, delimiter: ASCII.comma) == fieldCase.fields)
    }

    @Test("Blank lines between, before and after records are skipped, and counted")
    func blankLinesAreSkipped() throws {
        let records = try readRecords("\n\na,b\n\n1,2\r\n\r\n\r3,4\n\n\n")
        #expect(records.map(\.fields) == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(records.map(\.line) == [3, 5, 8])
    }

    @Test("A line holding only delimiters is a record of empty fields")
    func delimiterOnlyLineIsARecord() throws {
        let records = try readRecords("a,b,c\n,,\n1,2,3\n")
        #expect(records.map(\.fields) == [["a", "b", "c"], ["", "", ""], ["1", "2", "3"]])
        #expect(records.map(\.line) == [1, 2, 3])
    }

    struct LineCase: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        let lines: [Int]
        var testDescription: String { name }
    }

    static let lineCases: [LineCase] = [
        LineCase(name: "LF", text: "a,b\n1,2\n3,4\n", lines: [1, 2, 3]),
        LineCase(name: "field holding three lines (LF)", text: "a,b\n\"one\ntwo\nthree\",x\n4,5\n", lines: [1, 2, 5]),
        LineCase(
            name: "field holding three lines (CRLF)", text: "a,b\r\n\"one\r\ntwo\r\nthree\",x\r\n4,5\r\n",
            lines: [1, 2, 5]),
        LineCase(
            name: "field holding three lines (lone CR)", text: "a,b\r\"one\rtwo\rthree\",x\r4,5\r", lines: [1, 2, 5]),
        LineCase(
            name: "two multi-line fields in one record", text: "a,b\n\"1\n2\",\"3\n4\n5\"\n6,7\n", lines: [1, 2, 6]),
        LineCase(name: "blank line after a multi-line field", text: "a,b\n\"1\n2\",x\n\n6,7\n", lines: [1, 2, 5]),
        LineCase(name: "empty line inside quotes counts", text: "a,b\n\"1\n\n2\",x\n6,7\n", lines: [1, 2, 5]),
    ]

    @Test("Each record knows the physical line where it starts", arguments: lineCases)
    func lineNumbersAreExact(_ lineCase: LineCase) throws {
        #expect(try readRecords(lineCase.text).map(\.line) == lineCase.lines)
    }

    @Test("Records with fewer fields than the header are padded with empty strings")
    func shortRecordsArePadded() throws {
        #expect(
            try readFields("a,b,c\n1\n1,2\n1,2,3\n") == [
                ["a", "b", "c"], ["1", "", ""], ["1", "2", ""], ["1", "2", "3"],
            ])
    }

    @Test("A header-only file yields one record")
    func headerOnlyFileYieldsOneRecord() throws {
        #expect(try readRecords("a,b,c") == [CSVRecord(fields: ["a", "b", "c"], line: 1)])
        #expect(try readRecords("a,b,c\r\n") == [CSVRecord(fields: ["a", "b", "c"], line: 1)])
    }

    @Test("nextRecord(into:) reuses the array and returns the line, then nil")
    func nextRecordReusesStorage() throws {
        var reader = try CSVReader(bytes: utf8("a,b\n1,2\n"))
        var fields: [String] = []
        #expect(try reader.nextRecord(into: &fields) == 1)
        #expect(fields == ["a", "b"])
        #expect(try reader.nextRecord(into: &fields) == 2)
        #expect(fields == ["1", "2"])
        #expect(try reader.nextRecord(into: &fields) == nil)
        #expect(fields.isEmpty)
        #expect(try reader.nextRecord(into: &fields) == nil)
    }

    @Test("Progress counts every byte, the byte order mark included")
    func progressReachesTheTotal() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + utf8("a,b\n1,2\n\n")
        var reader = try CSVReader(bytes: bytes)
        #expect(reader.totalBytes == bytes.count)
        #expect(reader.bytesConsumed == 3)
        _ = try reader.next()
        #expect(reader.bytesConsumed == 7)
        while try reader.next() != nil {}
        #expect(reader.bytesConsumed == bytes.count)
    }

    @Test("A file is read from its path, with its size known for progress")
    func fileIsReadFromPath() throws {
        let bytes = utf8("nom;ville\r\nAtlas;Fès\r\n")
        let path = try temporaryFile(bytes)
        defer { removeTemporaryFile(path) }
        var reader = try CSVReader(path: path)
        #expect(reader.totalBytes == bytes.count)
        #expect(try reader.next()?.fields == ["nom", "ville"])
        #expect(try reader.next()?.fields == ["Atlas", "Fès"])
        #expect(try reader.next() == nil)
        #expect(reader.bytesConsumed == bytes.count)
    }
}

@Suite("Unescaping quoted fields")
struct UnescapingTests {
    /// The inside of quoted fields from just after the opening quote, as the scanner hands them over.
    static let insides = [
        "", "\"", "abc\"", "a\"\"b\"", "\"\"\"", "\"\"x\"\"\"", "ends \"\"quoted\"\"\" then text",
        "no closing quote", "\"\"", "x\"\"", "données \"\"réseau\"\" du Maroc.\r\nÉquipe de 24\"",
        String(repeating: "long run without quotes, ", count: 20) + "\"\"end\"\"\"", "\"after\"\"kept",
    ]

    @Test("unescaping copies the runs between quotes as the byte-by-byte rule gives them", arguments: insides)
    func unescapeMatchesTheRule(_ inside: String) {
        let bytes = Array(inside.utf8)
        var expected: [UInt8] = []
        bytes.withUnsafeBufferPointer { buffer in
            CSVReader.forEachValueByte(buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: buffer.count, unescaping: true) {
                expected.append($0)
            }
        }
        let output = [UInt8](unsafeUninitializedCapacity: max(bytes.count, 1)) { output, count in
            count = bytes.withUnsafeBufferPointer { buffer in
                CSVReader.unescape(buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: buffer.count, into: output.baseAddress!)
            }
        }
        #expect(output == expected)
    }
}

@Suite("Reading errors")
struct ReaderErrorTests {
    struct ErrorCase: CustomTestStringConvertible, Sendable {
        let name: String
        let bytes: [UInt8]
        let encoding: CSVEncoding?
        let error: CSVError
        var testDescription: String { name }

        init(_ name: String, _ bytes: [UInt8], encoding: CSVEncoding? = nil, _ error: CSVError) {
            self.name = name
            self.bytes = bytes
            self.encoding = encoding
            self.error = error
        }
    }

    static let errorCases: [ErrorCase] = [
        ErrorCase(
            "unterminated quote at the end", utf8("a,b\n1,2\n3,\"never closed\n4,5\n"),
            .unterminatedQuote(line: 3, field: 2)),
        ErrorCase("unterminated quote on the header", utf8("\"a,b\n"), .unterminatedQuote(line: 1, field: 1)),
        ErrorCase(
            "quote closed then reopened at the end", utf8("a,b\n1,\"x\"\"\n"), .unterminatedQuote(line: 2, field: 2)),
        ErrorCase("too many fields", utf8("a,b\n1,2\n1,2,3\n"), .tooManyFields(line: 3, expected: 2, found: 3)),
        ErrorCase(
            "too many fields after a multi-line field", utf8("a,b\n\"1\n2\",3\n4,5,6\n"),
            .tooManyFields(line: 4, expected: 2, found: 3)),
        ErrorCase(
            "NUL byte in an unquoted field", utf8("a,b\n1,2\n3,x") + [0] + utf8("y\n"), .nulByte(line: 3, field: 2)),
        ErrorCase("NUL byte in a quoted field", utf8("a,b\n\"x") + [0] + utf8("\",2\n"), .nulByte(line: 2, field: 1)),
        ErrorCase(
            "invalid UTF-8 when UTF-8 is required", utf8("a,b\n1,2\n3,caf") + [0xE9] + utf8("\n"), encoding: .utf8,
            .invalidUTF8(line: 3, field: 2)),
        ErrorCase(
            "truncated UTF-8 sequence when UTF-8 is required", utf8("a,b\n") + [0xC3] + utf8(",2\n"), encoding: .utf8,
            .invalidUTF8(line: 2, field: 1)),
        ErrorCase("empty file", [], .emptyFile),
        ErrorCase("byte order mark only", [0xEF, 0xBB, 0xBF], .emptyFile),
        ErrorCase("blank lines only", utf8("\n\r\n\r\n\n"), .emptyFile),
        ErrorCase("byte order mark and blank lines", [0xEF, 0xBB, 0xBF] + utf8("\r\n\r\n"), .emptyFile),
        ErrorCase(
            "Excel workbook", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00] + [UInt8](repeating: 0, count: 40),
            .notText(reason: "this looks like an Excel workbook (.xlsx); save it as CSV first")),
        ErrorCase(
            "Excel 97 workbook", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0],
            .notText(reason: "this looks like an Excel 97-2003 workbook (.xls); save it as CSV first")),
        ErrorCase(
            "UTF-16 text", [0xFF, 0xFE, 0x61, 0x00, 0x2C, 0x00, 0x62, 0x00],
            .notText(reason: "this looks like UTF-16 text (Excel's \"Unicode Text\"); save it as \"CSV UTF-8\" first")),
        ErrorCase(
            "binary data", [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00],
            .notText(reason: "it holds NUL bytes, so it is binary data, not text")),
    ]

    @Test("Each error names its line (and field)", arguments: errorCases)
    func errorIsReported(_ errorCase: ErrorCase) {
        let steps = readSteps(errorCase.bytes, encoding: errorCase.encoding)
        #expect(steps.contains(.failure(errorCase.error)), "\(steps)")
    }

    @Test("Reading goes on after a record with too many fields")
    func readingContinuesAfterTooManyFields() {
        let steps = readSteps(utf8("a,b\n1,2,3\n4,5\n"))
        #expect(
            steps == [
                .record(["a", "b"], line: 1), .failure(.tooManyFields(line: 2, expected: 2, found: 3)),
                .record(["4", "5"], line: 3),
            ])
    }

    @Test("Reading goes on after a NUL byte or invalid UTF-8")
    func readingContinuesAfterBadBytes() {
        let bytes = utf8("a,b\n1,") + [0] + utf8("\n2,") + [0xFF] + utf8("\n3,4\n")
        #expect(
            readSteps(bytes, encoding: .utf8) == [
                .record(["a", "b"], line: 1), .failure(.nulByte(line: 2, field: 2)),
                .failure(.invalidUTF8(line: 3, field: 2)), .record(["3", "4"], line: 4),
            ])
    }

    @Test("Reading ends after an unterminated quote")
    func readingEndsAfterUnterminatedQuote() {
        #expect(
            readSteps(utf8("a,b\n\"1,2\n3,4\n")) == [
                .record(["a", "b"], line: 1), .failure(.unterminatedQuote(line: 2, field: 1)),
            ])
    }

    @Test("A record larger than the limit is an error, not a memory blow-up")
    func oversizedRecordIsAnError() {
        let bytes = utf8("a,b\n\"") + [UInt8](repeating: 0x78, count: 10_000)
        let steps = readSteps(bytes, delimiter: ASCII.comma, chunkSize: 256, sniffWindow: 16, maximumRecordSize: 4096)
        #expect(steps == [.record(["a", "b"], line: 1), .failure(.recordTooLarge(line: 2, limit: 4096))])
    }

    @Test("A missing file is an error naming the path and the reason")
    func missingFileIsAnError() {
        let path = temporaryPath("missing.csv")
        #expect(throws: CSVError.cannotOpen(path: path, reason: "No such file or directory")) {
            _ = try CSVReader(path: path)
        }
    }

    @Test("A directory given as the file is an error")
    func directoryIsAnError() {
        let path = FileManager.default.temporaryDirectory.path
        #expect(throws: CSVError.cannotOpen(path: path, reason: "it is a directory, not a file")) {
            _ = try CSVReader(path: path)
        }
    }

    @Test("An empty file on disk is an error")
    func emptyFileOnDiskIsAnError() throws {
        let path = try temporaryFile([])
        defer { removeTemporaryFile(path) }
        #expect(throws: CSVError.emptyFile) { _ = try CSVReader(path: path) }
    }

    @Test("An xlsx file on disk is recognised")
    func workbookOnDiskIsRecognised() throws {
        let path = try temporaryFile([0x50, 0x4B, 0x03, 0x04] + utf8("[Content_Types].xml"))
        defer { removeTemporaryFile(path) }
        #expect(throws: CSVError.notText(reason: "this looks like an Excel workbook (.xlsx); save it as CSV first")) {
            _ = try CSVReader(path: path)
        }
    }

    static let messages: [(CSVError, String)] = [
        (
            .unterminatedQuote(line: 12, field: 3),
            "line 12: unterminated quoted field (the quote opened here, in field 3, is never closed)"
        ),
        (
            .tooManyFields(line: 7, expected: 5, found: 6),
            "line 7: 6 fields, but the header has 5 (is a delimiter inside an unquoted value?)"
        ),
        (
            .nulByte(line: 3, field: 2),
            "line 3, field 2: NUL byte (0x00) in the data; the file looks binary, not like CSV text"
        ),
        (
            .invalidUTF8(line: 9, field: 4),
            "line 9, field 4: the bytes are not valid UTF-8 (is the file in Windows-1252?)"
        ),
        (.emptyFile, "the file is empty: it holds no header row and no records"),
        (
            .cannotOpen(path: "/x.csv", reason: "No such file or directory"),
            "cannot open /x.csv: No such file or directory"
        ),
        (
            .notText(reason: "this looks like an Excel workbook (.xlsx); save it as CSV first"),
            "not a CSV text file: this looks like an Excel workbook (.xlsx); save it as CSV first"
        ),
        (
            .recordTooLarge(line: 2, limit: 4096),
            "line 2: the record is larger than 4096 bytes (often a quoted field whose closing quote is missing)"
        ),
    ]

    @Test("Error messages are one readable line naming where", arguments: messages)
    func messageIsReadable(_ error: CSVError, _ message: String) {
        #expect(error.description == message)
    }
}
