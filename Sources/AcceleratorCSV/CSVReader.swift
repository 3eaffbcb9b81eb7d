#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Bionic)
import Bionic
#endif

/// A streaming CSV reader over a file or a byte array: RFC 4180 quoting, `,` `;` or tab delimiters,
/// UTF-8 or Windows-1252 text, exact physical line numbers.
///
/// The file is read in chunks of 256 KiB, so memory stays flat whatever the file's size; a record
/// may be as large as 256 MiB. The header row is the first record returned. Records with fewer
/// fields than the header are padded with empty strings; records with more are an error.
///
/// ```swift
/// var reader = try CSVReader(path: "startups.csv")
/// while let record = try reader.next() {
///     print(record.line, record.fields)
/// }
/// ```
///
/// Quoting follows RFC 4180 and Excel: a field that starts with `"` is quoted and may hold the
/// delimiter, doubled quotes and line breaks (kept exactly: a CRLF inside a value stays CRLF). A
/// quote inside an unquoted field is kept literally, and so is text between a closing quote and the
/// next delimiter (`"abc"def` reads as `abcdef`). Records end at LF, CRLF or a lone CR; empty lines
/// are skipped, but a line holding only delimiters is a record of empty fields.
public struct CSVReader: ~Copyable {
    static let defaultChunkSize = 256 * 1024
    static let defaultSniffWindow = 64 * 1024
    /// The largest record read by default: 256 MiB.
    public static let defaultMaximumRecordSize = 256 * 1024 * 1024

    private var input: InputBuffer
    /// The delimiter, encoding, byte order mark and line ending of the input, given or detected.
    public private(set) var dialect: CSVDialect
    private var knowsLineEnding: Bool
    private let checksUTF8: Bool
    private var line: Int
    private var headerFieldCount: Int?
    private var spans: [FieldSpan] = []
    private var isFinished = false
    /// Whether the detected UTF-8 rests on the file's first bytes only (see
    /// ``EncodingDetection/prefix(_:)``): the caller must confirm it.
    public let encodingIsTentative: Bool

    /// How the encoding is settled when it is not given.
    public enum EncodingDetection: Sendable, Equatable {
        /// UTF-8 if the whole input is valid UTF-8 (a fast pre-scan), Windows-1252 otherwise.
        case wholeInput
        /// From the first bytes of a file on disk only, so that a large file is not read once
        /// before it is parsed. When they are valid UTF-8 but the file is longer, UTF-8 is
        /// ``CSVReader/encodingIsTentative``: the caller checks the whole file (say with
        /// ``UTF8Checker`` while it reads the file for another reason) and reads it again as
        /// Windows-1252 if it is not valid UTF-8.
        case prefix(Int)
        /// The caller has checked the whole input on a pass it made anyway (copying a pipe, hashing
        /// bytes in memory): the reader takes the answer and does not read the input once more.
        case checked(isValidUTF8: Bool)
    }

    /// Opens the CSV file at `path`, detecting what is not given.
    ///
    /// - Parameters:
    ///   - path: The file to read; a pipe works too (it is read whole into memory when the encoding
    ///     must be detected).
    ///   - delimiter: The field separator; when `nil`, chosen among `,` `;` and tab from the first records.
    ///   - encoding: The text encoding; when `nil`, detected as `detection` says (by default UTF-8 if
    ///     the whole file is valid UTF-8, Windows-1252 otherwise). When `.utf8` is given, a field that
    ///     is not valid UTF-8 is an error.
    ///   - detection: How a missing `encoding` is detected.
    ///   - maximumRecordSize: The most bytes one record may hold (the header row included): what
    ///     bounds the reader's memory; a larger record is `.recordTooLarge`.
    /// - Throws: `.cannotOpen`, `.cannotRead`, `.emptyFile`, `.notText`, `.unsupportedDelimiter`.
    public init(
        path: String, delimiter: UInt8? = nil, encoding: CSVEncoding? = nil, detection: EncodingDetection = .wholeInput,
        maximumRecordSize: Int = CSVReader.defaultMaximumRecordSize
    ) throws(CSVError) {
        let input = try InputBuffer(
            path: path, chunkSize: Self.defaultChunkSize, maximumRecordSize: maximumRecordSize,
            // The encoding pre-scan, or the scan of mixed lines after a failed check, reads the input twice.
            needsSecondPass: encoding == nil && detection != .checked(isValidUTF8: true))
        try self.init(
            input: input, delimiter: delimiter, encoding: encoding, sniffWindow: Self.defaultSniffWindow,
            detection: detection)
    }

