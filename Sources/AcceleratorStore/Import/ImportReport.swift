import AcceleratorCSV
import AcceleratorDomain
import AcceleratorFiles

/// How an import treats invalid rows.
public enum ImportMode: Sendable, Equatable {
    /// One error and nothing is written.
    case allOrNothing
    /// Valid rows are written; invalid ones go to a rejects file.
    case skipInvalid(rejectsPath: String)
}

/// What the user asked of an import.
public struct ImportRequest: Sendable {
    /// Where the spreadsheet is read from.
    public var source: RecordSource
    /// The spreadsheet as messages and the batch name it (`source.name`).
    public var path: String
    /// The cohort of rows without a cohort column.
    public var cohort: String?
    /// `--map "Header=field"` arguments.
    public var mappings: [String]
    /// Forced delimiter, else sniffed.
    public var delimiter: UInt8?
    /// Forced encoding, else detected.
    public var encoding: CSVEncoding?
    /// All or nothing, or skip invalid rows.
    public var mode: ImportMode
    /// Roll back at the end, whatever happens.
    public var dryRun: Bool
    /// The current day.
    public var today: CalendarDate
    /// Called now and then with (bytes read, total bytes).
    public var progress: (@Sendable (Int, Int) -> Void)?
    /// Whether the caller holds the database alone for the import (no other process reads or writes
    /// it meanwhile): a first import into an empty database may then write through a rollback
    /// journal, each page once (`ImportJournal`). Never assumed: a server sharing the file says no.
    public var exclusive: Bool
    /// How the front end names its inputs, in the rows' problems that point to one (`--cohort`).
    public var wording: any Wording

    /// Creates a request for the file at `path` ("-" for standard input).
    public init(
        path: String, cohort: String?, mappings: [String] = [], delimiter: UInt8? = nil, encoding: CSVEncoding? = nil,
        mode: ImportMode = .allOrNothing, dryRun: Bool = false, today: CalendarDate,
        progress: (@Sendable (Int, Int) -> Void)? = nil, exclusive: Bool = false, wording: any Wording = CommandLineWording()
    ) {
        self.init(
            source: .path(path), cohort: cohort, mappings: mappings, delimiter: delimiter, encoding: encoding, mode: mode,
            dryRun: dryRun, today: today, progress: progress, exclusive: exclusive, wording: wording)
    }

    /// Creates a request for any source: a file, standard input, bytes in memory.
    public init(
        source: RecordSource, cohort: String?, mappings: [String] = [], delimiter: UInt8? = nil,
        encoding: CSVEncoding? = nil, mode: ImportMode = .allOrNothing, dryRun: Bool = false, today: CalendarDate,
        progress: (@Sendable (Int, Int) -> Void)? = nil, exclusive: Bool = false, wording: any Wording = CommandLineWording()
    ) {
        self.exclusive = exclusive
        self.wording = wording
        self.source = source
        self.path = source.name
        self.cohort = cohort
        self.mappings = mappings
        self.delimiter = delimiter
        self.encoding = encoding
        self.mode = mode
        self.dryRun = dryRun
        self.today = today
        self.progress = progress
    }
}

/// Two rows of one file for the same startup: the later one wins.
public struct DuplicateRow: Sendable, Equatable, Codable {
    /// The later row's line (the one kept).
    public var line: Int
    /// The earlier row's line.
    public var earlierLine: Int
    /// The startup's name.
    public var startup: String

    // In JSON the startup is a reference: `startupName`.
    private enum CodingKeys: String, CodingKey {
        case line, earlierLine, startup = "startupName"
    }
}

/// The dialect as detected, for the report.
public struct DialectSummary: Sendable, Equatable, Codable {
    /// `,`, `;` or `tab`.
    public var delimiter: String
    /// `utf-8` or `windows-1252`.
    public var encoding: String
    /// Whether the file starts with a byte order mark.
    public var byteOrderMark: Bool
    /// `LF`, `CRLF` or `CR`.
    public var lineEnding: String

    init(_ dialect: CSVDialect) {
        switch dialect.delimiter {
        case UInt8(ascii: "\t"): delimiter = "tab"
        default: delimiter = String(UnicodeScalar(dialect.delimiter))
        }
        encoding = dialect.encoding.rawValue
        byteOrderMark = dialect.hasByteOrderMark
        lineEnding = dialect.lineEnding.rawValue
    }

