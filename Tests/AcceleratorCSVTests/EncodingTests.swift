import Foundation
import Testing

@testable import AcceleratorCSV

@Suite("Encodings")
struct EncodingTests {
    static let windows1252Cases: [(UInt8, String)] = [
        (0xE9, "é"), (0x80, "€"), (0x92, "’"), (0x9C, "œ"), (0x8C, "Œ"), (0x91, "‘"), (0x93, "“"), (0x94, "”"),
        (0x96, "–"), (0x97, "—"), (0x85, "…"), (0x99, "™"), (0x9F, "Ÿ"), (0xA0, "\u{A0}"), (0xAB, "«"),
        (0xC7, "Ç"), (0xFF, "ÿ"), (0x81, "\u{81}"), (0x8D, "\u{8D}"), (0x8F, "\u{8F}"), (0x90, "\u{90}"),
        (0x9D, "\u{9D}"),
    ]

    @Test("Windows-1252 bytes decode exactly", arguments: windows1252Cases)
    func windows1252ByteDecodes(_ byte: UInt8, _ expected: String) throws {
        let bytes = utf8("nom;prix\nx") + [byte] + utf8("y;\"q") + [byte] + utf8("\"\"\"\n")
        let records = try readRecords(bytes)
        #expect(utf8Bytes(records[1].fields) == utf8Bytes(["x\(expected)y", "q\(expected)\""]))
    }

    @Test("Bytes 0x80 to 0x9F decode with the full Windows-1252 table, undefined bytes to C1 controls")
    func windows1252HighControlsDecode() throws {
        let expected: [UInt32] = [
            0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
            0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
            0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
        ]
        let records = try readRecords(utf8("a\n") + [UInt8](0x80...0x9F) + utf8("\n"))
        #expect(records[1].fields[0].unicodeScalars.map(\.value) == expected)
    }

    @Test("Bytes 0xA0 to 0xFF decode to U+00A0 to U+00FF in Windows-1252")
    func latin1RangeDecodes() throws {
        let high = [UInt8](0xA0...0xFF)
        let records = try readRecords(utf8("a\n") + high + utf8("\n"), encoding: .windows1252)
        #expect(records[1].fields[0].unicodeScalars.map(\.value) == high.map(UInt32.init))
    }

    @Test("A file that is not valid UTF-8 is read as Windows-1252")
    func windows1252IsDetected() throws {
        let bytes = utf8("nom;ville\nCaf") + [0xE9] + utf8(" ") + [0x80] + utf8(";F") + [0xE8] + utf8("s\n")
        var reader = try CSVReader(bytes: bytes)
        #expect(reader.dialect.encoding == .windows1252)
        #expect(reader.dialect.delimiter == ASCII.semicolon)
        _ = try reader.next()
        #expect(try reader.next()?.fields == ["Café €", "Fès"])
    }

    @Test("Valid UTF-8 is read as UTF-8")
    func utf8IsDetected() throws {
        var reader = try CSVReader(bytes: utf8("nom,ville\nCafé €,المغرب ⴰⵎⴰⵣⵉⵖ\n"))
        #expect(reader.dialect.encoding == .utf8)
        _ = try reader.next()
        #expect(try reader.next()?.fields == ["Café €", "المغرب ⴰⵎⴰⵣⵉⵖ"])
    }

    @Test("A single invalid byte at line 900,000 makes the whole file Windows-1252 from the start")
    func lateInvalidByteDecidesTheEncoding() throws {
        var bytes = utf8("id,name\n")
        bytes.reserveCapacity(8_000_000)
        for index in 2..<900_000 { bytes += utf8("\(index),x\n") }
        bytes += utf8("900000,caf") + [0xE9] + utf8("\n")
        let path = try temporaryFile(bytes)
        defer { removeTemporaryFile(path) }
        var reader = try CSVReader(path: path)
        #expect(reader.dialect.encoding == .windows1252)
        var fields: [String] = []
        var last: (line: Int, fields: [String]) = (0, [])
        while let line = try reader.nextRecord(into: &fields) { last = (line, fields) }
        #expect(last.line == 900_000)
        #expect(last.fields == ["900000", "café"])
    }