    /// Reads CSV from bytes in memory, detecting what is not given, as ``init(path:delimiter:encoding:detection:maximumRecordSize:)`` does.
    public init(
        bytes: [UInt8], delimiter: UInt8? = nil, encoding: CSVEncoding? = nil, detection: EncodingDetection = .wholeInput,
        maximumRecordSize: Int = CSVReader.defaultMaximumRecordSize
    ) throws(CSVError) {
        let input = InputBuffer(bytes: bytes, chunkSize: Self.defaultChunkSize, maximumRecordSize: maximumRecordSize)
        try self.init(
            input: input, delimiter: delimiter, encoding: encoding, sniffWindow: Self.defaultSniffWindow,
            detection: detection)
    }

    /// Opens a file with explicit buffer sizes (tests use tiny ones to put chunk boundaries everywhere).
    init(
        path: String, delimiter: UInt8?, encoding: CSVEncoding?, chunkSize: Int, sniffWindow: Int,
        maximumRecordSize: Int
    ) throws(CSVError) {
        let input = try InputBuffer(
            path: path, chunkSize: chunkSize, maximumRecordSize: maximumRecordSize, needsSecondPass: encoding == nil)
        try self.init(input: input, delimiter: delimiter, encoding: encoding, sniffWindow: sniffWindow)
    }

    /// Reads bytes with explicit buffer sizes: each refill copies at most `chunkSize` bytes.
    init(
        bytes: [UInt8], delimiter: UInt8?, encoding: CSVEncoding?, chunkSize: Int, sniffWindow: Int,
        maximumRecordSize: Int
    ) throws(CSVError) {
        let input = InputBuffer(bytes: bytes, chunkSize: chunkSize, maximumRecordSize: maximumRecordSize)
        try self.init(input: input, delimiter: delimiter, encoding: encoding, sniffWindow: sniffWindow)
    }

