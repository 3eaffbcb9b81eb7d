import AcceleratorCSV
import AcceleratorDomain
import Foundation
import GRDB

extension AppDatabase {
    /// Imports an applicant spreadsheet in one transaction: every row checked, every problem
    /// reported; all or nothing (or valid rows only, with `--skip-invalid`); re-imports update or
    /// leave rows unchanged, never duplicate; a dry run is the real run rolled back.
    ///
    /// When the file changes nothing, nothing at all is written (no batch, no timestamp).
    public func importApplications(_ request: ImportRequest) throws -> ImportReport {
        guard let sha256 = SHA256.hexDigest(ofFile: request.path) else {
            // Let the reader say why (missing file, folder, permission).
            do { _ = try CSVReader(path: request.path) } catch { throw ImportError.csv(path: request.path, error) }
            throw ImportError.unreadable(path: request.path)
        }
        var reader: CSVReader
        do {
            reader = try CSVReader(path: request.path, delimiter: request.delimiter, encoding: request.encoding)
        } catch {
            throw ImportError.csv(path: request.path, error)
        }
        let headers: [String]
        do {
            guard let header = try reader.next() else { throw ImportError.csv(path: request.path, .emptyFile) }
            headers = header.fields
        } catch let error as CSVError {
            throw ImportError.csv(path: request.path, error)
        }
        let overrides: [String: ImportColumn]
        do {
            overrides = try HeaderMapping.parseOverrides(request.mappings)
        } catch {
            throw ImportError.mapping(path: request.path, error)
        }

        var rejects: RejectsWriter?
        var report: ImportReport?
        do {
            try writer.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    var importer = try Importer(
                        db: db, request: request, sha256: sha256, headers: headers, overrides: overrides,
                        dialect: reader.dialect)
                    try importer.run(reader: &reader, rejects: &rejects)
                    let result = importer.finish(rejectsFile: rejects?.path)
                    report = result.report
                    if result.commit {
                        try rejects?.finish()
                        return .commit
                    }
                    return .rollback
                }
            }
        } catch let error as DatabaseError {
            rejects?.discard()
            throw StoreError.from(error, path: path)
        } catch {
            rejects?.discard()
            throw error
        }
        guard let report else { throw StoreError.database(path: path, message: "the import produced no report") }
        if !report.committed { rejects?.discard() }
        return report
    }
}

/// The rejects file of `--skip-invalid`: the original columns plus `line` and `error`, in the
/// input's dialect, so it can be fixed in a spreadsheet and imported as it is.
final class RejectsWriter {
    let path: String
    private var writer: CSVWriter

    init(path: String, headers: [String], dialect: CSVDialect) throws {
        self.path = path
        let format = CSVWriter.Format(
            delimiter: dialect.delimiter, lineEnding: [0x0D, 0x0A],
            writesByteOrderMark: dialect.hasByteOrderMark || dialect.encoding == .windows1252)
        do {
            writer = try CSVWriter(path: path, format: format)
            try writer.write(headers + ["line", "error"])
        } catch {
            throw ImportError.csv(path: path, error)
        }
    }

    func write(_ cells: [String], line: Int, error: String) throws {
        do { try writer.write(cells + ["\(line)", error]) } catch { throw ImportError.csv(path: path, error) }
    }

    func finish() throws {
        do { try writer.finish() } catch { throw ImportError.csv(path: path, error) }
    }

    func discard() {
        unlink(path)
    }
}

/// One import's state: the mapping, the prepared statements' SQL, the counters.
struct Importer {
    let db: Database
    let request: ImportRequest
    let sha256: String
    let mapping: HeaderMapping
    let rowReader: RowReader
    let rules: ProgramRules
    let dialect: CSVDialect
    let batchId: Int64
    let now: String
    let usedRememberedMapping: Bool
    /// The startup columns this file sets (only mapped fields are compared and written).
    let startupColumns: [StartupColumn]
    /// Columns of the original file kept in a rejects file (not its own `line`/`error`).
    let keptColumns: [Int]

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

    /// The most diagnostics kept in the report; the counts stay exact beyond it.
    static let diagnosticLimit = 100_000

