import Testing

@testable import AcceleratorCSV

@Suite("Dialect detection")
struct DialectTests {
    struct SniffCase: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        let delimiter: UInt8
        let fields: [[String]]
        var testDescription: String { name }
    }

    static let sniffCases: [SniffCase] = [
        SniffCase(
            name: "comma", text: "name,city,sector\nAtlas AI,Rabat,AI\n", delimiter: ASCII.comma,
            fields: [["name", "city", "sector"], ["Atlas AI", "Rabat", "AI"]]),
        SniffCase(
            name: "semicolon", text: "nom;ville;secteur\nAtlas AI;Rabat;AI\n", delimiter: ASCII.semicolon,
            fields: [["nom", "ville", "secteur"], ["Atlas AI", "Rabat", "AI"]]),
        SniffCase(
            name: "tab", text: "name\tcity\nAtlas, AI\tRabat\n", delimiter: ASCII.tab,
            fields: [["name", "city"], ["Atlas, AI", "Rabat"]]),
        SniffCase(
            name: "semicolon with commas inside quoted amounts",
            text: "nom;montant;devise\n\"Atlas, AI\";\"1 500 000,50\";MAD\nBeta;\"2,5\";MAD\n",
            delimiter: ASCII.semicolon,
            fields: [["nom", "montant", "devise"], ["Atlas, AI", "1 500 000,50", "MAD"], ["Beta", "2,5", "MAD"]]),
        SniffCase(
            name: "semicolon with unquoted decimal commas",
            text: "nom;montant\nAtlas;1500,50\nBeta;2,5\n", delimiter: ASCII.semicolon,
            fields: [["nom", "montant"], ["Atlas", "1500,50"], ["Beta", "2,5"]]),
        SniffCase(
            name: "single column falls back to comma", text: "name\nAtlas\nBeta\n", delimiter: ASCII.comma,
            fields: [["name"], ["Atlas"], ["Beta"]]),
        SniffCase(
            name: "comma with semicolons inside quotes",
            text: "a,b\n\"x;y;z\",1\n\"p;q\",2\n", delimiter: ASCII.comma,
            fields: [["a", "b"], ["x;y;z", "1"], ["p;q", "2"]]),
    ]

    @Test("The delimiter is sniffed among comma, semicolon and tab", arguments: sniffCases)
    func delimiterIsSniffed(_ sniffCase: SniffCase) throws {
        let reader = try CSVReader(bytes: utf8(sniffCase.text))
        #expect(reader.dialect.delimiter == sniffCase.delimiter)
        #expect(try readFields(sniffCase.text) == sniffCase.fields)
    }

    @Test("A given delimiter is used without sniffing")
    func givenDelimiterIsUsed() throws {
        let reader = try CSVReader(bytes: utf8("a;b,c\n1;2,3\n"), delimiter: ASCII.comma)
        #expect(reader.dialect.delimiter == ASCII.comma)
        #expect(try readFields("a;b,c\n1;2,3\n", delimiter: ASCII.comma) == [["a;b", "c"], ["1;2", "3"]])
    }

    @Test(
        "A delimiter that cannot separate fields is refused",
        arguments: [ASCII.quote, ASCII.lineFeed, ASCII.carriageReturn, 0, 0xE9])
    func unusableDelimiterIsRefused(_ delimiter: UInt8) {
        #expect(throws: CSVError.unsupportedDelimiter(delimiter)) {
            _ = try CSVReader(bytes: utf8("a,b\n"), delimiter: delimiter)
        }
    }

    @Test("A UTF-8 byte order mark is removed from the first header and recorded")
    func byteOrderMarkIsRemoved() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + utf8("id;nom\n1;Atlas\n")
        var reader = try CSVReader(bytes: bytes)
        #expect(reader.dialect.hasByteOrderMark)
        #expect(reader.dialect.delimiter == ASCII.semicolon)
        let header = try #require(try reader.next())
        #expect(utf8Bytes(header.fields) == utf8Bytes(["id", "nom"]))
        #expect(header.line == 1)
    }

    @Test("A file without a byte order mark says so")
    func noByteOrderMark() throws {
        #expect(try CSVReader(bytes: utf8("a,b\n")).dialect.hasByteOrderMark == false)
    }

    struct LineEndingCase: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        let ending: CSVDialect.LineEnding
        var lines = [1, 2, 3]
        var testDescription: String { name }
    }

    static let lineEndingCases: [LineEndingCase] = [
        LineEndingCase(name: "LF", text: "a,b\n1,2\n3,4\n", ending: .lf),
        LineEndingCase(name: "CRLF", text: "a,b\r\n1,2\r\n3,4\r\n", ending: .crlf),
        LineEndingCase(name: "lone CR", text: "a,b\r1,2\r3,4\r", ending: .cr),
        LineEndingCase(name: "LF without final newline", text: "a,b\n1,2\n3,4", ending: .lf),
        LineEndingCase(name: "CRLF without final newline", text: "a,b\r\n1,2\r\n3,4", ending: .crlf),
        LineEndingCase(
            name: "quoted CRLF before an LF record end", text: "\"a\r\nx\",b\n1,2\n3,4\n", ending: .lf,
            lines: [1, 3, 4]),
    ]

    @Test("Records end at LF, CRLF or a lone CR, with or without a final newline", arguments: lineEndingCases)
    func lineEndingsAreRecognised(_ lineEndingCase: LineEndingCase) throws {
        let reader = try CSVReader(bytes: utf8(lineEndingCase.text))
        #expect(reader.dialect.lineEnding == lineEndingCase.ending)
        let records = try readRecords(lineEndingCase.text)
        #expect(records.map(\.fields).dropFirst().elementsEqual([["1", "2"], ["3", "4"]]))
        #expect(records.map(\.line) == lineEndingCase.lines)
    }

    @Test("The line ending is learnt from the first record when the sniffing window holds no line break")
    func lineEndingLearntWhileReading() throws {
        var reader = try CSVReader(
            bytes: utf8("abcdefgh,ijklmnop\r\n1,2\r\n"), delimiter: ASCII.comma, encoding: .utf8, chunkSize: 4,
            sniffWindow: 4, maximumRecordSize: 1 << 20)
        #expect(reader.dialect.lineEnding == .lf)
        _ = try reader.next()
        #expect(reader.dialect.lineEnding == .crlf)
    }

    @Test("The dialect reports UTF-8 for UTF-8 text")
    func utf8IsReported() throws {
        let reader = try CSVReader(bytes: utf8("nom,ville\nAtlas,Fès\n"))
        #expect(
            reader.dialect
                == CSVDialect(delimiter: ASCII.comma, encoding: .utf8, hasByteOrderMark: false, lineEnding: .lf))
    }
}