    private init(
        input: consuming InputBuffer, delimiter: UInt8?, encoding: CSVEncoding?, sniffWindow: Int,
        detection: EncodingDetection = .wholeInput
    ) throws(CSVError) {
        if let delimiter, !Self.canSeparateFields(delimiter) {
            throw .unsupportedDelimiter(delimiter)
        }
        try input.buffer(atLeast: max(8, sniffWindow), recordLine: 1)
        if let reason = Self.reasonNotText(input.base + input.start, count: input.end - input.start) {
            throw .notText(reason: reason)
        }
        let hasByteOrderMark =
            input.end - input.start >= 3 && input.base[input.start] == 0xEF
            && input.base[input.start + 1] == 0xBB && input.base[input.start + 2] == 0xBF
        if hasByteOrderMark { input.start += 3 }
        var line = 1
        try Self.skipBlankLines(&input, line: &line)
        if input.start == input.end { throw .emptyFile }
        try input.buffer(atLeast: sniffWindow, recordLine: line)

        let givenEncoding = encoding
        let encoding: CSVEncoding
        var isTentative = false
        if let givenEncoding {
            encoding = givenEncoding
        } else {
            let detected: (encoding: CSVEncoding, isComplete: Bool)
            switch detection {
            case .wholeInput: detected = try input.detectEncoding()
            case .prefix(let prefix): detected = try input.detectEncoding(prefix: prefix)
            case .checked(let isValidUTF8): detected = (isValidUTF8 ? .utf8 : .windows1252, true)
            }
            encoding = detected.encoding
            isTentative = !detected.isComplete
            if encoding == .windows1252 {
                // Not UTF-8 as a whole; but some lines may be, pasted from another file: then no
                // one encoding reads every line right, and the file is refused rather than misread.
                let scan = try input.scanLineEncodings()
                if scan.isMixed {
                    throw .mixedEncoding(
                        utf8Lines: scan.utf8Lines, utf8LineCount: scan.utf8LineCount, otherLines: scan.otherLines,
                        otherLineCount: scan.otherLineCount)
                }
            }
        }
        let window = input.base + input.start
        let windowCount = input.end - input.start
        let chosen =
            delimiter
            ?? DialectSniffer.delimiter(in: window, count: windowCount, isComplete: input.isAtEndOfInput)
        let lineEnding = DialectSniffer.sample(
            window, count: windowCount, isComplete: input.isAtEndOfInput, delimiter: chosen
        ).firstLineEnding
        input.configureClasses(delimiter: chosen)

        self.input = input
        self.dialect = CSVDialect(
            delimiter: chosen, encoding: encoding, hasByteOrderMark: hasByteOrderMark, lineEnding: lineEnding ?? .lf)
        self.knowsLineEnding = lineEnding != nil
        // A detected UTF-8 was validated by the pre-scan; a given one is checked record by record.
        self.checksUTF8 = givenEncoding == .utf8
        self.encodingIsTentative = isTentative
        self.line = line
    }

    /// The number of input bytes read and parsed so far (the byte order mark included), for a progress bar.
    public var bytesConsumed: Int { input.bytesConsumed }

    /// The size of the input in bytes when known in advance (a regular file or an array), for a progress bar.
    public var totalBytes: Int? { input.totalBytes }

    /// Returns the next record, the header row first, or `nil` after the last one.
    ///
    /// After `.nulByte`, `.invalidUTF8` or `.tooManyFields`, the reader has moved past the bad record and
    /// the next call returns the record after it; after any other error, the next call returns `nil`.
    public mutating func next() throws(CSVError) -> CSVRecord? {
        var fields: [String] = []
        fields.reserveCapacity(headerFieldCount ?? 16)
        guard let line = try nextRecord(into: &fields) else { return nil }
        return CSVRecord(fields: fields, line: line)
    }

    /// Reads the next record into `fields`, reusing its storage, and returns the physical line where the
    /// record starts, or `nil` (with `fields` empty) after the last one. Errors are those of ``next()``.
    public mutating func nextRecord(into fields: inout [String]) throws(CSVError) -> Int? {
        fields.removeAll(keepingCapacity: true)
        guard let (line, expected) = try scanNextRecord() else { return nil }
        makeFields(into: &fields)
        while fields.count < expected { fields.append("") }
        return line
    }

    /// Reads the next record into `record` as UTF-8 bytes, without a `String` per field, and returns
    /// the physical line where the record starts, or `nil` (with `record` empty) after the last
    /// one. Errors are those of ``next()``. A Windows-1252 input is converted to UTF-8.
    public mutating func nextRecord(into record: inout CSVRecordBytes) throws(CSVError) -> Int? {
        record.removeAll()
        guard let (line, expected) = try scanNextRecord() else { return nil }
        makeFields(into: &record)
        while record.count < expected { record.appendEmptyField() }
        return line
    }

