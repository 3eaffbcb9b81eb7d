import AcceleratorCSV
import AcceleratorDomain
import AcceleratorFiles
import Foundation
import GRDB

/// What the user asked of a decisions file.
public struct DecisionsRequest: Sendable {
    /// Where the spreadsheet is read from.
    public var source: RecordSource
    /// The spreadsheet as messages and the batch name it (`source.name`).
    public var path: String
    /// Forced delimiter, else sniffed.
    public var delimiter: UInt8?
    /// Forced encoding, else detected.
    public var encoding: CSVEncoding?
    /// Roll back at the end, whatever happens.
    public var dryRun: Bool
    /// Who decided (the stage events' actor).
    public var actor: String
    /// The current day.
    public var today: CalendarDate

    /// Creates a request for the file at `path` ("-" for standard input).
    public init(
        path: String, delimiter: UInt8? = nil, encoding: CSVEncoding? = nil, dryRun: Bool = false, actor: String,
        today: CalendarDate
    ) {
        self.init(source: .path(path), delimiter: delimiter, encoding: encoding, dryRun: dryRun, actor: actor, today: today)
    }

    /// Creates a request for any source: a file, standard input, bytes in memory.
    public init(
        source: RecordSource, delimiter: UInt8? = nil, encoding: CSVEncoding? = nil, dryRun: Bool = false, actor: String,
        today: CalendarDate
    ) {
        self.source = source
        self.path = source.name
        self.delimiter = delimiter
        self.encoding = encoding
        self.dryRun = dryRun
        self.actor = actor
        self.today = today
    }
}

/// What one row of a decisions file did (or would do).
public struct DecisionMove: Sendable, Equatable, Codable {
    /// The row's line.
    public var line: Int
    /// The startup's name.
    public var startup: String
    /// The application's cohort.
    public var cohort: String
    /// The application's id.
    public var applicationId: Int64
    /// The stage before the row.
    public var from: Stage
    /// The stage after the row.
    public var to: Stage
    /// Whether the row moved the application (false: it already was at that stage).
    public var changed: Bool

    // In JSON the startup is a reference: `startupName`.
    private enum CodingKeys: String, CodingKey {
        case line, startup = "startupName", cohort, applicationId, from, to, changed
    }
}

/// What a decisions file did (or, refused or in a dry run, would have done).
public struct DecisionsReport: Sendable, Equatable, Codable {
    /// The file.
    public var file: String
    /// Its SHA-256.
    public var sha256: String
    /// Its dialect.
    public var dialect: DialectSummary
    /// The batch recorded, when the file was applied and moved something.
    public var batchId: Int64?
    /// Earlier decisions batches of the same file (same SHA-256) still in force.
    public var alreadyApplied: [Int64]
    /// Whether this was a dry run.
    public var dryRun: Bool
    /// Whether the moves were kept.
    public var committed: Bool
    /// Rows that moved an application.
    public var moves: Int
    /// Rows for an application already at the stage decided.
    public var unchanged: Int
    /// Every row that was allowed, in file order.
    public var rows: [DecisionMove]
    /// Every problem, in file order; any problem and nothing is applied.
    public var problems: [DecisionProblem]
    /// Columns of the file that are not decisions columns, ignored.
    public var ignoredColumns: [String]
}

/// A decisions file that cannot be read at all; nothing was written.
public enum DecisionsError: Error, Equatable, CustomStringConvertible {
    /// The CSV cannot be read.
    case csv(path: String, CSVError)
    /// The header row cannot be used.
    case mapping(path: String, DecisionMappingError)
    /// The file cannot be hashed (read).
    case unreadable(path: String)
    /// The input cannot be used (a folder, a block device, a terminal…).
    case file(FileError)

    public var description: String {
        switch self {
        case .csv(let path, let error): "\(path): \(error.description)"
        case .mapping(let path, let error): "\(path): \(error.description)"
        case .unreadable(let path): "cannot read \(path)"
        case .file(let error): error.description
        }
    }

