import AcceleratorCSV
import AcceleratorDomain
import AcceleratorFiles
import Foundation
import GRDB

extension AppDatabase {
    /// Imports an applicant spreadsheet in one transaction: every row checked, every problem
    /// reported; all or nothing (or valid rows only, with `--skip-invalid`); re-imports update or
    /// leave rows unchanged, never duplicate; a dry run is the real run rolled back.
    ///
    /// When the file changes nothing, nothing at all is written (no batch, no timestamp).
    public func importApplications(_ request: ImportRequest) throws -> ImportReport {
        // Standard input or a pipe is read once, into a copy hashed and checked on the way.
        let source: OpenedSource
        do { source = try OpenedSource(request.source) } catch { throw ImportError.file(error) }
        // A copy of a pipe is read through /proc/self/fd: it must outlive every open of its path.
        defer { withExtendedLifetime(source) {} }
        // The rejects file must not replace the database or the input: checked before anything is read.
        var protected = protectedFiles
        if let path = request.source.filePath { protected.append(ProtectedFile(path: path, role: "the file being imported")) }
        if case .skipInvalid(let rejectsPath) = request.mode {
            do { try OutputFile.check(rejectsPath, protecting: protected) } catch { throw ImportError.file(error) }
        }
        do {
            return try importApplications(request, source: source, protecting: protected, detectingEncodingFromPrefix: true)
        } catch ImportRetry.notUTF8 {
            // The first megabytes were UTF-8 and a later byte is not: the import (rolled back) runs
            // again with the encoding detected from the whole file (Windows-1252, or refused when
            // some lines are UTF-8 and others not).
            return try importApplications(request, source: source, protecting: protected, detectingEncodingFromPrefix: false)
        }
    }

    private func importApplications(
        _ request: ImportRequest, source: OpenedSource, protecting protected: [ProtectedFile], detectingEncodingFromPrefix: Bool
    ) throws -> ImportReport {
        var request = request
        // From here on, the file as messages and the batch name it ("standard input" for `-`).
        request.path = source.name
        let reader: CSVReader
        do {
            // A large file is not read once to detect its encoding before it is parsed: the first
            // megabytes decide, and the whole file is checked on the digest's pass (see `Importer.run`).
            // A copy of a pipe, or bytes in memory, were checked as they were copied or hashed.
            reader = try source.csvReader(
                delimiter: request.delimiter, encoding: request.encoding,
                detectingFromPrefix: detectingEncodingFromPrefix ? Importer.encodingPrefix : nil,
                maximumRecordSize: Importer.recordSizeLimit)
        } catch {
            throw ImportError.csv(path: request.path, error)
        }
        // The file's SHA-256 is computed on a thread of its own while the rows are read (or known).
        let digest = source.digest(checkingUTF8: reader.encodingIsTentative)
        defer { digest.cancel() }
        return try importRecords(request, reader: reader, digest: digest, protecting: protected)
    }

    /// Imports the records `reader` reads (a CSV file's, a workbook's), the header row first.
    private func importRecords<Reader: RecordReader & ~Copyable>(
        _ request: ImportRequest, reader: consuming Reader, digest: FileDigest, protecting protected: [ProtectedFile]
    ) throws -> ImportReport {
        let headers: [String]
        let headerLine: Int
        do {
            guard let header = try reader.next() else { throw ImportError.csv(path: request.path, .emptyFile) }
            headers = header.fields.map(CanonicalText.nfc)
            headerLine = header.line
        } catch let error as CSVError {
            throw ImportError.csv(path: request.path, error)
        }
        // Binary data read as text gives a "header" of control characters: say what it is.
        if headers.contains(where: { header in
            header.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\t") || (0x7F...0x9F).contains($0.value) || $0 == "\u{FFFD}" }
        }) {
            throw ImportError.csv(path: request.path, .notText(reason: "its first line holds control characters, not column headers"))
        }
        if headers.count > Importer.columnLimit {
            throw ImportError.csv(
                path: request.path, .tooManyColumns(line: headerLine, found: headers.count, limit: Importer.columnLimit))
        }
        if let error = CSVError.oversizedHeader(headers, line: headerLine, limit: HeaderMapping.headerByteLimit) {
            throw ImportError.csv(path: request.path, error)
        }
        let delimiter = reader.dialect.delimiter
        let overrides: [String: ImportColumn]
        do {
            overrides = try HeaderMapping.parseOverrides(request.mappings)
        } catch {
            throw ImportError.mapping(path: request.path, error)
        }

        let dialect = reader.dialect
        let totalBytes = reader.totalBytes
        let pipeline = RowPipeline(reader: reader)
        var rejects: RejectsWriter?
        var report: ImportReport?
        do {
            try writer.writeWithoutTransaction { db in
                // A larger page cache for the import: the indexes take rows in no particular order,
                // and with SQLite's default 2 MiB their pages went to the WAL and back many times.
                let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
                try db.execute(sql: "PRAGMA cache_size = -\(Importer.cacheKiB)")
                defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
                let journal = try ImportJournal.begin(db, exclusive: request.exclusive)
                // The foreign keys are checked once, for the rows the import added, at its end
                // (`Importer.checkReferences`), rather than row by row.
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
                defer { journal.end(db) }
                // The rejects file is written to disk before the commit and put in place with it.
                try Self.transaction(db, afterCommit: { try rejects?.commit() }) {
                    var importer = try Importer(
                        db: db, request: request, digest: digest, headers: headers, overrides: overrides,
                        dialect: dialect, protecting: protected, now: clock.timestamp)
                    try importer.run(pipeline, totalBytes: totalBytes, rejects: &rejects)
                    let result = importer.finish(rejectsFile: rejects?.path)
                    report = result.report
                    if result.commit { try rejects?.prepareCommit() }
                    return ((), commit: result.commit)
                }
            }
        } catch let error as DatabaseError {
            rejects?.discard()
            throw StoreError.from(error, path: path)
        } catch {
            rejects?.discard()
            // A header row that maps nothing because it is split by another delimiter: say that.
            if case ImportError.mapping = error, let found = Importer.otherDelimiter(splitting: headers, delimiter: delimiter) {
                throw ImportError.csv(path: request.path, .mixedDelimiters(line: headerLine, delimiter: delimiter, found: found))
            }
            throw error
        }
        guard let report else { throw StoreError.database(path: path, message: "the import produced no report") }
        if !report.committed { rejects?.discard() }
        return report
    }
}

/// Why an import starts again: the file's encoding, guessed from its first megabytes, was wrong.
enum ImportRetry: Error {
    case notUTF8
}

/// The rejects file of `--skip-invalid`: the original columns plus `line` and `error`, in the
/// input's dialect, so it can be fixed in a spreadsheet and imported as it is. Written whole or not
/// at all (`OutputFile`), in chunks of about a megabyte.
final class RejectsWriter {
    let path: String
    private let file: OutputFile
    private var writer: CSVWriter
    private static let chunkBytes = 1 << 20