    /// Scans the next record into `spans`; returns its line and the number of fields it must have.
    private mutating func scanNextRecord() throws(CSVError) -> (line: Int, fieldCount: Int)? {
        if isFinished { return nil }
        do {
            try Self.skipBlankLines(&input, line: &line)
        } catch {
            isFinished = true
            throw error
        }
        if input.start == input.end {
            isFinished = true
            return nil
        }
        let recordLine = line
        while true {
            switch Self.scanRecord(input, delimiter: dialect.delimiter, spans: &spans) {
            case .needsMoreInput:
                do {
                    try input.refill(recordLine: recordLine)
                } catch {
                    isFinished = true
                    throw error
                }
            case .unterminatedQuote(let field):
                isFinished = true
                input.start = input.end
                throw .unterminatedQuote(line: recordLine, field: field)
            case .record(let next, let lineBreaks, let ending, let nulField):
                let recordStart = input.start
                input.start = next
                line += lineBreaks
                if !knowsLineEnding, let ending {
                    dialect.lineEnding = ending
                    knowsLineEnding = true
                }
                let expected = headerFieldCount ?? spans.count
                headerFieldCount = expected
                if nulField > 0 {
                    throw .nulByte(line: recordLine, field: nulField)
                }
                if checksUTF8, let field = invalidUTF8Field(from: recordStart, to: next) {
                    throw .invalidUTF8(line: recordLine, field: field)
                }
                if spans.count > expected {
                    throw .tooManyFields(line: recordLine, expected: expected, found: spans.count)
                }
                return (recordLine, expected)
            }
        }
    }

    // MARK: - Scanning

    /// Where one field's bytes are in the buffer.
    struct FieldSpan {
        /// The first byte: of the value, or just after the opening quote of a quoted field with escapes.
        var start: Int
        /// One past the last byte.
        var end: Int
        /// Whether the bytes still hold doubled quotes, the closing quote and maybe text after it.
        var needsUnescaping: Bool
    }

    /// What scanning from `input.start` found.
    enum ScanOutcome {
        /// A whole record: its fields are in `spans`, the next record starts at `next`. `nulField` is
        /// the first field holding a NUL byte, or 0.
        case record(next: Int, lineBreaks: Int, ending: CSVDialect.LineEnding?, nulField: Int)
        /// The record goes on past the buffered bytes.
        case needsMoreInput
        /// The input ends inside the quoted field `field`.
        case unterminatedQuote(field: Int)
    }

    /// Finds the fields of the record at `input.start`, without decoding them. Called again from the
    /// record's start after a refill when the record was cut off.
    static func scanRecord(
        _ input: borrowing InputBuffer, delimiter: UInt8, spans: inout [FieldSpan]
    ) -> ScanOutcome {
        let bytes = input.base
        let classes = input.classes
        let end = input.end
        let isComplete = input.isAtEndOfInput
        var i = input.start
        var lineBreaks = 0
        var nulField = 0
        spans.removeAll(keepingCapacity: true)

        while true {
            let fieldStart = i
            if i == end {
                // Only after a delimiter: the record's last field is empty.
                if !isComplete { return .needsMoreInput }
                spans.append(FieldSpan(start: i, end: i, needsUnescaping: false))
                return .record(next: i, lineBreaks: lineBreaks, ending: nil, nulField: nulField)
            }
            if bytes[i] == ASCII.quote {
                i += 1
                var needsUnescaping = false
                var contentEnd = i
                quoted: while true {
                    i = scanQuoted(bytes, classes: classes, from: i, end: end)
                    if i == end {
                        return isComplete ? .unterminatedQuote(field: spans.count + 1) : .needsMoreInput
                    }
                    let byte = bytes[i]
                    if byte == ASCII.quote {
                        if i + 1 == end && !isComplete { return .needsMoreInput }
                        if i + 1 < end && bytes[i + 1] == ASCII.quote {
                            needsUnescaping = true
                            i += 2
                            continue
                        }
                        contentEnd = i
                        i += 1
                        break quoted
                    } else if byte == ASCII.lineFeed {
                        lineBreaks += 1
                        i += 1
                    } else if byte == ASCII.carriageReturn {
                        if i + 1 == end && !isComplete { return .needsMoreInput }
                        i += i + 1 < end && bytes[i + 1] == ASCII.lineFeed ? 2 : 1
                        lineBreaks += 1
                    } else {
                        if nulField == 0 { nulField = spans.count + 1 }
                        i += 1
                    }
                }
                if i == end && !isComplete { return .needsMoreInput }
                let hasTrailingText = i < end && classes[Int(bytes[i])] & ByteClass.endsUnquotedField == 0
                if hasTrailingText || needsUnescaping {
                    // Text after the closing quote is kept literally, as Excel does.
                    i = scanUnquoted(
                        bytes, classes: classes, delimiter: delimiter, from: i, end: end, nulField: &nulField,
                        field: spans.count + 1)
                    if i == end && !isComplete { return .needsMoreInput }
                    spans.append(FieldSpan(start: fieldStart + 1, end: i, needsUnescaping: true))
                } else {
                    spans.append(FieldSpan(start: fieldStart + 1, end: contentEnd, needsUnescaping: false))
                }
            } else {
                i = scanUnquoted(
                    bytes, classes: classes, delimiter: delimiter, from: i, end: end, nulField: &nulField,
                    field: spans.count + 1)
                if i == end && !isComplete { return .needsMoreInput }
                spans.append(FieldSpan(start: fieldStart, end: i, needsUnescaping: false))
            }

            if i == end {
                return .record(next: i, lineBreaks: lineBreaks, ending: nil, nulField: nulField)
            }
            let separator = bytes[i]
            if separator == delimiter {
                i += 1
                continue
            }
            if separator == ASCII.lineFeed {
                return .record(next: i + 1, lineBreaks: lineBreaks + 1, ending: .lf, nulField: nulField)
            }
            // A carriage return: alone, or the start of CRLF.
            if i + 1 == end && !isComplete { return .needsMoreInput }
            if i + 1 < end && bytes[i + 1] == ASCII.lineFeed {
                return .record(next: i + 2, lineBreaks: lineBreaks + 1, ending: .crlf, nulField: nulField)
            }
            return .record(next: i + 1, lineBreaks: lineBreaks + 1, ending: .cr, nulField: nulField)
        }
    }