    /// Whether the failure is the file system's rather than the file's content.
    public var isIOFailure: Bool { kind == .storage }
}

extension AppDatabase {
    /// Applies a committee's decisions file in one transaction, row by row in file order, each row
    /// decided and written exactly as `advance`, `reject` or `withdraw` would; every row is
    /// evaluated and every problem reported, and any problem rolls the whole file back.
    ///
    /// Applied, the file is recorded as a batch of kind `decisions` (moves counted in `inserted`,
    /// rows already at their stage in `unchanged`) that `undoDecisions` can revert. A file that
    /// moves nothing writes nothing. A dry run is the real run rolled back.
    public func applyDecisions(_ request: DecisionsRequest) throws -> DecisionsReport {
        // Standard input or a pipe is read once, into a copy hashed on the way; a file is hashed first.
        let source: OpenedSource
        do { source = try OpenedSource(request.source) } catch { throw DecisionsError.file(error) }
        // A copy of a pipe is read through /proc/self/fd: it must outlive every open of its path.
        defer { withExtendedLifetime(source) {} }
        var request = request
        request.path = source.name
        let reader: CSVReader
        do {
            // A decisions row is a few short cells: 1 MiB per record bounds the memory of any input.
            reader = try source.csvReader(
                delimiter: request.delimiter, encoding: request.encoding, detectingFromPrefix: nil, maximumRecordSize: 1 << 20)
        } catch {
            throw DecisionsError.csv(path: request.path, error)
        }
        // A decisions file is small: its digest is awaited before the rows are read.
        guard let sha256 = source.digest(checkingUTF8: false).wait() else { throw DecisionsError.unreadable(path: request.path) }
        return try applyDecisions(request, reader: reader, sha256: sha256)
    }

    /// Applies the records `reader` reads (a CSV file's, a workbook's).
    private func applyDecisions<Reader: RecordReader & ~Copyable>(
        _ request: DecisionsRequest, reader: consuming Reader, sha256: String
    ) throws -> DecisionsReport {
        let mapping: DecisionMapping
        do {
            guard let header = try reader.next() else { throw DecisionsError.csv(path: request.path, .emptyFile) }
            if let error = CSVError.oversizedHeader(header.fields, line: header.line, limit: HeaderMapping.headerByteLimit) {
                throw error
            }
            mapping = try DecisionMapping(headers: header.fields.map(CanonicalText.nfc))
        } catch let error as CSVError {
            throw DecisionsError.csv(path: request.path, error)
        } catch let error as DecisionMappingError {
            throw DecisionsError.mapping(path: request.path, error)
        }

        var report: DecisionsReport?
        do {
            try writer.writeWithoutTransaction { db in
                try Self.transaction(db) {
                    var run = try DecisionsRun(
                        db: db, request: request, sha256: sha256, mapping: mapping, dialect: reader.dialect, now: clock.timestamp)
                    try run.apply(reader: &reader)
                    let result = try run.finish()
                    report = result.report
                    return ((), commit: result.commit)
                }
            }
        } catch let error as DatabaseError {
            throw StoreError.from(error, path: path)
        }
        guard let report else { throw StoreError.database(path: path, message: "the decisions run produced no report") }
        return report
    }
}

/// One decisions file being applied: its batch, its moves and its problems.
struct DecisionsRun {
    let db: Database
    let request: DecisionsRequest
    let sha256: String
    let mapping: DecisionMapping
    let dialect: CSVDialect
    let rowReader: DecisionRowReader
    let batchId: Int64
    let now: String

    var rows: [DecisionMove] = []
    var problems: [DecisionProblem] = []
    var moves = 0
    var unchanged = 0