    init(path: String, headers: [String], dialect: CSVDialect, protecting protected: [ProtectedFile]) throws {
        self.path = path
        let format = CSVWriter.Format(
            delimiter: dialect.delimiter, lineEnding: [0x0D, 0x0A],
            writesByteOrderMark: dialect.hasByteOrderMark || dialect.encoding == .windows1252)
        do {
            file = try OutputFile(path: path, protecting: protected)
        } catch {
            throw ImportError.file(error)
        }
        writer = CSVWriter(format: format)
        try write(headers + ["line", "error"])
    }

    func write(_ cells: [String], line: Int, error: String) throws {
        try write(cells + ["\(line)", error])
    }

    private func write(_ record: [String]) throws {
        do { try writer.write(record) } catch { throw ImportError.csv(path: path, error) }
        if writer.pendingByteCount >= Self.chunkBytes { try flush() }
    }

    /// Writes what is buffered to the temporary file.
    func flush() throws {
        let file = file
        do throws(FileError) { try writer.drain { (bytes) throws(FileError) in try file.write(bytes) } } catch { throw ImportError.file(error) }
    }

    /// Writes everything to disk, before the import commits: then only a rename is left.
    func prepareCommit() throws {
        try flush()
        do { try file.sync() } catch { throw ImportError.file(error) }
    }

    /// Puts the file in place of its target.
    func commit() throws {
        try flush()
        do { try file.commit() } catch { throw ImportError.file(error) }
    }

    func discard() {
        file.discard()
    }
}

/// One import's state: the mapping, the prepared statements' SQL, the counters.
struct Importer {
    let db: Database
    let request: ImportRequest
    /// What the rejects file must never replace (the database, the input).
    let protected: [ProtectedFile]
    /// The file's SHA-256, known once every row is read (`digest` computes it meanwhile).
    let digest: FileDigest
    var sha256 = ""
    let mapping: HeaderMapping
    let rowReader: RowReader
    let rules: ProgramRules
    let dialect: CSVDialect
    let batchId: Int64
    let now: String
    let usedRememberedMapping: Bool
    /// The startup columns this file sets (only mapped fields are compared and written).
    let startupColumns: [StartupColumn]
    /// Their places in `StartupColumn.all`.
    let startupColumnIndices: [Int]
    /// The slots of a prepared row compared with a stored startup, in the order of its columns: those
    /// this file maps, the name key and the e-mail key.
    let storedStartupSlots: [Int]
    /// Whether the file has an application date column (else a stored date is kept).
    let mapsAppliedOn: Bool
    /// Whether the file has an ICE column.
    let mapsICE: Bool
    /// The startup the last lookup found: a file imported again meets the next one next.
    var lastFoundStartup: Int64?
    /// What prepares the rows on the reading thread.
    let preparer: RowPreparer
    /// Columns of the original file kept in a rejects file (not its own `line`/`error`).
    let keptColumns: [Int]

    /// The row's application in its cohort, as stored: compared in place with what the row would
    /// write (a file imported again writes nothing), its texts read only when they differ.
    struct StoredApplication {
        var id: Int64
        var lastBatchId: Int64?
        /// Whether the stored applied_on, extra and warnings are the row's (the warnings as the
        /// reading thread found them, without the open applications elsewhere).
        var sameAppliedOn: Bool
        var sameExtra: Bool
        var samePreparedWarnings: Bool
    }

    /// Statements prepared once per import and reused for every row.
    let statements: Statements
    /// For each startup id written or met by this file, the line that did it (0: not yet).
    var seenLines: [UInt32] = []
    /// Every identity key in the database and in the file so far: a key outside it needs no
    /// lookup. `nil`: every row is looked up.
    ///
    /// Empty from the start for an empty database. Else loaded once `lookupsBeforeKeys` lookups
    /// found nothing, when the database had few startups at the start (`keyFilterLimit`): a file
    /// of new startups then skips its lookups, and a file imported again, whose rows are all
    /// found, never pays for the loading.
    var keys: KeyFilter?
    /// Lookups that found nothing, while `keys` is not loaded.
    var missedLookups = 0
    /// Whether `keys` may be loaded (the database had few enough startups at the start).
    let mayLoadKeys: Bool
    /// The most startups whose keys are loaded into `keys` (a quick index scan).
    static let keyFilterLimit: Int64 = 200_000
    static let lookupsBeforeKeys = 1_000

    /// A new startup of the file, its id given, waiting to be written with the next ones.
    struct PendingStartup {
        let row: PreparedRow
        let id: Int64
        let warnings: String
    }
    /// New startups not yet written: written `rowsPerInsert` at a time, and before any statement
    /// that reads what they would change.
    var pending: [PendingStartup] = []
    static let rowsPerInsert = 16
    /// The id of the next new startup (the import is the only writer of its transaction).
    var nextStartupId: Int64 = 1
    /// The first ids of the rows this import adds (ids only grow): what `checkReferences` checks.
    var firstNewIds = NewIds()
    struct NewIds {
        var startup: Int64 = 1
        var application: Int64 = 1
        var founder: Int64 = 1
        var change: Int64 = 1
    }
    /// The values of the pending startups, copied end to end for one statement.
    var pendingBytes: [UInt8] = []

    var knownCohorts: Set<String> = []
    var createdCohorts: [CreatedCohort] = []
    var inserted = 0
    var updated = 0
    var unchanged = 0
    var rejected = 0
    var warningCount = 0
    var errors: [ImportDiagnostic] = []
    var flagged: [ImportDiagnostic] = []
    var duplicates: [DuplicateRow] = []
    var mappingChanged = false

    /// SQLite's page cache during an import, in KiB (the default is 2,000): measured on 1M rows,
    /// 8 MiB cut the import's time by a sixth, for 6 MiB of memory.
    static let cacheKiB = 8_192

    /// The most diagnostics of each severity kept in the report (memory stays flat on a huge bad
    /// file); the counts stay exact beyond it.
    static let diagnosticLimit = 10_000

