/// A problem met while reading or writing CSV, saying what went wrong and where.
///
/// Line numbers are 1-based physical lines of the file (a CRLF counts as one line break, and so does
/// a lone CR); for a record-level problem the line is the one where the record starts. Field
/// numbers are 1-based.
///
/// Record-level errors (``nulByte(line:field:)``, ``invalidUTF8(line:field:)`` and
/// ``tooManyFields(line:expected:found:)``) leave the reader positioned after the bad record, so a
/// caller may report the error and keep reading; every other error ends the reading.
public enum CSVError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be opened; `reason` is the operating system's explanation.
    case cannotOpen(path: String, reason: String)
    /// Reading the file failed part way; `reason` is the operating system's explanation.
    case cannotRead(path: String, reason: String)
    /// The output file could not be created or truncated; `reason` is the operating system's explanation.
    case cannotCreate(path: String, reason: String)
    /// Writing or closing the output file failed; `reason` is the operating system's explanation.
    case cannotWrite(path: String, reason: String)
    /// The input holds no record: it is zero bytes long, or holds only a byte order mark and blank lines.
    case emptyFile
    /// The input is not CSV text at all (a spreadsheet workbook, UTF-16 text, binary data); `reason` says
    /// what it looks like.
    case notText(reason: String)
    /// The delimiter asked for cannot separate fields (a quote, CR, LF, NUL or a non-ASCII byte).
    case unsupportedDelimiter(UInt8)
    /// A NUL byte (0x00) appears in the given field of the record starting at `line`.
    case nulByte(line: Int, field: Int)
    /// A field opens a quote that is never closed before the end of the file.
    case unterminatedQuote(line: Int, field: Int)
    /// The record starting at `line` has more fields than the header row.
    case tooManyFields(line: Int, expected: Int, found: Int)
    /// The given field of the record starting at `line` is not valid UTF-8, while UTF-8 was required.
    case invalidUTF8(line: Int, field: Int)
    /// The record starting at `line` grows past `limit` bytes, which usually means a closing quote is missing.
    case recordTooLarge(line: Int, limit: Int)
    /// Some lines are UTF-8 beyond ASCII and others are not UTF-8 at all (the first lines of each
    /// kind, and how many there are): the file mixes two encodings and no one encoding reads it right.
    case mixedEncoding(utf8Lines: [Int], utf8LineCount: Int, otherLines: [Int], otherLineCount: Int)

    // The reader itself accepts the inputs below; they are the limits and checks of a caller that
    // knows more about what the file should hold (the applicant import), worded as CSV problems.

    /// The input holds a header row and nothing after it.
    case noRecords
    /// The record starting at `line` has `found` fields, more than the caller's `limit`.
    case tooManyColumns(line: Int, found: Int, limit: Int)
    /// The given field of the record starting at `line` is `size` bytes long, more than the caller's `limit`.
    case fieldTooLarge(line: Int, field: Int, size: Int, limit: Int)
    /// The header cell in `field` of the header row at `line` is `size` bytes long, more than a column
    /// name may hold (`limit`).
    case headerTooLarge(line: Int, field: Int, size: Int, limit: Int)
    /// The record starting at `line` separates its values with `found`, while the file uses `delimiter`.
    case mixedDelimiters(line: Int, delimiter: UInt8, found: UInt8)

    /// A one-line message for a person, naming the line and field where it applies.
    public var description: String {
        guard let position else { return reason }
        return "\(position): \(reason)"
    }

    /// The line the problem is on, when it is on one.
    public var line: Int? {
        switch self {
        case .nulByte(let line, _), .unterminatedQuote(let line, _), .tooManyFields(let line, _, _), .invalidUTF8(let line, _),
            .recordTooLarge(let line, _), .tooManyColumns(let line, _, _), .fieldTooLarge(let line, _, _, _),
            .headerTooLarge(let line, _, _, _), .mixedDelimiters(let line, _, _):
            line
        case .cannotOpen, .cannotRead, .cannotCreate, .cannotWrite, .emptyFile, .notText, .unsupportedDelimiter,
            .mixedEncoding, .noRecords:
            nil
        }
    }

    /// The field (1-based) the problem is in, when it is in one.
    public var field: Int? {
        switch self {
        case .nulByte(_, let field), .invalidUTF8(_, let field), .fieldTooLarge(_, let field, _, _),
            .headerTooLarge(_, let field, _, _):
            field
        default:
            nil
        }
    }

    /// Where the problem is, as the message starts: `line 4`, `line 4, field 2`.
    private var position: String? {
        guard let line else { return nil }
        switch self {
        case .headerTooLarge: return "line \(line), column \(field ?? 0)"
        default: return field.map { "line \(line), field \($0)" } ?? "line \(line)"
        }
    }

    /// The message without its position, for a front end that shows the line and field apart (an
    /// import's problem, a JSON failure's facts).
    public var reason: String {
        switch self {
        case .cannotOpen(let path, let reason):
            return "cannot open \(path): \(reason)"
        case .cannotRead(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .cannotCreate(let path, let reason):
            return "cannot create \(path): \(reason)"
        case .cannotWrite(let path, let reason):
            return "cannot write \(path): \(reason)"
        case .emptyFile:
            return "the file is empty: it holds no header row and no records"
        case .notText(let reason):
            return "not a CSV text file: \(reason)"
        case .unsupportedDelimiter(let byte):
            let hex = String(byte, radix: 16, uppercase: true)
            return
                "the delimiter 0x\(hex) cannot separate CSV fields; use a printable ASCII character other than a quote"
        case .nulByte:
            return "NUL byte (0x00) in the data; the file looks binary, not like CSV text"
        case .unterminatedQuote(_, let field):
            return "unterminated quoted field (the quote opened here, in field \(field), is never closed)"
        case .tooManyFields(_, let expected, let found):
            return "\(found) fields, but the header has \(expected)"
                + " (is a delimiter inside an unquoted value?)"
        case .invalidUTF8:
            return "the bytes are not valid UTF-8 (is the file in Windows-1252?)"
        case .recordTooLarge(_, let limit):
            return "the record is larger than \(limit) bytes"
                + " (often a quoted field whose closing quote is missing)"
        case .mixedEncoding(let utf8Lines, let utf8Count, let otherLines, let otherCount):
            return "the file mixes two text encodings: \(Self.lines(otherLines, of: otherCount)) not UTF-8 (Windows-1252?)"
                + " while \(Self.lines(utf8Lines, of: utf8Count)) UTF-8, so some accents would be stored wrong;"
                + " save the file again as UTF-8 (\"CSV UTF-8\" in Excel), or force the encoding if you know it"
        case .noRecords:
            return "the file holds a header row but no records below it: there is nothing to import"
        case .tooManyColumns(_, let found, let limit):
            return "\(found) columns, more than the \(limit) accepted (is this the right file?)"
        case .fieldTooLarge(_, _, let size, let limit):
            return "the value is \(size) bytes long, more than the \(limit) accepted"
                + " (often a quoted field whose closing quote is missing)"
        case .headerTooLarge(_, _, let size, let limit):
            return "the header is \(size) bytes long, more than the \(limit) a column name may hold"
                + " (is this the right file, or a quote left open?)"
        case .mixedDelimiters(_, let delimiter, let found):
            return "the values are separated by \(Self.name(of: found)), but the file by"
                + " \(Self.name(of: delimiter)) (mixed delimiters); save the file again with one delimiter"
        }
    }

    /// A stable code for the problem (`csv.unterminated_quote`), apart from its words.
    public var code: String {
        switch self {
        case .cannotOpen: "csv.cannot_open"
        case .cannotRead: "csv.cannot_read"
        case .cannotCreate: "csv.cannot_create"
        case .cannotWrite: "csv.cannot_write"
        case .emptyFile: "csv.empty_file"
        case .notText: "csv.not_text"
        case .unsupportedDelimiter: "csv.unsupported_delimiter"
        case .nulByte: "csv.nul_byte"
        case .unterminatedQuote: "csv.unterminated_quote"
        case .tooManyFields: "csv.too_many_fields"
        case .invalidUTF8: "csv.invalid_utf8"
        case .recordTooLarge: "csv.record_too_large"
        case .mixedEncoding: "csv.mixed_encoding"
        case .noRecords: "csv.no_records"
        case .tooManyColumns: "csv.too_many_columns"
        case .fieldTooLarge: "csv.field_too_large"
        case .headerTooLarge: "csv.header_too_large"
        case .mixedDelimiters: "csv.mixed_delimiters"
        }
    }

    /// Whether the problem is the file system's (the file could not be opened, read or written)
    /// rather than the file's content.
    public var isFileSystemFailure: Bool {
        switch self {
        case .cannotOpen, .cannotRead, .cannotCreate, .cannotWrite: true
        case .emptyFile, .notText, .unsupportedDelimiter, .nulByte, .unterminatedQuote, .tooManyFields, .invalidUTF8,
            .recordTooLarge, .mixedEncoding, .noRecords, .tooManyColumns, .fieldTooLarge, .headerTooLarge, .mixedDelimiters:
            false
        }
    }

    /// `.headerTooLarge` for the first cell of a header row longer than `limit` bytes, if any.
    public static func oversizedHeader(_ headers: [String], line: Int, limit: Int) -> CSVError? {
        guard let index = headers.firstIndex(where: { $0.utf8.count > limit }) else { return nil }
        return .headerTooLarge(line: line, field: index + 1, size: headers[index].utf8.count, limit: limit)
    }

    /// `line 3 is`, `lines 3, 7 and 9 are`, `lines 3, 7, … (12 lines) are`.
    static func lines(_ lines: [Int], of count: Int) -> String {
        let numbers = lines.map(String.init)
        if count == 1 { return "line \(numbers.first ?? "?") is" }
        if count > lines.count { return "lines \(numbers.joined(separator: ", ")), … (\(count) lines) are" }
        return "lines \(numbers.dropLast().joined(separator: ", ")) and \(numbers.last ?? "?") are"
    }

    /// A delimiter as people name it: “,”, “;” or tabs.
    static func name(of delimiter: UInt8) -> String {
        delimiter == 0x09 ? "tabs" : "“\(String(UnicodeScalar(delimiter)))”"
    }
}