    /// Advances over unquoted field bytes to the next delimiter, CR or LF (or `end`), noting NUL bytes.
    @inline(__always)
    static func scanUnquoted(
        _ bytes: UnsafeMutablePointer<UInt8>, classes: UnsafeMutablePointer<UInt8>, delimiter: UInt8,
        from start: Int, end: Int, nulField: inout Int, field: Int
    ) -> Int {
        let delimiters = WordScan.broadcast(delimiter)
        var i = start
        while true {
            // Eight bytes at a time while none of them may end the field.
            while i &+ 8 <= end && !WordScan.mayHoldControlOr(delimiters, UnsafeRawPointer(bytes + i)) { i &+= 8 }
            let limit = min(i &+ 8, end)
            while i < limit && classes[Int(bytes[i])] & ByteClass.endsUnquotedField == 0 { i &+= 1 }
            if i == limit {
                if i == end { return i }
                continue  // A tab or another low control byte, not a stop.
            }
            if bytes[i] == ASCII.nul {
                if nulField == 0 { nulField = field }
                i &+= 1
                continue
            }
            return i
        }
    }

    /// Advances inside a quoted field to the next quote, CR, LF or NUL (or `end`).
    @inline(__always)
    static func scanQuoted(
        _ bytes: UnsafeMutablePointer<UInt8>, classes: UnsafeMutablePointer<UInt8>, from start: Int, end: Int
    ) -> Int {
        let quotes = WordScan.broadcast(ASCII.quote)
        var i = start
        while true {
            while i &+ 8 <= end && !WordScan.mayHoldControlOr(quotes, UnsafeRawPointer(bytes + i)) { i &+= 8 }
            let limit = min(i &+ 8, end)
            while i < limit && classes[Int(bytes[i])] & ByteClass.stopsQuotedScan == 0 { i &+= 1 }
            if i == limit && i < end { continue }
            return i
        }
    }