    /// One line for people: `“;”-separated, utf-8 with BOM, CRLF line ends`.
    public var summary: String {
        "“\(delimiter)”-separated, \(encoding)\(byteOrderMark ? " with BOM" : ""), \(lineEnding) line ends"
    }

    /// The dialect a batch recorded as its `summary` (the `batch` table keeps that line), or `nil`
    /// for any other text.
    public init?(storedSummary text: String) {
        let separated = "”-separated, ", ends = " line ends"
        guard text.hasPrefix("“"), text.hasSuffix(ends) else { return nil }
        let body = text.dropFirst().dropLast(ends.count)
        // The delimiter is one character, or `tab`.
        let delimiter = body.hasPrefix("tab" + separated) ? "tab" : String(body.prefix(1))
        let afterDelimiter = body.dropFirst(delimiter.count)
        guard !delimiter.isEmpty, afterDelimiter.hasPrefix(separated) else { return nil }
        let rest = afterDelimiter.dropFirst(separated.count)
        guard let comma = rest.lastIndex(of: ",") else { return nil }
        var encoding = rest[..<comma]
        let lineEnding = String(rest[rest.index(after: comma)...].dropFirst())
        let byteOrderMark = encoding.hasSuffix(" with BOM")
        if byteOrderMark { encoding = encoding.dropLast(" with BOM".count) }
        guard CSVEncoding(rawValue: String(encoding)) != nil, CSVDialect.LineEnding(rawValue: lineEnding) != nil else { return nil }
        self.delimiter = delimiter
        self.encoding = String(encoding)
        self.byteOrderMark = byteOrderMark
        self.lineEnding = lineEnding
    }
}

/// What an import did (or, for a refused or dry run, would have done).
public struct ImportReport: Sendable, Equatable, Codable {
    /// The file imported.
    public var file: String
    /// Its SHA-256.
    public var sha256: String
    /// Its dialect.
    public var dialect: DialectSummary
    /// The batch recorded, when something was written.
    public var batchId: Int64?
    /// Earlier batches of the same file (same SHA-256) still in force.
    public var alreadyImported: [Int64]
    /// Whether this was a dry run.
    public var dryRun: Bool
    /// Whether the import's changes were kept.
    public var committed: Bool
    /// Rows that created an application.
    public var inserted: Int
    /// Rows that changed a stored startup or application.
    public var updated: Int
    /// Rows equal to what is stored.
    public var unchanged: Int
    /// Rows refused.
    public var rejected: Int
    /// Warnings raised (rows kept and flagged).
    public var warnings: Int
    /// Every error, with line, column, value and reason.
    public var errors: [ImportDiagnostic]
    /// Every warning.
    public var flagged: [ImportDiagnostic]
    /// Rows for a startup already seen earlier in the file.
    public var duplicates: [DuplicateRow]
    /// Columns kept as extra attributes.
    public var extraColumns: [String]
    /// Cohorts created because rows named them.
    public var createdCohorts: [CreatedCohort]
    /// The rejects file written, if any.
    public var rejectsFile: String?
    /// Whether a remembered `--map` for this header row was used.
    public var usedRememberedMapping: Bool
}

/// An import that cannot start: the file or its header row is unusable. Nothing was written.
public enum ImportError: Error, Equatable, CustomStringConvertible {
    /// The CSV cannot be read.
    case csv(path: String, CSVError)
    /// The header row cannot be mapped.
    case mapping(path: String, MappingError)
    /// The file cannot be hashed (read).
    case unreadable(path: String)
    /// The file names no cohort.
    case noCohort(path: String)
    /// The input or the rejects file cannot be used (a folder, a device, the database…).
    case file(FileError)

    public var description: String { message(.commandLine) }

    /// The message, with the options it points to worded by the front end.
    public func message(_ wording: some Wording) -> String {
        switch self {
        case .csv(let path, let error): "\(path): \(error.description)"
        case .mapping(let path, let error): "\(path): \(error.message(wording))"
        case .unreadable(let path): "cannot read \(path)"
        case .noCohort(let path): "\(path): no cohort column; say which cohort \(wording.pointing(to: .cohort, value: "CODE"))"
        case .file(let error): error.description
        }
    }

    /// Whether the failure is the file system's rather than the file's content.
    public var isIOFailure: Bool { kind == .storage }
}
