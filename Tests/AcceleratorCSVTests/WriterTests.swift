import Foundation
import Testing

@testable import AcceleratorCSV

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Writing")
struct WriterTests {
    static let quotingCases: [(String, String)] = [
        ("plain", "plain"),
        ("", ""),
        ("a,b", "\"a,b\""),
        ("a;b", "a;b"),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("\"", "\"\"\"\""),
        ("line\nbreak", "\"line\nbreak\""),
        ("carriage\rreturn", "\"carriage\rreturn\""),
        ("windows\r\nbreak", "\"windows\r\nbreak\""),
        (" leading", "\" leading\""),
        ("trailing ", "\"trailing \""),
        ("in side", "in side"),
        ("Fès", "Fès"),
        ("المغرب", "المغرب"),
    ]

    @Test("RFC 4180 quotes a field only when it must, doubling quotes", arguments: quotingCases)
    func rfc4180Quoting(_ field: String, _ written: String) throws {
        var writer = CSVWriter(format: .rfc4180)
        try writer.write([field, "x"])
        #expect(writer.bytes == utf8("\(written),x\r\n"))
    }

    @Test("The French Excel format writes a byte order mark, semicolons and CRLF, quoting semicolons not commas")
    func excelFrenchFormat() throws {
        var writer = CSVWriter(format: .excelFrench)
        try writer.write(["nom", "montant"])
        try writer.write(["Atlas; AI", "1 500 000,50"])
        #expect(writer.bytes == [0xEF, 0xBB, 0xBF] + utf8("nom;montant\r\n\"Atlas; AI\";1 500 000,50\r\n"))
    }

    @Test("A record of one empty field is written as a quoted empty string, so it is not a blank line")
    func singleEmptyFieldIsQuoted() throws {
        var writer = CSVWriter(format: .rfc4180)
        try writer.write([""])
        #expect(writer.bytes == utf8("\"\"\r\n"))
    }

    static let roundTripRecords: [[String]] = [
        ["nom", "ville", "note", "montant"],
        ["Atlas; AI", "Casablanca, Maroc", "dit \"bonjour\"", "1 500 000,50"],
        ["line\nbreak", "windows\r\nbreak", "carriage\rreturn", ""],
        ["  leading", "trailing  ", " ", "\"\""],
        ["École Ñandú", "المغرب", "ⴰⵎⴰⵣⵉⵖ", "€ ’ œ"],
        ["", "", "", ""],
        ["1", "", "", "4"],
    ]

    @Test("Writing then reading gives the same fields", arguments: [CSVWriter.Format.rfc4180, .excelFrench])
    func roundTrip(format: CSVWriter.Format) throws {
        var writer = CSVWriter(format: format)
        for record in Self.roundTripRecords { try writer.write(record) }
        writer.finish()
        var reader = try CSVReader(bytes: writer.bytes)
        #expect(reader.dialect.delimiter == format.delimiter)
        #expect(reader.dialect.hasByteOrderMark == format.writesByteOrderMark)
        #expect(reader.dialect.lineEnding == .crlf)
        var read: [[String]] = []
        while let record = try reader.next() { read.append(record.fields) }
        #expect(read.map(utf8Bytes) == Self.roundTripRecords.map(utf8Bytes))
    }

    @Test("A single-column round trip keeps empty values")
    func singleColumnRoundTrip() throws {
        var writer = CSVWriter(format: .rfc4180)
        for record in [["name"], [""], ["x"], [""]] { try writer.write(record) }
        #expect(try readFields(String(decoding: writer.bytes, as: UTF8.self)) == [["name"], [""], ["x"], [""]])
    }

    @Test("Draining hands over every byte once, so a long output streams in pieces")
    func drainingStreamsTheOutput() throws {
        var writer = CSVWriter(format: .excelFrench)
        var output: [UInt8] = []
        let row = ["12345", "Atlas, AI", "dit \"oui\"", String(repeating: "x", count: 100)]
        for index in 0..<30_000 {
            try writer.write(row)
            if index % 4096 == 0 { writer.drain { output.append(contentsOf: $0) } }
        }
        writer.drain { output.append(contentsOf: $0) }
        #expect(writer.pendingByteCount == 0)
        var reader = try CSVReader(bytes: output)
        #expect(reader.dialect.hasByteOrderMark)
        var count = 0
        while let record = try reader.next() {
            #expect(record.fields == row)
            count += 1
        }
        #expect(count == 30_000)
    }

    @Test("Writing after finish is an error")
    func writingAfterFinishIsAnError() throws {
        var writer = CSVWriter(format: .rfc4180)
        writer.finish()
        #expect(throws: CSVError.cannotWrite(path: "(memory)", reason: "the writer is already finished")) {
            try writer.write(["a"])
        }
    }
}