    init(
        db: Database, request: ImportRequest, digest: FileDigest, headers: [String], overrides: [String: ImportColumn],
        dialect: CSVDialect, protecting protected: [ProtectedFile], now: String
    ) throws {
        self.db = db
        self.request = request
        self.protected = protected
        self.digest = digest
        self.dialect = dialect
        self.now = now
        rules = try AppDatabase.rules(db)

        // A header row seen before with `--map` choices gets them again.
        let signature = Self.signature(of: headers)
        var overrides = overrides
        var remembered = false
        if overrides.isEmpty,
            let stored = try String.fetchOne(db, sql: "SELECT mappings FROM header_mapping WHERE signature = ?", arguments: [signature])
        {
            let pairs = JSONText.decodePairs(stored)
            for (key, target) in pairs {
                if target == "ignore" {
                    overrides[key] = .ignored
                } else if let field = ApplicationField(rawValue: target) {
                    overrides[key] = .field(field)
                }
            }
            remembered = !overrides.isEmpty
        } else if !overrides.isEmpty {
            let pairs = overrides.sorted { $0.key < $1.key }.map { key, column -> (String, String) in
                switch column {
                case .field(let field): (key, field.rawValue)
                case .ignored, .extra: (key, "ignore")
                }
            }
            let text = JSONText.encode(pairs: pairs)
            let stored = try String.fetchOne(db, sql: "SELECT mappings FROM header_mapping WHERE signature = ?", arguments: [signature])
            if stored != text {
                try db.execute(
                    sql: """
                        INSERT INTO header_mapping (signature, headers, mappings, updated_at) VALUES (?, ?, ?, ?)
                        ON CONFLICT (signature) DO UPDATE SET mappings = excluded.mappings, updated_at = excluded.updated_at
                        """,
                    arguments: [signature, JSONText.encode(headers), text, now])
                mappingChanged = true
            }
        }
        usedRememberedMapping = remembered
        let mapping: HeaderMapping
        do {
            mapping = try HeaderMapping(headers: headers, overrides: overrides)
        } catch {
            throw ImportError.mapping(path: request.path, error)
        }
        self.mapping = mapping
        var defaultCohort: String?
        if let cohort = request.cohort {
            defaultCohort = try AppDatabase.cohortCode(cohort)
        } else if mapping.fieldColumns[.cohort] == nil {
            throw ImportError.noCohort(path: request.path)
        }
        // The plain text fields (the description above all) are packed from the records' bytes
        // rather than made strings for the form: no check reads them.
        rowReader = RowReader(
            mapping: mapping, dateOrder: rules.dateOrder, defaultCurrency: rules.defaultCurrency,
            defaultCohort: defaultCohort, today: request.today, leavingOut: RowReader.textFields, leavingOutExtras: true,
            wording: request.wording)
        startupColumnIndices = StartupColumn.all.indices.filter { mapping.fieldColumns[StartupColumn.all[$0].field] != nil }
        startupColumns = startupColumnIndices.map { StartupColumn.all[$0] }
        storedStartupSlots = startupColumnIndices + [PreparedRow.Slots.nameKey, PreparedRow.Slots.emailKey]
        mapsICE = mapping.fieldColumns[.ice] != nil
        mapsAppliedOn = mapping.fieldColumns[.appliedAt] != nil
        // The fingerprint's seed names the columns this file maps: a file that maps others
        // compares column by column.
        preparer = RowPreparer(
            rowReader: rowReader, rules: rules,
            fingerprintSeed: StableHash.hash("import-fingerprint-1", startupColumns.map(\.name).joined(separator: ",")))
        // A rejects file re-imported brings its own `line` and `error` columns: they are not kept.
        keptColumns = mapping.columns.indices.filter { index in
            !(mapping.columns[index] == .ignored && ["line", "error"].contains(TextFolding.compact(headers[index])))
        }
        knownCohorts = Set(try String.fetchAll(db, sql: "SELECT code FROM cohort"))
        let lastStartupId = try Int64.fetchOne(db, sql: "SELECT max(id) FROM startup") ?? 0
        let lastIds = try Row.fetchOne(db, sql: """
            SELECT (SELECT max(id) FROM application), (SELECT max(id) FROM founder), (SELECT max(id) FROM batch_change)
            """)
        firstNewIds = NewIds(
            startup: lastStartupId + 1, application: (lastIds?[0] ?? 0) + 1, founder: (lastIds?[1] ?? 0) + 1,
            change: (lastIds?[2] ?? 0) + 1)
        nextStartupId = lastStartupId + 1
        if lastStartupId == 0 { keys = KeyFilter() }
        mayLoadKeys = lastStartupId <= Self.keyFilterLimit

        try db.execute(
            sql: """
                INSERT INTO batch (kind, file_name, sha256, dialect, cohort, created_at)
                VALUES ('import', ?, ?, ?, ?, ?)
                """,
            arguments: [request.path, "", DialectSummary(dialect).summary, defaultCohort, now])
        batchId = db.lastInsertedRowID
        statements = try Statements(db: db, startupColumns: startupColumns)
    }

    /// The statements of the row loop.
    struct Statements {
        /// A stored startup as a file imported again meets it, by id and by ICE: its id, ICE and
        /// fingerprint, and its lead founder's name and e-mail (`LightColumn`).
        let storedStartup: RawStatement
        let storedByICE: RawStatement
        /// A stored startup as an import compares it column by column, by id: its id, the columns
        /// this file maps, the keys, the batch that last wrote it and its lead founder.
        let storedColumns: RawStatement
        let findByIdentity: RawStatement
        let applications: RawStatement
        /// The texts of one application, when they differ from the row's.
        let storedApplication: RawStatement
        /// The inserts of new startups, one row each and `Importer.rowsPerInsert` rows each.
        let insertOne: NewStartupInserts
        let insertMany: NewStartupInserts
        let updateStartup: Statement
        let updateFounder: Statement
        let insertApplication: RawStatement
        let updateApplication: Statement
        let insertChange: Statement

        init(db: Database, startupColumns: [StartupColumn]) throws {
            findByIdentity = try RawStatement(db, sql: "SELECT id FROM startup WHERE name_key = ? AND lead_email_key = ? ORDER BY id LIMIT 1")
            applications = try RawStatement(db, sql: """
                SELECT id, cohort_code, stage, applied_on, warnings, extra, last_batch_id FROM application WHERE startup_id = ?
                """)
            storedApplication = try RawStatement(db, sql: "SELECT applied_on, warnings, extra FROM application WHERE id = ?")
            let names = startupColumns.map(\.name) + ["name_key", "lead_email_key"]
            // One join for the lead founder: founder_one_lead is unique. SQLite copies every text
            // it reads into memory of its own: the light statements read few.
            let lead = "FROM startup s LEFT JOIN founder f ON f.startup_id = s.id AND f.is_lead = 1"
            let light = "SELECT s.id, s.ice, s.import_fingerprint, f.full_name, f.email \(lead)"
            storedStartup = try RawStatement(db, sql: light + " WHERE s.id = ?")
            storedByICE = try RawStatement(db, sql: light + " WHERE s.ice = ?")
            storedColumns = try RawStatement(db, sql: """
                SELECT s.id, \(names.map { "s.\($0)" }.joined(separator: ", ")), s.last_batch_id, f.full_name, f.email
                \(lead) WHERE s.id = ?
                """)
            insertOne = try NewStartupInserts(db: db, rows: 1)
            insertMany = try NewStartupInserts(db: db, rows: Importer.rowsPerInsert)
            updateStartup = try db.makeStatement(sql: """
                UPDATE startup SET \(names.map { "\($0) = ?" }.joined(separator: ", ")), updated_at = ?, last_batch_id = ?,
                    import_fingerprint = ?
                 WHERE id = ?
                """)
            updateFounder = try db.makeStatement(sql: "UPDATE founder SET full_name = ?, email = ? WHERE startup_id = ? AND is_lead = 1")
            insertApplication = insertOne.applications
            updateApplication = try db.makeStatement(sql: """
                UPDATE application SET applied_on = ?, warnings = ?, extra = ?, updated_at = ?, last_batch_id = ? WHERE id = ?
                """)
            insertChange = try db.makeStatement(sql: """
                INSERT INTO batch_change (batch_id, entity, entity_id, action, line, before) VALUES (?, ?, ?, 'update', ?, ?)
                """)
        }
    }