    init(
        db: Database, request: DecisionsRequest, sha256: String, mapping: DecisionMapping, dialect: CSVDialect, now: String
    ) throws {
        self.db = db
        self.request = request
        self.sha256 = sha256
        self.mapping = mapping
        self.dialect = dialect
        self.now = now
        let rules = try AppDatabase.rules(db)
        rowReader = DecisionRowReader(
            mapping: mapping, dateOrder: rules.dateOrder, defaultCurrency: rules.defaultCurrency, today: request.today)
        // The batch row comes first: each move links its event to it as it is written.
        try db.execute(
            sql: "INSERT INTO batch (kind, file_name, sha256, dialect, created_at) VALUES ('decisions', ?, ?, ?, ?)",
            arguments: [request.path, sha256, DialectSummary(dialect).summary, now])
        batchId = db.lastInsertedRowID
    }

    mutating func apply<Reader: RecordReader & ~Copyable>(reader: inout Reader) throws {
        var cells: [String] = []
        while true {
            let line: Int
            do {
                guard let next = try reader.nextRecord(into: &cells) else { break }
                line = next
            } catch {
                switch error {
                case .nulByte(let line, _), .invalidUTF8(let line, _), .tooManyFields(let line, _, _):
                    // The reader stands after the bad record: report it and go on.
                    problems.append(DecisionProblem(line: line, message: error.reason))
                    continue
                default:
                    throw DecisionsError.csv(path: request.path, error)
                }
            }
            if DecisionRowReader.isBlank(cells) { continue }
            // Names, mentors, investors and notes are stored in NFC, as every text is.
            cells = cells.map(CanonicalText.nfc)
            switch rowReader.read(cells, line: line) {
            case .problems(let rowProblems):
                problems.append(contentsOf: rowProblems)
            case .decision(let decision):
                try apply(decision)
            }
        }
    }

    /// Applies one row as `advance` would; a refusal is noted and the file goes on.
    mutating func apply(_ decision: Decision) throws {
        do {
            let startup = try AppDatabase.resolveStartup(db, decision.startup)
            let application = try AppDatabase.resolveApplication(db, startup: startup, cohort: decision.cohort)
            if let current = try Self.reachedEarlier(db, applicationId: application.id, request: decision.request) {
                // The committee's decision is already in force (the file grew, or runs again): nothing to do.
                unchanged += 1
                rows.append(DecisionMove(
                    line: decision.line, startup: startup.name, cohort: application.cohort, applicationId: application.id,
                    from: current, to: decision.request.target, changed: false))
                return
            }
            let context = MoveContext(
                actor: request.actor, note: decision.note, occurredOn: decision.occurredOn, today: request.today)
            let outcome = try AppDatabase.move(
                db, applicationId: application.id, startupName: startup.name, cohort: application.cohort,
                request: decision.request, context: context, now: now)
            if let eventId = outcome.eventId {
                try db.execute(
                    sql: "INSERT INTO batch_event (batch_id, event_id, application_id, line) VALUES (?, ?, ?, ?)",
                    arguments: [batchId, eventId, application.id, decision.line])
                moves += 1
            } else {
                unchanged += 1
            }
            rows.append(DecisionMove(
                line: decision.line, startup: outcome.startup, cohort: outcome.cohort,
                applicationId: outcome.applicationId, from: outcome.from, to: outcome.to, changed: outcome.changed))
        } catch OperationError.moveRefused(let startup, let cohort, let target, let refusals) {
            problems.append(DecisionProblem(
                line: decision.line,
                message: OperationError.refusalMessage(
                    startup: startup, cohort: cohort, target: target, refusals: refusals, explaining: mapping.explain)))
        } catch let error as OperationError {
            // An unknown or ambiguous startup, a cohort it did not apply to.
            let column: DecisionField = Self.isAboutCohort(error) ? .cohort : .startup
            problems.append(DecisionProblem(line: decision.line, column: mapping.columnName(column), message: error.message(mapping)))
        } catch let error as VoidError {
            problems.append(DecisionProblem(line: decision.line, message: error.message(mapping)))
        }
    }

