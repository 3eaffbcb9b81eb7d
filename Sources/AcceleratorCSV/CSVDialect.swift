/// The character encoding of CSV text.
public enum CSVEncoding: String, Sendable, CaseIterable {
    /// UTF-8, the encoding of Google Sheets, Typeform and "CSV UTF-8" from Excel.
    case utf8 = "utf-8"
    /// Windows-1252, what Excel writes as plain "CSV" on Western European Windows: Latin-1 with
    /// € ’ œ and other signs in place of the C1 controls 0x80–0x9F.
    case windows1252 = "windows-1252"
}

/// How a CSV file is written: its delimiter, encoding, byte order mark and line ending.
public struct CSVDialect: Sendable, Equatable {
    /// The way records end.
    public enum LineEnding: String, Sendable, Equatable, CaseIterable {
        /// A line feed (0x0A), as on Unix and macOS.
        case lf = "LF"
        /// A carriage return then a line feed (0x0D 0x0A), as on Windows and in RFC 4180.
        case crlf = "CRLF"
        /// A lone carriage return (0x0D), as in classic Mac OS files.
        case cr = "CR"

        /// The bytes of this line ending.
        public var bytes: [UInt8] {
            switch self {
            case .lf: return [0x0A]
            case .crlf: return [0x0D, 0x0A]
            case .cr: return [0x0D]
            }
        }
    }

    /// The byte separating fields: `,` (0x2C), `;` (0x3B) or tab (0x09) in practice.
    public var delimiter: UInt8
    /// The character encoding of the text.
    public var encoding: CSVEncoding
    /// Whether the file starts with a UTF-8 byte order mark (EF BB BF), which the reader removes.
    public var hasByteOrderMark: Bool
    /// How the first record ends: LF when the file has a single record and no line break, and learnt
    /// when the first record is read if the header is longer than the 64 KiB looked at on opening.
    public var lineEnding: LineEnding

    /// Creates a dialect from its parts.
    public init(delimiter: UInt8, encoding: CSVEncoding, hasByteOrderMark: Bool, lineEnding: LineEnding) {
        self.delimiter = delimiter
        self.encoding = encoding
        self.hasByteOrderMark = hasByteOrderMark
        self.lineEnding = lineEnding
    }
}

/// One row of a CSV file: its fields and where it starts.
public struct CSVRecord: Sendable, Equatable {
    /// The field values, unquoted and decoded; as many as the header has (short records are padded with empty strings).
    public var fields: [String]
    /// The 1-based physical line where the record starts.
    public var line: Int

    /// Creates a record from its fields and starting line.
    public init(fields: [String], line: Int) {
        self.fields = fields
        self.line = line
    }
}