    /// The three inserts of new startups (startup, lead founder, application), for `rows` startups
    /// at a time: one statement for many rows opens each table and index once.
    ///
    /// `OR FAIL`, and the foreign keys checked at the end (`checkReferences`), spare SQLite a
    /// statement journal: a statement of many rows that may abort half-way must first copy every
    /// page it changes. A failure of these inserts is a bug that rolls the whole import back, so
    /// undoing just the statement is never needed.
    struct NewStartupInserts {
        let rows: Int
        let startups: RawStatement
        let founders: RawStatement
        let applications: RawStatement

        /// The startup columns written: `id`, the packed startup slots, then these.
        static let startupColumns = ["id"] + StartupColumn.all.map(\.name)
            + ["name_key", "lead_email_key", "created_at", "updated_at", "last_batch_id", "created_batch_id", "import_fingerprint"]

        /// Parameters shared by every row of the startup and application inserts, bound once: the
        /// import's time and its batch.
        static let now: Int32 = 1
        static let batch: Int32 = 2
        /// The parameters of each row follow them: row `r` starts at `firstRowParameter + r * perRow`.
        static let firstRowParameter: Int32 = 3
        /// Per startup row: its id, its packed startup slots and its fingerprint.
        static let startupParameters = Int32(PreparedRow.Slots.startup.count + 2)
        /// Per application row: the startup, the cohort, the application date, the warnings, the extras.
        static let applicationParameters: Int32 = 5

        init(db: Database, rows: Int) throws {
            self.rows = rows
            func sql(_ table: String, _ columns: [String], perRow: Int32, _ row: (Int32) -> String) -> String {
                "INSERT OR FAIL INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
                    + (0..<Int32(rows)).map { row($0 * perRow + Self.firstRowParameter) }.joined(separator: ", ")
            }
            startups = try RawStatement(db, sql: sql("startup", Self.startupColumns, perRow: Self.startupParameters) { first in
                let slots = (first..<first + Self.startupParameters - 1).map { "?\($0)" }
                return "(\(slots.joined(separator: ", ")), ?1, ?1, ?2, ?2, ?\(first + Self.startupParameters - 1))"
            })
            founders = try RawStatement(db, sql: sql(
                "founder", ["startup_id", "position", "full_name", "email", "is_lead"], perRow: 3
            ) { first in "(?\(first), 0, ?\(first + 1), ?\(first + 2), 1)" })
            applications = try RawStatement(db, sql: sql(
                "application",
                ["startup_id", "cohort_code", "stage", "applied_on", "warnings", "extra", "created_at", "updated_at",
                 "last_batch_id", "created_batch_id"],
                perRow: Self.applicationParameters
            ) { first in "(?\(first), ?\(first + 1), 'applied', ?\(first + 2), ?\(first + 3), ?\(first + 4), ?1, ?1, ?2, ?2)" })
        }
    }

    static func signature(of headers: [String]) -> String {
        var hasher = SHA256()
        hasher.update(Array(headers.map(TextFolding.compact).joined(separator: "\u{1F}").utf8))
        return hasher.finalize()
    }

    // MARK: - Rows

    /// Writes the rows `pipeline` reads and prepares on its own thread, in file order.
    mutating func run<Reader: RecordReader & ~Copyable>(
        _ pipeline: RowPipeline<Reader>, totalBytes: Int?, rejects: inout RejectsWriter?
    ) throws {
        pipeline.start(preparer, cellSizeLimit: Self.cellSizeLimit)
        defer { pipeline.stop() }
        var count = 0
        while true {
            let batch = pipeline.next()
            for item in batch.items {
                switch item {
                case .row(let row):
                    count += 1
                    try importRow(row, rejects: &rejects)
                case .oversized(let error, let line, let field, let cells):
                    count += 1
                    try reject(cellDiagnostic(error, line: line, field: field), cells: cells, rejects: &rejects)
                case .badRecord(let error, let line, let field?):
                    try reject(cellDiagnostic(error, line: line, field: field), cells: [], rejects: &rejects)
                case .badRecord(let error, let line, nil):
                    try reject(ImportDiagnostic(line: line, message: error.reason, severity: .error), cells: [], rejects: &rejects)
                }
            }
            if let failure = batch.failure { throw ImportError.csv(path: request.path, failure) }
            if let progress = request.progress, let total = totalBytes { progress(batch.bytesConsumed, total) }
            let isLast = batch.isLast
            pipeline.recycle(batch)
            if isLast { break }
        }
        try writePending()
        try checkReferences()
        if count == 0 && rejected == 0 { throw ImportError.csv(path: request.path, .noRecords) }
        guard let sha256 = digest.wait() else { throw ImportError.unreadable(path: request.path) }
        if digest.isValidUTF8() == false { throw ImportRetry.notUTF8 }
        self.sha256 = sha256
    }

    /// What the foreign keys would have refused, checked once for the rows this import added (they
    /// run with the foreign keys off): a founder or an application whose startup or cohort does not
    /// exist, a change whose batch does not. The rows an import updates keep their references.
    /// Fails as SQLite would have, so the import rolls back.
    func checkReferences() throws {
        let dangling = try Self.danglingReferences(
            db, firstNewIds: firstNewIds, newStartups: firstNewIds.startup..<nextStartupId)
        guard dangling == 0 else {
            throw DatabaseError(
                resultCode: .SQLITE_CONSTRAINT_FOREIGNKEY,
                message: "FOREIGN KEY constraint failed (\(dangling) imported rows refer to missing rows)")
        }
    }

