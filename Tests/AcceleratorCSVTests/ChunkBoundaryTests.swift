import Foundation
import Testing

@testable import AcceleratorCSV

@Suite("Chunk boundaries and large inputs")
struct ChunkBoundaryTests {
    static let trickyInputs: [[UInt8]] = [
        utf8("a,b,c\r\n1,\"x\r\ny\",3\r\n\r\n\"q\"\"q\",,\"\"\r\n4,5\r\n"),
        utf8("a;b\r\"x\ry\";2\r\r3;\"\"\"\"\r"),
        utf8("a,b\n\"abc\"def,\"g\"\"h\"i\n5\" tv,\"é\"\nÉcole,المغرب\n,\n"),
        [0xEF, 0xBB, 0xBF] + utf8("id\tnom\n1\t\"Fès\nMeknès\"\n2\tRabat"),
        utf8("a,b\n1,2\n1,2,3\n\"x") + [0] + utf8("\",y\n7,8\n\"open,9\n"),
        utf8("h\n") + [0xE9, 0x80, 0x92] + utf8("\n\"") + [0x9C] + utf8("\"\"\"\n"),
    ]

    @Test("Chunk boundaries anywhere give the same records and errors", arguments: [1, 2, 3, 4, 5, 7, 11])
    func chunkSizeDoesNotMatter(chunkSize: Int) {
        for input in Self.trickyInputs {
            let whole = readSteps(input)
            let chunked = readSteps(input, chunkSize: chunkSize, sniffWindow: 1)
            #expect(chunked == whole, "chunk size \(chunkSize), input \(input)")
            #expect(!whole.isEmpty)
        }
    }

    @Test("Records read as bytes are the records read as strings, at any chunk size", arguments: [1, 3, 7, 64 * 1024])
    func bytesAgreeWithStrings(chunkSize: Int) {
        let inputs = Self.trickyInputs + [
            utf8("a,b,c\n\"x\"\"\"\"y\",\"\"\"\",\"q\"tail\"\"\n\"\",,\n"),
            [0x41, 0x3B, 0x42, 0x0A, 0x22, 0xE9, 0x22, 0x22, 0x80, 0x22, 0x3B, 0x9C, 0x0A],
        ]
        for input in inputs {
            let strings = readSteps(input, chunkSize: chunkSize, sniffWindow: 1)
            let bytes = readSteps(input, chunkSize: chunkSize, sniffWindow: 1, asBytes: true)
            #expect(bytes == strings, "chunk size \(chunkSize), input \(input)")
        }
    }

    @Test("A 1 MB quoted field spanning many chunks is read whole")
    func oneMegabyteFieldInChunks() throws {
        var value = String(repeating: "lorem ipsum, \"dolor\"\r\nsit amet ", count: 35_000)
        value = String(value.prefix(1_000_000))
        let escaped = value.replacingOccurrences(of: "\"", with: "\"\"")
        let text = "id,text,after\n1,\"\(escaped)\",end\n2,x,y\n"
        let records = try readRecords(text, delimiter: ASCII.comma, chunkSize: 4096, sniffWindow: 16)
        #expect(records.count == 3)
        #expect(Array(records[1].fields[1].utf8) == Array(value.utf8))
        #expect(records[1].fields[2] == "end")
        #expect(records[2].line == 3 + value.components(separatedBy: "\r\n").count - 1)
    }

    @Test("A 10 MB unquoted field read from a file is read whole")
    func tenMegabyteFieldFromFile() throws {
        let value = [UInt8](repeating: 0x61, count: 10_000_000)
        let path = try temporaryFile(utf8("id,blob\n1,") + value + utf8("\n2,b\n"))
        defer { removeTemporaryFile(path) }
        var reader = try CSVReader(path: path)
        _ = try reader.next()
        let record = try #require(try reader.next())
        #expect(record.fields[1].utf8.count == 10_000_000)
        #expect(try reader.next()?.fields == ["2", "b"])
    }

    @Test("A record of 10,000 columns is read")
    func tenThousandColumns() throws {
        let header = (1...10_000).map { "column\($0)" }
        let values = (1...10_000).map { $0 % 7 == 0 ? "v,\($0)" : "\($0)" }
        var writer = CSVWriter(format: .rfc4180)
        try writer.write(header)
        try writer.write(values)
        let path = try temporaryFile(writer.bytes)
        defer { removeTemporaryFile(path) }
        var reader = try CSVReader(path: path)
        #expect(reader.dialect.delimiter == ASCII.comma)
        #expect(try reader.next()?.fields == header)
        #expect(try reader.next()?.fields == values)
    }

    @Test("Random inputs never crash or hang, whatever the chunk size")
    func randomInputsAreSafe() {
        var generator = SeededGenerator(state: 2026)
        let alphabet: [UInt8] = [
            0x61, 0x62, ASCII.comma, ASCII.semicolon, ASCII.tab, ASCII.quote, ASCII.quote,
            ASCII.carriageReturn, ASCII.lineFeed, ASCII.lineFeed, 0x00, 0xE9, 0xC3, 0xA9, 0x20,
        ]
        for _ in 0..<1_500 {
            let length = Int.random(in: 0...60, using: &generator)
            let input = (0..<length).map { _ in alphabet.randomElement(using: &generator) ?? 0 }
            let whole = readSteps(input, limit: 200)
            #expect(whole.count < 200)
            let chunkSize = Int.random(in: 1...9, using: &generator)
            #expect(readSteps(input, chunkSize: chunkSize, sniffWindow: 64, limit: 200) == whole, "\(input)")
        }
    }
}

@Suite("Random round trips")
struct RandomRoundTripTests {
    @Test(
        "Random fields with control bytes, quotes and line breaks survive writing and reading",
        arguments: [CSVWriter.Format.rfc4180, .excelFrench])
    func randomFieldsRoundTrip(format: CSVWriter.Format) throws {
        var generator = SeededGenerator(state: UInt64(format.delimiter))
        let pieces = [
            "a", "bc", "é", "ⵣ", "\t", "\u{01}", "\u{0B}", "\u{0C}", " ", ",", ";", "\"", "\r", "\n", "\r\n",
            "0123456789abcdef", "المغرب",
        ]
        var records: [[String]] = []
        for _ in 0..<300 {
            let record = (0..<6).map { _ in
                (0..<Int.random(in: 0...40, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? ""
                }
                .joined()
            }
            records.append(record)
        }
        var writer = CSVWriter(format: format)
        for record in records { try writer.write(record) }
        for chunkSize in [3, 64, CSVReader.defaultChunkSize] {
            let read = try readRecords(writer.bytes, delimiter: format.delimiter, chunkSize: chunkSize, sniffWindow: 8)
            #expect(read.map { utf8Bytes($0.fields) } == records.map(utf8Bytes))
        }
    }
}