    /// The application's stage when it has gone past the row's stage after reaching it by a move in
    /// force (any batch or command, not undone), with the details the row gives (its mentor among
    /// the application's, its funding among its rounds); `nil` otherwise, the row then decided as a
    /// move (and refused as a move back). The same stage is the move's own `unchanged`.
    static func reachedEarlier(_ db: Database, applicationId: Int64, request: MoveRequest) throws -> Stage? {
        let target = request.target
        guard target != .applied,
            let stage = try String.fetchOne(
                db.cachedStatement(sql: "SELECT stage FROM application WHERE id = ? AND voided_at IS NULL"), arguments: [applicationId]
            ).flatMap(Stage.init(rawValue:)),
            stage != target,
            try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM live_stage_event WHERE application_id = ? AND to_stage = ?)"),
                arguments: [applicationId, target.rawValue]) == true
        else { return nil }
        let folded = { (text: String?) in text.map { TextFolding.folded($0.trimmedText) } }
        if let name = folded(request.mentor.mentorName) {
            let organisation = folded(request.mentor.organisation)
            let mentors = try Row.fetchAll(
                db, sql: "SELECT mentor_name, organisation FROM mentor_assignment WHERE application_id = ?", arguments: [applicationId])
            guard mentors.contains(where: { mentor in
                folded(mentor["mentor_name"]) == name && (organisation == nil || folded(mentor["organisation"]) == organisation)
            }) else { return nil }
        }
        if let amount = request.funding.amount {
            let investor = folded(request.funding.investor)
            let rounds = try Row.fetchAll(
                db, sql: "SELECT investor FROM funding WHERE application_id = ? AND amount_minor = ? AND currency = ?",
                arguments: [applicationId, amount.minorUnits, amount.currency.code])
            guard rounds.contains(where: { investor == nil || folded($0["investor"]) == investor }) else { return nil }
        }
        return stage
    }

    static func isAboutCohort(_ error: OperationError) -> Bool {
        switch error {
        case .cohortNeeded, .noApplicationInCohort, .invalidCohortCode: true
        default: false
        }
    }

    /// Ends the run: what to report, and whether to keep the writes.
    mutating func finish() throws -> (report: DecisionsReport, commit: Bool) {
        let applied = problems.isEmpty && moves > 0
        if applied {
            // The batch last wrote these applications; any later write (a move, a funding round, a
            // market, an import) clears or replaces it, which is how an undo knows they changed since.
            try db.execute(
                sql: """
                    UPDATE application SET last_batch_id = ?
                     WHERE id IN (SELECT application_id FROM batch_event WHERE batch_id = ?)
                    """,
                arguments: [batchId, batchId])
            let cohorts = try String.fetchAll(db, sql: """
                SELECT DISTINCT a.cohort_code FROM application a JOIN batch_event b ON b.application_id = a.id
                 WHERE b.batch_id = ?
                """, arguments: [batchId])
            try db.execute(
                sql: "UPDATE batch SET cohort = ?, inserted = ?, unchanged = ? WHERE id = ?",
                arguments: [cohorts.count == 1 ? cohorts[0] : nil, moves, unchanged, batchId])
        }
        let commit = applied && !request.dryRun
        let earlier = try Int64.fetchAll(
            db, sql: "SELECT id FROM batch WHERE sha256 = ? AND kind = 'decisions' AND undone_at IS NULL AND id <> ? ORDER BY id",
            arguments: [sha256, batchId])
        let report = DecisionsReport(
            file: request.path, sha256: sha256, dialect: DialectSummary(dialect), batchId: commit ? batchId : nil,
            alreadyApplied: earlier, dryRun: request.dryRun, committed: commit, moves: moves, unchanged: unchanged,
            rows: rows, problems: problems, ignoredColumns: mapping.ignoredHeaders)
        return (report, commit)
    }
}