    /// How many rows from `firstNewIds` on refer to a row that does not exist. `newStartups` are
    /// the ids of the startups the import inserted, every one of them (an insert that fails stops the
    /// import): a reference into them needs no lookup, which keeps the check to one pass over the
    /// new rows.
    ///
    /// When a table had no row before the import, every row is new: its rows are counted without
    /// the id condition, which lets SQLite read the table's (six times smaller) covering index.
    static func danglingReferences(
        _ db: Database, firstNewIds: NewIds, newStartups: Range<Int64>
    ) throws -> Int {
        let newApplications = firstNewIds.application > 1 ? "a.id >= :application AND" : ""
        let newFounders = firstNewIds.founder > 1 ? "f.id >= :founder AND" : ""
        return try Int.fetchOne(
            db,
            sql: """
                SELECT (SELECT count(*) FROM application a WHERE \(newApplications)
                          (a.cohort_code NOT IN (SELECT code FROM cohort)
                           OR NOT (a.startup_id >= :first AND a.startup_id < :end)
                              AND NOT EXISTS (SELECT 1 FROM startup s WHERE s.id = a.startup_id)))
                     + (SELECT count(*) FROM founder f WHERE \(newFounders)
                          NOT (f.startup_id >= :first AND f.startup_id < :end)
                          AND NOT EXISTS (SELECT 1 FROM startup s WHERE s.id = f.startup_id))
                     + (SELECT count(*) FROM batch_change c WHERE c.id >= :change
                          AND NOT EXISTS (SELECT 1 FROM batch b WHERE b.id = c.batch_id))
                """,
            arguments: [
                "application": firstNewIds.application, "founder": firstNewIds.founder, "change": firstNewIds.change,
                "first": newStartups.lowerBound, "end": newStartups.upperBound,
            ]) ?? 0
    }

    /// How much of a file decides its encoding before the rows are read (the rest is checked on
    /// the digest's pass).
    static let encodingPrefix = 4 << 20

    /// The most columns a file may have: an applicant spreadsheet has a few dozen.
    static let columnLimit = 1_000
    /// The largest cell accepted, in bytes (a long description of 1 MB passes): a longer one is
    /// nearly always a quote left open.
    static let cellSizeLimit = 4 << 20
    /// The largest record (the header row included) the reader holds: a few cells at their limit.
    /// What bounds an import's memory whatever its input.
    static let recordSizeLimit = 32 << 20

    /// A record-level problem placed in its column.
    func cellDiagnostic(_ error: CSVError, line: Int, field: Int) -> ImportDiagnostic {
        let header = field >= 1 && field <= mapping.headers.count ? mapping.headers[field - 1] : nil
        return ImportDiagnostic(
            line: line, column: header == nil ? nil : field, header: header, message: error.reason, severity: .error)
    }

    /// The delimiter other than `delimiter` that splits `headers` into a row that maps, if any: the
    /// header row of a file that mixes delimiters.
    static func otherDelimiter(splitting headers: [String], delimiter: UInt8) -> UInt8? {
        for candidate in [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")] where candidate != delimiter {
            guard headers.contains(where: { $0.utf8.contains(candidate) }) else { continue }
            let split = headers.flatMap { $0.split(separator: Character(UnicodeScalar(candidate))) }
                .map { $0.trimmingCharacters(in: .whitespaces) }
            if (try? HeaderMapping(headers: split)) != nil { return candidate }
        }
        return nil
    }

    /// A refused row whose values sit in fewer than half the columns, held together by another
    /// delimiter: the one diagnostic worth reading for it.
    func mixedDelimiters(in cells: [String], line: Int) -> ImportDiagnostic? {
        let columns = mapping.headers.count
        let filled = cells.filter { !$0.isEmpty }
        guard columns >= 3, filled.count * 2 < columns else { return nil }
        for candidate in [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")] where candidate != dialect.delimiter {
            let separators = filled.reduce(0) { count, cell in count + cell.utf8.reduce(0) { $0 + ($1 == candidate ? 1 : 0) } }
            if separators * 2 >= columns {
                let error = CSVError.mixedDelimiters(line: line, delimiter: dialect.delimiter, found: candidate)
                return ImportDiagnostic(line: line, message: error.reason, severity: .error)
            }
        }
        return nil
    }


    mutating func reject(_ diagnostic: ImportDiagnostic, cells: [String], rejects: inout RejectsWriter?) throws {
        try reject([diagnostic], cells: cells, rejects: &rejects)
    }

    mutating func reject(_ diagnostics: [ImportDiagnostic], cells: [String], rejects: inout RejectsWriter?) throws {
        let diagnostics = mixedDelimiters(in: cells, line: diagnostics.first?.line ?? 0).map { [$0] } ?? diagnostics
        rejected += 1
        for diagnostic in diagnostics where errors.count < Self.diagnosticLimit { errors.append(diagnostic) }
        guard case .skipInvalid(let rejectsPath) = request.mode else { return }
        if rejects == nil {
            rejects = try RejectsWriter(
                path: rejectsPath, headers: keptColumns.map { mapping.headers[$0] }, dialect: dialect, protecting: protected)
        }
        let kept = keptColumns.map { $0 < cells.count ? cells[$0] : "" }
        let message = diagnostics.map { diagnostic in
            var text = diagnostic.message
            if let header = diagnostic.header { text = "\(header): \(text)" }
            return text
        }.joined(separator: "; ")
        try rejects?.write(kept, line: diagnostics.first?.line ?? 0, error: message)
    }