    init(
        db: Database, request: ImportRequest, sha256: String, headers: [String], overrides: [String: ImportColumn],
        dialect: CSVDialect
    ) throws {
        self.db = db
        self.request = request
        self.sha256 = sha256
        self.dialect = dialect
        now = Timestamp.now()
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
        rowReader = RowReader(
            mapping: mapping, dateOrder: rules.dateOrder, defaultCurrency: rules.defaultCurrency,
            defaultCohort: defaultCohort, today: request.today)
        startupColumns = StartupColumn.all.filter { mapping.fieldColumns[$0.field] != nil }
        keptColumns = mapping.columns.indices.filter { mapping.columns[$0] != .ignored }
        knownCohorts = Set(try String.fetchAll(db, sql: "SELECT code FROM cohort"))

        try db.execute(
            sql: """
                INSERT INTO batch (kind, file_name, sha256, dialect, cohort, created_at)
                VALUES ('import', ?, ?, ?, ?, ?)
                """,
            arguments: [request.path, sha256, DialectSummary(dialect).summary, defaultCohort, now])
        batchId = db.lastInsertedRowID
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS import_seen (startup_id INTEGER PRIMARY KEY, line INTEGER NOT NULL)")
        try db.execute(sql: "DELETE FROM import_seen")
    }

    static func signature(of headers: [String]) -> String {
        var hasher = SHA256()
        hasher.update(Array(headers.map(TextFolding.compact).joined(separator: "\u{1F}").utf8))
        return hasher.finalize()
    }

    // MARK: - Rows

    mutating func run(reader: inout CSVReader, rejects: inout RejectsWriter?) throws {
        var cells: [String] = []
        var count = 0
        while true {
            let line: Int
            do {
                guard let next = try reader.nextRecord(into: &cells) else { break }
                line = next
            } catch {
                switch error {
                case .nulByte(let line, _), .invalidUTF8(let line, _), .tooManyFields(let line, _, _):
                    // The reader stands after the bad record: report it and go on.
                    try reject(ImportDiagnostic(line: line, message: Self.recordMessage(error), severity: .error), cells: [], rejects: &rejects)
                    continue
                default:
                    throw ImportError.csv(path: request.path, error)
                }
            }
            count += 1
            if count & 0xFFF == 0, let progress = request.progress, let total = reader.totalBytes {
                progress(reader.bytesConsumed, total)
            }
            try importRow(cells, line: line, rejects: &rejects)
        }
        if let progress = request.progress, let total = reader.totalBytes { progress(total, total) }
    }

    static func recordMessage(_ error: CSVError) -> String {
        // The CSV message starts with its own "line N"; the diagnostic carries the line already.
        let text = error.description
        if let range = text.range(of: ": "), text.hasPrefix("line ") { return String(text[range.upperBound...]) }
        return text
    }

    mutating func reject(_ diagnostic: ImportDiagnostic, cells: [String], rejects: inout RejectsWriter?) throws {
        try reject([diagnostic], cells: cells, rejects: &rejects)
    }

    mutating func reject(_ diagnostics: [ImportDiagnostic], cells: [String], rejects: inout RejectsWriter?) throws {
        rejected += 1
        for diagnostic in diagnostics where errors.count < Self.diagnosticLimit { errors.append(diagnostic) }
        guard case .skipInvalid(let rejectsPath) = request.mode else { return }
        if rejects == nil {
            rejects = try RejectsWriter(path: rejectsPath, headers: keptColumns.map { mapping.headers[$0] }, dialect: dialect)
        }
        let kept = keptColumns.map { $0 < cells.count ? cells[$0] : "" }
        let message = diagnostics.map { diagnostic in
            var text = diagnostic.message
            if let header = diagnostic.header { text = "\(header): \(text)" }
            return text
        }.joined(separator: "; ")
        try rejects?.write(kept, line: diagnostics.first?.line ?? 0, error: message)
    }

