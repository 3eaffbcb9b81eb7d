/// A CSV writer into memory, quoting only the fields that need it; the caller hands the bytes on
/// (to a file written whole, to standard output) with ``drain(_:)`` whenever it likes, so that a
/// long output streams in chunks.
///
/// A field is quoted when it holds the delimiter, a quote, CR or LF, or starts or ends with a
/// space; quotes inside are doubled. A record made of one empty field is written `""` so that it
/// is not read back as a blank line. Text is written as UTF-8.
///
/// ```swift
/// var writer = CSVWriter(format: .excelFrench)
/// try writer.write(["nom", "montant"])
/// try writer.write(["Atlas AI", "1 500 000,50"])
/// try writer.drain { bytes in try output.write(bytes) }
/// ```
public struct CSVWriter: ~Copyable {
    /// How records are written: delimiter, line ending, byte order mark.
    public struct Format: Sendable, Equatable {
        /// The byte separating fields.
        public var delimiter: UInt8
        /// The bytes ending each record.
        public var lineEnding: [UInt8]
        /// Whether the output starts with a UTF-8 byte order mark (EF BB BF), which Excel needs to read UTF-8.
        public var writesByteOrderMark: Bool

        /// Creates a format from its parts.
        public init(delimiter: UInt8, lineEnding: [UInt8], writesByteOrderMark: Bool) {
            self.delimiter = delimiter
            self.lineEnding = lineEnding
            self.writesByteOrderMark = writesByteOrderMark
        }

        /// RFC 4180: comma, CRLF, no byte order mark.
        public static let rfc4180 = Format(delimiter: 0x2C, lineEnding: [0x0D, 0x0A], writesByteOrderMark: false)
        /// What Excel on a French locale opens directly: semicolon, CRLF, UTF-8 byte order mark.
        public static let excelFrench = Format(delimiter: 0x3B, lineEnding: [0x0D, 0x0A], writesByteOrderMark: true)
    }

    /// The format records are written in.
    public let format: Format
    private var buffer: [UInt8] = []
    private var isFinished = false

    /// Creates a writer; the byte order mark, if the format has one, is its first bytes.
    public init(format: Format) {
        self.format = format
        if format.writesByteOrderMark { buffer.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
    }

    /// The bytes written and not yet drained.
    public var bytes: [UInt8] { buffer }

    /// How many bytes are written and not yet drained.
    public var pendingByteCount: Int { buffer.count }

    /// Hands the bytes written so far to `sink` and forgets them (keeping the memory for the next).
    public mutating func drain<E: Error>(_ sink: (UnsafeRawBufferPointer) throws(E) -> Void) throws(E) {
        var failure: E?
        buffer.withUnsafeBytes { bytes in
            do throws(E) { try sink(bytes) } catch { failure = error }
        }
        if let failure { throw failure }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes one record.
    /// - Throws: `.cannotWrite` when flushing to the file fails or the writer is finished.
    public mutating func write(_ fields: [String]) throws(CSVError) {
        if isFinished {
            throw .cannotWrite(path: "(memory)", reason: "the writer is already finished")
        }
        let delimiter = format.delimiter
        for index in fields.indices {
            if index > 0 { buffer.append(delimiter) }
            var field = fields[index]
            field.withUTF8 { Self.append($0, delimiter: delimiter, to: &buffer) }
        }
        if fields.count == 1 && fields[0].isEmpty {
            buffer.append(ASCII.quote)
            buffer.append(ASCII.quote)
        }
        buffer.append(contentsOf: format.lineEnding)
    }

    /// Stops further writes.
    public mutating func finish() {
        isFinished = true
    }

    /// Appends one field, quoted if needed.
    private static func append(_ field: UnsafeBufferPointer<UInt8>, delimiter: UInt8, to output: inout [UInt8]) {
        guard let first = field.first, let last = field.last else { return }
        var needsQuotes = first == ASCII.space || last == ASCII.space
        var hasQuote = false
        if !needsQuotes {
            for byte in field
            where byte == delimiter || byte == ASCII.quote || byte == ASCII.lineFeed
                || byte == ASCII.carriageReturn
            {
                needsQuotes = true
                hasQuote = byte == ASCII.quote
                break
            }
        }
        if !needsQuotes {
            output.append(contentsOf: field)
            return
        }
        if !hasQuote { hasQuote = field.contains(ASCII.quote) }
        output.append(ASCII.quote)
        if hasQuote {
            var segmentStart = 0
            for index in field.indices where field[index] == ASCII.quote {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: field[segmentStart...index]))
                output.append(ASCII.quote)
                segmentStart = index + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: field[segmentStart...]))
        } else {
            output.append(contentsOf: field)
        }
        output.append(ASCII.quote)
    }
}