    mutating func importRow(_ prepared: PreparedRow, rejects: inout RejectsWriter?) throws {
        let line = prepared.line
        let cells = prepared.record
        let row = prepared.row
        let form = row.form
        let valueErrors = row.diagnostics
        guard valueErrors.isEmpty else {
            // Every problem of the row at once: the values that did not parse, and the eligibility
            // errors in the others (found on the reading thread).
            try reject(valueErrors + prepared.findings, cells: cells.strings, rejects: &rejects)
            return
        }
        let found = try findStartup(form, prepared)
        let existing = found?.id
        var applicationInCohort: StoredApplication?
        var open: [(cohort: String, stage: Stage)] = []
        if let existing {
            let statement = statements.applications
            statement.reset()
            statement.bind(1, existing)
            let cohortSlot = prepared.values.slots[PreparedRow.Slots.cohort]
            let values = prepared.values
            while try statement.step() {
                if statement.matches(1, cohortSlot, in: values) {
                    applicationInCohort = StoredApplication(
                        id: statement.int64(0) ?? 0, lastBatchId: statement.int64(6),
                        sameAppliedOn: !mapsAppliedOn || statement.matches(3, values.slots[PreparedRow.Slots.appliedOn], in: values),
                        sameExtra: !prepared.hasExtraColumns || statement.matches(5, values.slots[PreparedRow.Slots.extra], in: values),
                        samePreparedWarnings: statement.matches(4, text: prepared.findingsText))
                } else {
                    let stage = Stage(rawValue: statement.text(2) ?? "") ?? .applied
                    if stage.isOpen { open.append((statement.text(1) ?? "", stage)) }
                }
            }
        }
        // Found by its ICE, with other values than its last import wrote: the name and lead e-mail
        // must not be another startup's (that would rename this one into a duplicate of it).
        if let found, let positioned = found.positioned, positioned.int64(LightColumn.fingerprint) != prepared.fingerprint,
            let conflict = try identityConflict(prepared, iceOwner: found.id)
        {
            positioned.reset()
            let column = rowReader.column(of: .ice)
            try reject(
                ImportDiagnostic(
                    line: line, column: column.map { $0 + 1 }, header: column.map { mapping.headers[$0] },
                    value: conflict.ice, message: conflict.description, severity: .error),
                cells: cells.strings, rejects: &rejects)
            return
        }
        // Without open applications elsewhere, the findings prepared on the reading thread hold.
        let findings = open.isEmpty
            ? prepared.findings
            : Eligibility.check(form, openApplications: open, rules: rules, today: request.today)
                .map { rowReader.diagnostic(for: $0, line: line, cells: cells) }
        var warnings: [ImportDiagnostic] = []
        var warningText = "[]"
        if !findings.isEmpty {
            let rowErrors = findings.filter { $0.severity == .error }
            guard rowErrors.isEmpty else {
                found?.positioned?.reset()
                try reject(rowErrors, cells: cells.strings, rejects: &rejects)
                return
            }
            warnings = findings
            warningText = open.isEmpty ? prepared.findingsText : JSONText.encode(warnings.map(\.message))
            warningCount += warnings.count
            for warning in warnings where flagged.count < Self.diagnosticLimit { flagged.append(warning) }
        }

        var changed = false
        let startupId: Int64
        if let existing {
            startupId = existing
            // A startup already met in this file: the later row wins, and the report names both lines.
            if let earlier = seenLine(of: existing) {
                duplicates.append(DuplicateRow(line: line, earlierLine: earlier, startup: form.name ?? ""))
            }
            changed = try updateStartup(existing, prepared, positioned: found?.positioned)
        } else {
            startupId = nextStartupId
            nextStartupId += 1
        }
        markSeen(startupId, line: line)
        if keys != nil {
            if let hash = prepared.iceHash { keys?.insert(hash) }
            if let hash = prepared.identityHash { keys?.insert(hash) }
        }

        if let application = applicationInCohort,
            !(application.sameAppliedOn && application.sameExtra && application.samePreparedWarnings && open.isEmpty)
        {
            let id = application.id
            let stored = statements.storedApplication
            stored.reset()
            stored.bind(1, id)
            defer { stored.reset() }
            guard try stored.step() else { throw DatabaseError(message: "application \(id) vanished during the import") }
            let storedAppliedOn = stored.text(0) ?? ""
            let storedWarnings = stored.text(1) ?? "[]"
            let storedExtra = stored.text(2) ?? "[]"
            stored.reset()
            let appliedOn = mapsAppliedOn ? form.appliedOn.description : storedAppliedOn
            let extra = prepared.extraText ?? storedExtra
            if appliedOn != storedAppliedOn || warningText != storedWarnings || extra != storedExtra {
                let lastBatch = application.lastBatchId
                if lastBatch != batchId {
                    let before = JSONText.encode(pairs: [
                        ("applied_on", storedAppliedOn), ("warnings", storedWarnings), ("extra", storedExtra),
                        ("last_batch_id", lastBatch.map(String.init) ?? ""),
                    ])
                    try statements.insertChange.execute(arguments: [batchId, "application", id, line, before])
                }
                try statements.updateApplication.execute(arguments: [appliedOn, warningText, extra, now, batchId, id])
                changed = true
            }
            if changed { updated += 1 } else { unchanged += 1 }
        } else if applicationInCohort != nil {
            if changed { updated += 1 } else { unchanged += 1 }
        } else if existing == nil {
            try ensureCohort(form.cohort)
            pending.append(PendingStartup(row: prepared, id: startupId, warnings: warningText))
            if pending.count == Self.rowsPerInsert { try writePending() }
            inserted += 1
        } else {
            try ensureCohort(form.cohort)
            typealias Slots = PreparedRow.Slots
            let values = prepared.values
            try values.withBytes { base in
                let insert = statements.insertApplication
                let first = NewStartupInserts.firstRowParameter
                insert.reset()
                insert.bind(NewStartupInserts.now, now)
                insert.bind(NewStartupInserts.batch, batchId)
                insert.bind(first, startupId)
                insert.bind(first + 1, values.slots[Slots.cohort], base: base)
                insert.bind(first + 2, values.slots[Slots.appliedOn], base: base)
                insert.bind(first + 3, warningText)
                insert.bind(first + 4, values.slots[Slots.extra], base: base)
                defer { insert.clearBindings() }
                try insert.execute()
            }
            inserted += 1
        }
    }

    /// The stored startup that is the same as the row's: same ICE, else same normalised name and lead
    /// e-mail. `positioned`: found by ICE, the statement that stands on its row (`storedStartup` or
    /// `storedByICE`), for `updateStartup`.
    mutating func findStartup(_ form: ApplicationForm, _ prepared: PreparedRow) throws -> (id: Int64, positioned: RawStatement?)? {
        typealias Slots = PreparedRow.Slots
        let values = prepared.values
        let searchesICE = form.ice != nil && prepared.iceHash.map { keys?.mayContain($0) ?? true } == true
        let searchesIdentity = prepared.identityHash.map { keys?.mayContain($0) ?? true } == true
        guard searchesICE || searchesIdentity else { return nil }
        // The lookups must see the startups of the file written so far.
        try writePending()
        let found: (id: Int64, positioned: RawStatement?)? = try values.withBytes { base in
            if searchesICE, mapsICE, let last = lastFoundStartup {
                // A file imported again meets its startups in the order they were written: the one
                // after the last found, read by its id (its page is at hand), is tried before the ICE
                // index. Its ICE must be the row's: the ICE is unique, so it is that startup.
                let statement = statements.storedStartup
                statement.reset()
                statement.bind(1, last + 1)
                if try statement.step(), statement.matches(LightColumn.ice, values.slots[Slots.ice], in: values) {
                    return (last + 1, statement)
                }
                statement.reset()
            }
            if searchesICE {
                // Found, the statement stays on the startup's row for `updateStartup`.
                let statement = statements.storedByICE
                statement.reset()
                statement.bind(1, values.slots[Slots.ice], base: base)
                defer { statement.clearBindings() }
                if try statement.step() { return (statement.int64(0) ?? 0, statement) }
            }
            guard searchesIdentity else { return nil }
            let statement = statements.findByIdentity
            statement.reset()
            statement.bind(1, values.slots[Slots.nameKey], base: base)
            statement.bind(2, values.slots[Slots.emailKey], base: base)
            defer { statement.clearBindings() }
            return try statement.step() ? (statement.int64(0) ?? 0, nil) : nil
        }
        if let found {
            lastFoundStartup = found.id
        } else if keys == nil, mayLoadKeys {
            missedLookups += 1
            if missedLookups == Self.lookupsBeforeKeys { keys = try Self.storedKeys(db) }
        }
        return found
    }