    mutating func importRow(_ cells: [String], line: Int, rejects: inout RejectsWriter?) throws {
        let row = rowReader.read(cells, line: line)
        guard var form = row.form else {
            try reject(row.diagnostics, cells: cells, rejects: &rejects)
            return
        }
        do {
            form.cohort = try AppDatabase.cohortCode(form.cohort)
        } catch {
            let index = mapping.fieldColumns[.cohort]
            try reject(ImportDiagnostic(
                line: line, column: index.map { $0 + 1 }, header: index.map { mapping.headers[$0] }, value: form.cohort,
                message: error.description, severity: .error), cells: cells, rejects: &rejects)
            return
        }
        let existing = try AppDatabase.findStartup(db, ice: form.ice, name: form.name, leadEmail: form.leadFounder?.email)
        var applicationInCohort: Row?
        var open: [(cohort: String, stage: Stage)] = []
        if let existing {
            let statement = try db.cachedStatement(sql: """
                SELECT id, cohort_code, stage, applied_on, warnings, extra, last_batch_id
                  FROM application WHERE startup_id = ?
                """)
            for application in try Row.fetchAll(statement, arguments: [existing]) {
                let code: String = application["cohort_code"]
                let stage = Stage(rawValue: application["stage"]) ?? .applied
                if code == form.cohort {
                    applicationInCohort = application
                } else if stage.isOpen {
                    open.append((code, stage))
                }
            }
        }
        let issues = Eligibility.check(form, openApplications: open, rules: rules, today: request.today)
        let findings = issues.map { rowReader.diagnostic(for: $0, line: line, cells: cells) }
        let rowErrors = findings.filter { $0.severity == .error }
        guard rowErrors.isEmpty else {
            try reject(rowErrors, cells: cells, rejects: &rejects)
            return
        }
        let warnings = findings.filter { $0.severity == .warning }
        warningCount += warnings.count
        for warning in warnings where flagged.count < Self.diagnosticLimit { flagged.append(warning) }

        // A startup already written by this file: the later row wins, and the report names both.
        if let existing {
            if let earlier = try Int.fetchOne(
                db.cachedStatement(sql: "SELECT line FROM import_seen WHERE startup_id = ?"), arguments: [existing])
            {
                duplicates.append(DuplicateRow(line: line, earlierLine: earlier, startup: form.name ?? ""))
                try db.cachedStatement(sql: "UPDATE import_seen SET line = ? WHERE startup_id = ?").execute(arguments: [line, existing])
            }
        }

        var changed = false
        let startupId: Int64
        if let existing {
            startupId = existing
            changed = try updateStartup(existing, form: form, line: line)
        } else {
            startupId = try insertStartup(form: form, line: line)
        }
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO import_seen (startup_id, line) VALUES (?, ?)")
            .execute(arguments: [startupId, line])

        let warningText = JSONText.encode(warnings.map(\.message))
        let extraText: String? = mapping.extraHeaders.isEmpty ? nil : JSONText.encode(pairs: row.extras)
        if let application = applicationInCohort {
            let id: Int64 = application["id"]
            let appliedOn = mapping.fieldColumns[.appliedAt] != nil ? form.appliedOn.description : (application["applied_on"] as String)
            let extra = extraText ?? (application["extra"] as String)
            if appliedOn != application["applied_on"] || warningText != application["warnings"] || extra != application["extra"] {
                let lastBatch: Int64? = application["last_batch_id"]
                if lastBatch != batchId {
                    let before = JSONText.encode(pairs: [
                        ("applied_on", application["applied_on"] as String), ("warnings", application["warnings"] as String),
                        ("extra", application["extra"] as String), ("last_batch_id", lastBatch.map(String.init) ?? ""),
                    ])
                    try recordChange(entity: "application", id: id, action: "update", line: line, before: before)
                }
                try db.cachedStatement(sql: """
                    UPDATE application SET applied_on = ?, warnings = ?, extra = ?, updated_at = ?, last_batch_id = ? WHERE id = ?
                    """).execute(arguments: [appliedOn, warningText, extra, now, batchId, id])
                changed = true
            }
            if changed { updated += 1 } else { unchanged += 1 }
        } else {
            try ensureCohort(form.cohort)
            try db.cachedStatement(sql: """
                INSERT INTO application (startup_id, cohort_code, stage, applied_on, warnings, extra, created_at, updated_at, last_batch_id)
                VALUES (?, ?, 'applied', ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [startupId, form.cohort, form.appliedOn.description, warningText, extraText ?? "[]", now, now, batchId])
            try recordChange(entity: "application", id: db.lastInsertedRowID, action: "insert", line: line, before: nil)
            inserted += 1
        }
    }

    mutating func ensureCohort(_ code: String) throws {
        guard !knownCohorts.contains(code) else { return }
        if let created = try AppDatabase.ensureCohort(db, code: code, startsOn: request.today, rules: rules) {
            createdCohorts.append(created)
        }
        knownCohorts.insert(code)
    }

    func recordChange(entity: String, id: Int64, action: String, line: Int, before: String?) throws {
        try db.cachedStatement(sql: """
            INSERT INTO batch_change (batch_id, entity, entity_id, action, line, before) VALUES (?, ?, ?, ?, ?, ?)
            """).execute(arguments: [batchId, entity, id, action, line, before])
    }

    // MARK: - Startups

    func insertStartup(form: ApplicationForm, line: Int) throws -> Int64 {
        var values = StartupColumn.all.map { ($0.name, $0.value(form, rules)) }
        values.append(("name_key", TextFolding.folded(form.name ?? "").databaseValue))
        values.append(("lead_email_key", form.leadFounder?.email?.text.lowercased().databaseValue ?? .null))
        values.append(("created_at", now.databaseValue))
        values.append(("updated_at", now.databaseValue))
        values.append(("last_batch_id", batchId.databaseValue))
        let columns = values.map(\.0).joined(separator: ", ")
        let marks = Array(repeating: "?", count: values.count).joined(separator: ", ")
        try db.cachedStatement(sql: "INSERT INTO startup (\(columns)) VALUES (\(marks))")
            .execute(arguments: StatementArguments(values.map(\.1)))
        let id = db.lastInsertedRowID
        try db.cachedStatement(sql: "INSERT INTO founder (startup_id, position, full_name, email, is_lead) VALUES (?, 0, ?, ?, 1)")
            .execute(arguments: [id, form.leadFounder?.fullName ?? "", form.leadFounder?.email?.text])
        try recordChange(entity: "startup", id: id, action: "insert", line: line, before: nil)
        return id
    }

    /// Updates the columns this file maps when they differ; returns whether anything changed.
    func updateStartup(_ id: Int64, form: ApplicationForm, line: Int) throws -> Bool {
        let names = startupColumns.map(\.name) + ["name_key", "lead_email_key"]
        guard let stored = try Row.fetchOne(
            db.cachedStatement(sql: """
                SELECT \(names.joined(separator: ", ")), last_batch_id,
                       (SELECT full_name FROM founder WHERE startup_id = startup.id AND is_lead = 1) AS lead_name,
                       (SELECT email FROM founder WHERE startup_id = startup.id AND is_lead = 1) AS lead_email
                  FROM startup WHERE id = ?
                """), arguments: [id])
        else { return false }
        var values = startupColumns.map { $0.value(form, rules) }
        values.append(TextFolding.folded(form.name ?? "").databaseValue)
        values.append(form.leadFounder?.email?.text.lowercased().databaseValue ?? .null)
        let leadName = form.leadFounder?.fullName ?? ""
        let leadEmail = form.leadFounder?.email?.text
        let storedValues = names.map { stored[$0] as DatabaseValue }
        let sameFounder = (stored["lead_name"] as String?) == leadName && (stored["lead_email"] as String?) == leadEmail
        if storedValues == values && sameFounder { return false }

        let lastBatch: Int64? = stored["last_batch_id"]
        if lastBatch != batchId {
            var before: [(String, String)] = []
            for (index, name) in names.enumerated() {
                before.append((name, Self.encode(storedValues[index])))
            }
            before.append(("lead_name", (stored["lead_name"] as String?) ?? ""))
            before.append(("lead_email", (stored["lead_email"] as String?) ?? ""))
            before.append(("last_batch_id", lastBatch.map(String.init) ?? ""))
            try recordChange(entity: "startup", id: id, action: "update", line: line, before: JSONText.encode(pairs: before))
        }
        let assignments = names.map { "\($0) = ?" }.joined(separator: ", ")
        try db.cachedStatement(sql: "UPDATE startup SET \(assignments), updated_at = ?, last_batch_id = ? WHERE id = ?")
            .execute(arguments: StatementArguments(values + [now.databaseValue, batchId.databaseValue, id.databaseValue]))
        if !sameFounder {
            try db.cachedStatement(sql: "UPDATE founder SET full_name = ?, email = ? WHERE startup_id = ? AND is_lead = 1")
                .execute(arguments: [leadName, leadEmail, id])
        }
        return true
    }

    /// A stored value as text for the undo record: `\u{0}` stands for NULL; numbers keep their digits.
    static func encode(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: "\u{0}"
        case .int64(let number): "i\(number)"
        case .double(let number): "d\(number)"
        case .string(let text): "s\(text)"
        case .blob: "\u{0}"
        }
    }

    static func decode(_ text: String) -> DatabaseValue {
        guard let tag = text.first, text != "\u{0}" else { return .null }
        let rest = String(text.dropFirst())
        switch tag {
        case "i": return Int64(rest)?.databaseValue ?? .null
        case "d": return Double(rest)?.databaseValue ?? .null
        case "s": return rest.databaseValue
        default: return .null
        }
    }

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
                sql: "UPDATE batch SET inserted = ?, updated = ?, unchanged = ?, rejected = ?, warnings = ? WHERE id = ?",
                arguments: [inserted, updated, unchanged, rejected, warningCount, batchId])
        } else {
            // Nothing imported: no batch to undo.
            try? db.execute(sql: "DELETE FROM batch WHERE id = ?", arguments: [batchId])
        }
        try? db.execute(sql: "DELETE FROM import_seen")
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

/// A startup column an import can set, and the field it comes from.
struct StartupColumn: Sendable {
    let name: String
    let field: ApplicationField
    let value: @Sendable (ApplicationForm, ProgramRules) -> DatabaseValue

    static let all: [StartupColumn] = [
        StartupColumn(name: "name", field: .name) { form, _ in (form.name ?? "").databaseValue },
        StartupColumn(name: "legal_name", field: .legalName) { form, _ in form.legalName.databaseValue },
        StartupColumn(name: "ice", field: .ice) { form, _ in form.ice?.digits.databaseValue ?? .null },
        StartupColumn(name: "city", field: .city) { form, _ in (form.city ?? "").databaseValue },
        StartupColumn(name: "region", field: .region) { form, _ in form.region.databaseValue },
        StartupColumn(name: "country", field: .country) { form, _ in (form.country ?? .morocco).code.databaseValue },
        StartupColumn(name: "sector", field: .sector) { form, rules in
            form.sector.map { rules.canonicalSector($0) ?? $0 }.databaseValue
        },
        StartupColumn(name: "founded_on", field: .foundedOn) { form, _ in form.foundedOn?.description.databaseValue ?? .null },
        StartupColumn(name: "phone", field: .phone) { form, _ in form.phone?.e164.databaseValue ?? .null },
        StartupColumn(name: "website", field: .website) { form, _ in form.website.databaseValue },
        StartupColumn(name: "product_stage", field: .productStage) { form, _ in form.productStage.databaseValue },
        StartupColumn(name: "employees", field: .employees) { form, _ in form.employees.databaseValue },
        StartupColumn(name: "monthly_revenue_minor", field: .monthlyRevenue) { form, _ in form.monthlyRevenue?.minorUnits.databaseValue ?? .null },
        StartupColumn(name: "monthly_revenue_currency", field: .monthlyRevenue) { form, _ in form.monthlyRevenue?.currency.code.databaseValue ?? .null },
        StartupColumn(name: "funding_sought_minor", field: .fundingSought) { form, _ in form.fundingSought?.minorUnits.databaseValue ?? .null },
        StartupColumn(name: "funding_sought_currency", field: .fundingSought) { form, _ in form.fundingSought?.currency.code.databaseValue ?? .null },
        StartupColumn(name: "description", field: .description) { form, _ in form.description.databaseValue },
    ]
}