    /// Skips empty lines (counting them) up to the next record or the end of the input.
    static func skipBlankLines(_ input: inout InputBuffer, line: inout Int) throws(CSVError) {
        while true {
            if input.start == input.end {
                if input.isAtEndOfInput { return }
                try input.refill(recordLine: line)
                continue
            }
            let byte = input.base[input.start]
            if byte == ASCII.lineFeed {
                input.start += 1
                line += 1
            } else if byte == ASCII.carriageReturn {
                if input.start + 1 == input.end && !input.isAtEndOfInput {
                    try input.refill(recordLine: line)
                    continue
                }
                let crlf = input.start + 1 < input.end && input.base[input.start + 1] == ASCII.lineFeed
                input.start += crlf ? 2 : 1
                line += 1
            } else {
                return
            }
        }
    }

    // MARK: - Decoding

    /// Builds the strings of the fields found by the last scan.
    private func makeFields(into fields: inout [String]) {
        let bytes = UnsafePointer(input.base)
        switch dialect.encoding {
        case .utf8:
            for span in spans {
                let start = bytes + span.start
                let count = span.end - span.start
                if span.needsUnescaping {
                    fields.append(Self.unescapedUTF8(start, count: count))
                } else {
                    fields.append(String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self))
                }
            }
        case .windows1252:
            for span in spans {
                fields.append(
                    Windows1252.string(
                        bytes + span.start, count: span.end - span.start, unescaping: span.needsUnescaping))
            }
        }
    }

    private func makeFields(into record: inout CSVRecordBytes) {
        let bytes = UnsafePointer(input.base)
        switch dialect.encoding {
        case .utf8:
            // One buffer of the record's size, the fields copied (and unescaped) straight into it.
            let size = spans.reduce(0) { $0 + $1.end - $1.start }
            var ends: [Int] = []
            ends.reserveCapacity(max(spans.count, headerFieldCount ?? 0))
            let fields = [UInt8](unsafeUninitializedCapacity: max(size, 1)) { buffer, count in
                var written = 0
                for span in spans {
                    let start = bytes + span.start
                    let length = span.end - span.start
                    if span.needsUnescaping {
                        written += Self.unescape(start, count: length, into: buffer.baseAddress! + written)
                    } else {
                        (buffer.baseAddress! + written).update(from: start, count: length)
                        written += length
                    }
                    ends.append(written)
                }
                count = written
            }
            record = CSVRecordBytes(bytes: fields, ends: ends)
        case .windows1252:
            for span in spans {
                var text = Windows1252.string(bytes + span.start, count: span.end - span.start, unescaping: span.needsUnescaping)
                text.withUTF8 { record.appendField($0) }
            }
        }
    }

    /// Copies a quoted field from just after its opening quote to `output` as ``unescapedUTF8(_:count:)``
    /// reads it; returns the number of bytes written (at most `count`).
    static func unescape(_ start: UnsafePointer<UInt8>, count: Int, into output: UnsafeMutablePointer<UInt8>) -> Int {
        // `forEachValueByte(unescaping: true)`, with the runs between quotes copied whole: a long
        // description holds few quotes.
        var written = 0
        var i = 0
        while i < count {
            let run = memchr(start + i, Int32(ASCII.quote), count &- i).map { UnsafeRawPointer($0) - UnsafeRawPointer(start + i) }
                ?? count &- i
            (output + written).update(from: start + i, count: run)
            written &+= run
            i &+= run
            guard i < count else { break }
            i &+= 1
            if i < count && start[i] == ASCII.quote {
                output[written] = ASCII.quote
                written &+= 1
                i &+= 1
            } else {
                // The closing quote: what follows it is kept as it is.
                (output + written).update(from: start + i, count: count &- i)
                written &+= count &- i
                break
            }
        }
        return written
    }

    /// Calls `body` with each byte of a field's value, in order. When `unescaping`, the bytes are the
    /// inside of a quoted field from just after its opening quote: `""` stands for `"`, and the first
    /// lone quote closes the quoted part (bytes after it are kept literally).
    @inline(__always)
    static func forEachValueByte(
        _ start: UnsafePointer<UInt8>, count: Int, unescaping: Bool, _ body: (UInt8) -> Void
    ) {
        var inQuotes = unescaping
        var i = 0
        while i < count {
            let byte = start[i]
            i &+= 1
            if inQuotes && byte == ASCII.quote {
                if i < count && start[i] == ASCII.quote {
                    i &+= 1
                } else {
                    inQuotes = false
                    continue
                }
            }
            body(byte)
        }
    }

    /// The value of a quoted field from just after its opening quote: `""` becomes `"`, the closing
    /// quote is dropped, and text after it is kept.
    static func unescapedUTF8(_ start: UnsafePointer<UInt8>, count: Int) -> String {
        if count == 0 { return "" }
        return String(unsafeUninitializedCapacity: count) { output in
            unescape(start, count: count, into: output.baseAddress!)
        }
    }

    /// The first field of the record in `start..<end` that is not valid UTF-8, if any.
    private func invalidUTF8Field(from start: Int, to end: Int) -> Int? {
        let bytes = UnsafePointer(input.base)
        if UTF8Validation.isValid(bytes + start, count: end - start) { return nil }
        for (index, span) in spans.enumerated()
        where !UTF8Validation.isValid(bytes + span.start, count: span.end - span.start) {
            return index + 1
        }
        return 1
    }

    // MARK: - Checks at opening

    /// Whether `byte` may separate fields: printable or tab, ASCII, and not the quote.
    static func canSeparateFields(_ byte: UInt8) -> Bool {
        (byte == ASCII.tab || (0x20..<0x7F).contains(byte)) && byte != ASCII.quote
    }

    /// Why the input starting with these bytes is not CSV text, or `nil` when it may be.
    static func reasonNotText(_ start: UnsafePointer<UInt8>, count: Int) -> String? {
        func startsWith(_ magic: [UInt8]) -> Bool {
            guard count >= magic.count else { return false }
            for (offset, byte) in magic.enumerated() where start[offset] != byte { return false }
            return true
        }
        if startsWith([0x50, 0x4B, 0x03, 0x04]) {
            return "this looks like an Excel workbook (.xlsx); save it as CSV first"
        }
        if startsWith([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return "this looks like an Excel 97-2003 workbook (.xls); save it as CSV first"
        }
        if startsWith([0xFF, 0xFE]) || startsWith([0xFE, 0xFF]) {
            return "this looks like UTF-16 text (Excel's \"Unicode Text\"); save it as \"CSV UTF-8\" first"
        }
        if startsWith([0x1F, 0x8B]) {
            return "this looks like a gzip-compressed file; decompress it first"
        }
        if startsWith(Array("%PDF-".utf8)) {
            return "this looks like a PDF document, not a spreadsheet export"
        }
        var nulBytes = 0
        for offset in 0..<min(count, 1024) where start[offset] == ASCII.nul { nulBytes += 1 }
        if nulBytes > 3 {
            return "it holds NUL bytes, so it is binary data, not text"
        }
        return nil
    }
}

/// Tests on eight bytes at once (SWAR), to skip quickly over the bytes of a field.
enum WordScan {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The byte repeated in all eight lanes.
    @inline(__always)
    static func broadcast(_ byte: UInt8) -> UInt64 { UInt64(byte) &* ones }

    /// Whether any of the eight bytes at `address` is below 0x0E (NUL, tab, LF, CR…) or equals the
    /// byte broadcast in `pattern`. Exact as a yes/no answer (a "yes" may come from a tab).
    @inline(__always)
    static func mayHoldControlOr(_ pattern: UInt64, _ address: UnsafeRawPointer) -> Bool {
        let word = address.loadUnaligned(as: UInt64.self)
        let matches = word ^ pattern
        let below = (word &- ones &* 0x0E) & ~word
        let equal = (matches &- ones) & ~matches
        return (below | equal) & highBits != 0
    }
}