    /// The conflict when the row's name and lead e-mail identify another startup than `iceOwner`,
    /// the one its ICE found.
    func identityConflict(_ prepared: PreparedRow, iceOwner: Int64) throws -> IdentityConflict? {
        typealias Slots = PreparedRow.Slots
        let values = prepared.values
        guard prepared.identityHash != nil, let ice = prepared.row.form.ice?.digits else { return nil }
        return try IdentityConflict.find(
            db, ice: ice, iceOwner: iceOwner, nameKey: values.text(Slots.nameKey) ?? "", emailKey: values.text(Slots.emailKey))
    }

    /// The identity keys of every stored startup, as the lookups compare them: the stored texts.
    static func storedKeys(_ db: Database) throws -> KeyFilter {
        var keys = KeyFilter()
        let ices = try RawStatement(db, sql: "SELECT ice FROM startup WHERE ice IS NOT NULL")
        while try ices.step() { keys.insert(KeyFilter.hash(ices.bytes(0), nil)) }
        let identities = try RawStatement(db, sql: "SELECT name_key, lead_email_key FROM startup WHERE lead_email_key IS NOT NULL")
        while try identities.step() { keys.insert(KeyFilter.hash(identities.bytes(0), identities.bytes(1))) }
        return keys
    }

    func seenLine(of startupId: Int64) -> Int? {
        guard startupId >= 0, startupId < seenLines.count, seenLines[Int(startupId)] != 0 else { return nil }
        return Int(seenLines[Int(startupId)])
    }

    mutating func markSeen(_ startupId: Int64, line: Int) {
        guard startupId >= 0, startupId < Int64(Int32.max) else { return }
        let index = Int(startupId)
        if index >= seenLines.count {
            seenLines.append(contentsOf: repeatElement(0, count: max(index + 1 - seenLines.count, seenLines.count / 2 + 1024)))
        }
        seenLines[index] = UInt32(clamping: line)
    }

    mutating func ensureCohort(_ code: String) throws {
        guard !knownCohorts.contains(code) else { return }
        if let created = try AppDatabase.ensureCohort(db, code: code, startsOn: request.today, rules: rules, now: now) {
            try db.execute(sql: "UPDATE cohort SET created_batch_id = ? WHERE code = ?", arguments: [batchId, code])
            createdCohorts.append(created)
        }
        knownCohorts.insert(code)
    }

    // MARK: - Startups

    /// Writes the pending new startups, with their lead founders and applications: full groups with
    /// the statements of `rowsPerInsert` rows, the rest one by one.
    mutating func writePending() throws {
        guard !pending.isEmpty else { return }
        defer { pending.removeAll(keepingCapacity: true) }
        if pending.count == Self.rowsPerInsert {
            try write(pending[...], with: statements.insertMany)
        } else {
            for index in pending.indices { try write(pending[index...index], with: statements.insertOne) }
        }
    }

    /// Writes `rows` with `inserts`, whose statements have as many rows of values. The rows' values
    /// are copied end to end into one buffer and bound in place from it.
    mutating func write(_ rows: ArraySlice<PendingStartup>, with inserts: NewStartupInserts) throws {
        typealias Slots = PreparedRow.Slots
        pendingBytes.removeAll(keepingCapacity: true)
        var offsets: [Int] = []
        offsets.reserveCapacity(rows.count)
        for row in rows {
            offsets.append(pendingBytes.count)
            pendingBytes.append(contentsOf: row.row.values.bytes)
        }
        pendingBytes.append(0)  // never empty: a base address for empty texts
        let batchId = batchId
        try pendingBytes.withUnsafeBufferPointer { buffer in
            let start = buffer.baseAddress!
            let startups = inserts.startups, founders = inserts.founders, applications = inserts.applications
            startups.reset()
            founders.reset()
            applications.reset()
            defer {
                startups.clearBindings()
                founders.clearBindings()
                applications.clearBindings()
            }
            typealias Inserts = NewStartupInserts
            for statement in [startups, applications] {
                statement.bind(Inserts.now, now)
                statement.bind(Inserts.batch, batchId)
            }
            var startupIndex = Inserts.firstRowParameter, founderIndex = Inserts.firstRowParameter
            var applicationIndex = Inserts.firstRowParameter
            for (row, offset) in zip(rows, offsets) {
                let values = row.row.values
                let base = start + offset
                startups.bind(startupIndex, row.id)
                startups.bind(values, Slots.startup, from: startupIndex + 1, base: base)
                startups.bind(startupIndex + Int32(Slots.startup.count + 1), row.row.fingerprint)
                startupIndex += Inserts.startupParameters

                founders.bind(founderIndex, row.id)
                founders.bind(founderIndex + 1, values.slots[Slots.founderName], base: base)
                founders.bind(founderIndex + 2, values.slots[Slots.founderEmail], base: base)
                founderIndex += 3

                applications.bind(applicationIndex, row.id)
                applications.bind(applicationIndex + 1, values.slots[Slots.cohort], base: base)
                applications.bind(applicationIndex + 2, values.slots[Slots.appliedOn], base: base)
                applications.bind(applicationIndex + 3, row.warnings)
                applications.bind(applicationIndex + 4, values.slots[Slots.extra], base: base)
                applicationIndex += Inserts.applicationParameters
            }
            try startups.execute()
            try founders.execute()
            try applications.execute()
        }
    }

    /// The columns of `Statements.storedStartup` and `storedByICE`.
    enum LightColumn {
        static let ice: Int32 = 1
        static let fingerprint: Int32 = 2
        static let leadName: Int32 = 3
        static let leadEmail: Int32 = 4
    }