    @Test("UTF-8 rows and a Windows-1252 row in one file are refused, naming the lines of each, never read as mojibake")
    func mixedEncodingsAreRefused() throws {
        let bytes = utf8("nom;ville\nAtlas;Fès\nÉté;Salé\nArgan;Agadir\nCaf") + [0xE9] + utf8(";T") + [0xE9, 0x74, 0x6F, 0x75, 0x61, 0x6E] + utf8("\n")
        #expect(throws: CSVError.mixedEncoding(utf8Lines: [2, 3], utf8LineCount: 2, otherLines: [5], otherLineCount: 1)) {
            _ = try CSVReader(bytes: bytes)
        }
        let message = CSVError.mixedEncoding(utf8Lines: [2, 3], utf8LineCount: 2, otherLines: [5], otherLineCount: 1).description
        #expect(message.hasPrefix("the file mixes two text encodings: line 5 is not UTF-8 (Windows-1252?) while lines 2 and 3 are UTF-8"))
    }

    @Test("an encoding checked by the caller on its own pass is taken as it is: UTF-8 is not tentative, a failed check still refuses mixed lines")
    func checkedEncodingIsTaken() throws {
        let plain = utf8("nom;ville\nAtlas;Fès\n")
        let utf8Reader = try CSVReader(bytes: plain, detection: .checked(isValidUTF8: true))
        let (encoding, isTentative) = (utf8Reader.dialect.encoding, utf8Reader.encodingIsTentative)
        #expect(encoding == .utf8)
        #expect(!isTentative)
        let windows = utf8("nom;ville\nCaf") + [0xE9] + utf8(";Rabat\n")
        let windowsEncoding = try CSVReader(bytes: windows, detection: .checked(isValidUTF8: false)).dialect.encoding
        #expect(windowsEncoding == .windows1252)
        let mixed = utf8("nom;ville\nAtlas;Fès\nCaf") + [0xE9] + utf8(";Rabat\n")
        #expect(throws: CSVError.mixedEncoding(utf8Lines: [2], utf8LineCount: 1, otherLines: [3], otherLineCount: 1)) {
            _ = try CSVReader(bytes: mixed, detection: .checked(isValidUTF8: false))
        }
    }

    @Test("a Windows-1252 file whose ASCII lines are also valid UTF-8 is not mixed; a forced encoding is obeyed as given")
    func pureWindows1252IsNotMixed() throws {
        let bytes = utf8("nom;ville\nAtlas;Rabat\nCaf") + [0xE9] + utf8(";F") + [0xE8] + utf8("s\n")
        #expect(try CSVReader(bytes: bytes).dialect.encoding == .windows1252)
        let mixed = utf8("nom\nFès\nCaf") + [0xE9] + utf8("\n")
        #expect(try CSVReader(bytes: mixed, encoding: .windows1252).dialect.encoding == .windows1252)
    }

    @Test("line numbers of the encoding scan follow LF, CRLF and lone CR, even when a CRLF is cut between two pieces",
          arguments: [1, 2, 3, 5, 64])
    func lineEncodingScanCountsLines(pieceSize: Int) {
        let bytes = utf8("a\r\nÉ\rb\n\n") + [0xE9] + utf8("\r\nç\r\n") + [0x80]
        var scan = LineEncodingScan()
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + pieceSize, bytes.count)
            bytes[offset..<end].withUnsafeBytes { scan.feed($0) }
            offset = end
        }
        scan.finish()
        #expect(scan.utf8Lines == [2, 6])
        #expect(scan.otherLines == [5, 7])
        #expect(scan.isMixed)
    }

    @Test("A UTF-8 character cut by the pre-scan's 1 MiB window is still valid UTF-8")
    func utf8AcrossPreScanWindowIsValid() throws {
        var bytes = utf8("a\n")
        bytes += [UInt8](repeating: 0x78, count: (1 << 20) - bytes.count - 1)
        bytes += utf8("é\n")  // 0xC3 is the last byte of the first window, 0xA9 the first of the next
        #expect(bytes[(1 << 20) - 1] == 0xC3)
        let path = try temporaryFile(bytes)
        defer { removeTemporaryFile(path) }
        var reader = try CSVReader(path: path)
        #expect(reader.dialect.encoding == .utf8)
        _ = try reader.next()
        #expect(try reader.next()?.fields.first?.hasSuffix("xé") == true)
    }

    @Test("A file ending inside a UTF-8 sequence is Windows-1252")
    func truncatedUTF8AtEndIsWindows1252() throws {
        let path = try temporaryFile(utf8("a\nx") + [0xC3])
        defer { removeTemporaryFile(path) }
        let reader = try CSVReader(path: path)
        #expect(reader.dialect.encoding == .windows1252)
    }

    @Test("A UTF-8 file with a byte order mark is UTF-8 without the mark")
    func byteOrderMarkedUTF8() throws {
        var reader = try CSVReader(bytes: [0xEF, 0xBB, 0xBF] + utf8("nom\nÉcole\n"))
        #expect(reader.dialect.encoding == .utf8)
        #expect(try reader.next()?.fields == ["nom"])
        #expect(try reader.next()?.fields == ["École"])
    }

    @Test("Windows-1252 may be forced on text that would pass as UTF-8")
    func windows1252CanBeForced() throws {
        let records = try readRecords(utf8("a\n") + [0xC3, 0xA9] + utf8("\n"), encoding: .windows1252)
        #expect(records[1].fields == ["Ã©"])
    }

    static let validationCases: [([UInt8], Bool)] = [
        ([0x61, 0x62], true), ([0xC3, 0xA9], true), ([0xE2, 0x82, 0xAC], true), ([0xF0, 0x9F, 0x98, 0x80], true),
        ([0xC0, 0x80], false), ([0xC1, 0xBF], false), ([0xE0, 0x80, 0x80], false), ([0xED, 0xA0, 0x80], false),
        ([0xF4, 0x90, 0x80, 0x80], false), ([0xF5, 0x80, 0x80, 0x80], false), ([0x80], false), ([0xC3], false),
        ([0xE2, 0x82], false), ([0xC3, 0x41], false),
        (Array("0123456789abcdefé0123456789".utf8), true), (Array("0123456789abcdef".utf8) + [0xFF], false),
        ([0xC2, 0x80], true), ([0xDF, 0xBF], true), ([0xC3, 0xC3], false), ([0xC3, 0xA9, 0x80], false),
        ([0x61, 0xC3, 0xA9, 0xC3], false), ([0xDF, 0xC0], false),
    ]

    @Test("The UTF-8 validator agrees with the standard library on random bytes, accents among them")
    func validatorOnRandomBytes() {
        // A fixed sequence: ASCII, two-byte leads, continuations and other bytes, mixed.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        let alphabet: [UInt8] = [0x41, 0x20, 0x2C, 0xC3, 0xA9, 0xC2, 0x80, 0xBF, 0xDF, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0xC0, 0xFF]
        for _ in 0..<20_000 {
            let bytes = (0..<Int(next() % 24)).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] }
            let result = bytes.withUnsafeBufferPointer { $0.isEmpty || UTF8Validation.isValid($0.baseAddress!, count: $0.count) }
            #expect(result == (Array(String(decoding: bytes, as: UTF8.self).utf8) == bytes), "\(bytes)")
        }
    }

    @Test("The UTF-8 validator accepts exactly the well-formed sequences", arguments: validationCases)
    func validatorIsExact(_ bytes: [UInt8], _ isValid: Bool) {
        let result = bytes.withUnsafeBufferPointer { UTF8Validation.isValid($0.baseAddress!, count: $0.count) }
        #expect(result == isValid)
        // The standard library repairs invalid UTF-8, so the bytes survive decoding exactly when valid.
        #expect(result == (Array(String(decoding: bytes, as: UTF8.self).utf8) == bytes))
    }

    static let checkerCases: [([UInt8], Bool)] = [
        (utf8("plain ASCII, then é, ç, €, 𝄞 and ⵜⴰⵎⴰⵣⵉⵖⵜ"), true),
        (utf8("caf") + [0xE9] + utf8(" crème"), false),
        (utf8("cut at the end: ") + [0xE2, 0x82], false),
        ([0xED, 0xA0, 0x80], false),  // a UTF-16 surrogate
        ([0xF0, 0x9D, 0x84, 0x9E, 0x41], true),
        ([], true),
    ]

    @Test("the UTF-8 checker gives the same answer whatever the pieces", arguments: checkerCases)
    func utf8CheckerPieces(_ bytes: [UInt8], _ valid: Bool) {
        for size in [1, 2, 3, 5, 64] {
            var checker = UTF8Checker()
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + size)
                Array(bytes[start..<end]).withUnsafeBytes { checker.feed($0) }
                start = end
            }
            #expect(checker.isValidAtEnd == valid, "pieces of \(size)")
        }
    }

    @Test("detection from a prefix: UTF-8 so far is tentative, a file read whole is not")
    func detectionFromPrefix() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prefix-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let ascii = utf8("name,city\n") + Array(repeating: utf8("Atlas,Rabat\n"), count: 130_000).flatMap { $0 }
        let late = folder.appendingPathComponent("late.csv").path
        try Data(ascii + utf8("F") + [0xE8] + utf8("s,Rabat\n")).write(to: URL(fileURLWithPath: late))
        func detect(_ reader: borrowing CSVReader) -> (CSVEncoding, Bool) {
            (reader.dialect.encoding, reader.encodingIsTentative)
        }
        let tentative = detect(try CSVReader(path: late, detection: .prefix(64 * 1024)))
        #expect(tentative == (.utf8, true))
        let whole = detect(try CSVReader(path: late))
        #expect(whole == (.windows1252, false))
        let short = folder.appendingPathComponent("short.csv").path
        try Data(utf8("name,city\nF") + [0xE8] + utf8("s,Rabat\n")).write(to: URL(fileURLWithPath: short))
        let decided = detect(try CSVReader(path: short, detection: .prefix(64 * 1024)))
        #expect(decided == (.windows1252, false))
    }
}