    /// Updates the columns this file maps when they differ; returns whether anything changed.
    ///
    /// A startup this file's columns last wrote with the same values has the row's fingerprint:
    /// with the same lead founder (compared too, as other commands change founders without
    /// touching the startup), it is unchanged, and its columns are not read.
    ///
    /// `mutating` though it changes nothing: the importer holds existentials (its request's and row
    /// reader's wording), which make it a type the compiler handles by address, and a non-mutating
    /// call from `importRow` copied the whole importer for every row found (7% of a re-import's time).
    mutating func updateStartup(_ id: Int64, _ prepared: PreparedRow, positioned: RawStatement?) throws -> Bool {
        let packed = prepared.values
        let light = positioned ?? statements.storedStartup
        defer { light.reset() }
        if positioned == nil {
            light.reset()
            light.bind(1, id)
            guard try light.step() else { return false }
        }
        if light.int64(LightColumn.fingerprint) == prepared.fingerprint,
            light.matches(LightColumn.leadName, packed.slots[PreparedRow.Slots.founderName], in: packed),
            light.matches(LightColumn.leadEmail, packed.slots[PreparedRow.Slots.founderEmail], in: packed)
        {
            return false
        }
        light.reset()
        let form = prepared.row.form
        let line = prepared.line
        let stored = statements.storedColumns
        defer { stored.reset() }
        stored.reset()
        stored.bind(1, id)
        guard try stored.step() else { return false }
        // Columns: 0 the id, then the compared columns, the last batch, the lead's name and e-mail.
        let slots = storedStartupSlots
        let count = Int32(slots.count)
        let sameFounder = stored.matches(count + 2, packed.slots[PreparedRow.Slots.founderName], in: packed)
            && stored.matches(count + 3, packed.slots[PreparedRow.Slots.founderEmail], in: packed)
        var same = sameFounder
        if same {
            for (column, slot) in slots.enumerated() where !stored.matches(Int32(column + 1), packed.slots[slot], in: packed) {
                same = false
                break
            }
        }
        if same { return false }
        let values = slots.map { packed.databaseValue($0) }
        let leadName = form.leadFounder?.fullName ?? ""
        let leadEmail = form.leadFounder?.email?.text
        let storedLeadName = stored.text(count + 2)
        let storedLeadEmail = stored.text(count + 3)

        let lastBatch = stored.int64(count + 1)
        var before: [(String, String)] = []
        if lastBatch != batchId {
            let names = startupColumns.map(\.name) + ["name_key", "lead_email_key"]
            for (index, name) in names.enumerated() {
                before.append((name, UndoValues.encode(stored.value(Int32(index + 1)))))
            }
            before.append(("lead_name", storedLeadName ?? ""))
            before.append(("lead_email", storedLeadEmail ?? ""))
            before.append(("last_batch_id", lastBatch.map(String.init) ?? ""))
        }
        stored.reset()
        if !before.isEmpty {
            try statements.insertChange.execute(arguments: [batchId, "startup", id, line, JSONText.encode(pairs: before)])
        }
        try statements.updateStartup.execute(
            arguments: StatementArguments(
                values + [now.databaseValue, batchId.databaseValue, prepared.fingerprint.databaseValue, id.databaseValue]))
        if !sameFounder {
            try statements.updateFounder.execute(arguments: [leadName, leadEmail, id])
        }
        return true
    }

    /// The startup columns an import may write, hence restore on undo.
    static let restorableStartupColumns: Set<String> = Set(StartupColumn.all.map(\.name) + ["name_key", "lead_email_key"])

    // MARK: - End

    mutating func finish(rejectsFile: String?) -> (report: ImportReport, commit: Bool) {
        let hasErrors = rejected > 0
        let wroteSomething = inserted > 0 || updated > 0 || mappingChanged
        var commit: Bool
        switch request.mode {
        case .allOrNothing: commit = !hasErrors && wroteSomething
        case .skipInvalid: commit = wroteSomething || rejectsFile != nil
        }
        if request.dryRun { commit = false }
        let earlier = (try? Int64.fetchAll(
            db, sql: "SELECT id FROM batch WHERE sha256 = ? AND kind = 'import' AND undone_at IS NULL AND id <> ? ORDER BY id",
            arguments: [sha256, batchId])) ?? []
        if inserted > 0 || updated > 0 {
            try? db.execute(
                sql: "UPDATE batch SET sha256 = ?, inserted = ?, updated = ?, unchanged = ?, rejected = ?, warnings = ? WHERE id = ?",
                arguments: [sha256, inserted, updated, unchanged, rejected, warningCount, batchId])
        } else {
            // Nothing imported: no batch to undo.
            try? db.execute(sql: "DELETE FROM batch WHERE id = ?", arguments: [batchId])
        }
        let report = ImportReport(
            file: request.path, sha256: sha256, dialect: DialectSummary(dialect),
            batchId: (inserted > 0 || updated > 0) && commit ? batchId : nil,
            alreadyImported: earlier, dryRun: request.dryRun, committed: commit,
            inserted: inserted, updated: updated, unchanged: unchanged, rejected: rejected, warnings: warningCount,
            errors: errors, flagged: flagged, duplicates: duplicates, extraColumns: mapping.extraHeaders,
            createdCohorts: createdCohorts, rejectsFile: rejectsFile, usedRememberedMapping: usedRememberedMapping)
        return (report, commit)
    }
}

/// A startup column an import can set, the field it comes from, and how its value is packed: from
/// the form, or (`append` is `nil`) as typed in the cell, for the plain text fields that the form
/// leaves out (`RowReader.textFields`).
struct StartupColumn: Sendable {
    let name: String
    let field: ApplicationField
    let append: (@Sendable (ApplicationForm, ProgramRules, inout PackedValues) -> Void)?

    init(name: String, field: ApplicationField, append: (@Sendable (ApplicationForm, ProgramRules, inout PackedValues) -> Void)?) {
        self.name = name
        self.field = field
        self.append = append
    }

    /// A column packed as typed in its cell.
    init(cell name: String, field: ApplicationField) {
        precondition(RowReader.textFields.contains(field), "\(field) is not read as typed")
        self.init(name: name, field: field, append: nil)
    }

    static let all: [StartupColumn] = [
        StartupColumn(name: "name", field: .name) { form, _, values in values.append(form.name ?? "") },
        StartupColumn(cell: "legal_name", field: .legalName),
        StartupColumn(name: "ice", field: .ice) { form, _, values in values.append(form.ice?.digits) },
        StartupColumn(name: "city", field: .city) { form, _, values in values.append(form.city ?? "") },
        StartupColumn(cell: "region", field: .region),
        StartupColumn(name: "country", field: .country) { form, _, values in values.append((form.country ?? .morocco).code) },
        StartupColumn(name: "sector", field: .sector) { form, rules, values in
            values.append(form.sector.map { rules.canonicalSector($0) ?? $0 })
        },
        StartupColumn(name: "founded_on", field: .foundedOn) { form, _, values in values.append(form.foundedOn?.description) },
        StartupColumn(name: "phone", field: .phone) { form, _, values in values.append(form.phone?.e164) },
        StartupColumn(cell: "website", field: .website),
        StartupColumn(cell: "product_stage", field: .productStage),
        StartupColumn(name: "employees", field: .employees) { form, _, values in values.append(form.employees.map(Int64.init)) },
        StartupColumn(name: "monthly_revenue_minor", field: .monthlyRevenue) { form, _, values in
            values.append(form.monthlyRevenue?.minorUnits)
        },
        StartupColumn(name: "monthly_revenue_currency", field: .monthlyRevenue) { form, _, values in
            values.append(form.monthlyRevenue?.currency.code)
        },
        StartupColumn(name: "funding_sought_minor", field: .fundingSought) { form, _, values in
            values.append(form.fundingSought?.minorUnits)
        },
        StartupColumn(name: "funding_sought_currency", field: .fundingSought) { form, _, values in
            values.append(form.fundingSought?.currency.code)
        },
        StartupColumn(cell: "description", field: .description),
    ]
}
