import AcceleratorDomain
import AcceleratorStore
import Foundation
import GRDB
import Testing

/// A real database file and the spreadsheets written beside it.
final class ImportFixture {
    let folder: TemporaryFolder
    let store: AppDatabase

    /// The columns of the English spreadsheets most tests write, in order (1-based columns below).
    static let header = [
        "name", "ice", "city", "country", "sector", "founded_on", "founder", "email", "phone", "monthly_revenue", "applied_at",
    ]

    /// Every table an import, a move or an undo may write.
    static let tables = [
        "startup", "founder", "application", "batch", "batch_change", "stage_event", "cohort", "header_mapping",
    ]

    init() throws {
        folder = try TemporaryFolder()
        store = try AppDatabase.openOrCreate(path: folder.file("import.sqlite"))
    }

    /// One spreadsheet row for `name`, with every value valid unless `changes` says otherwise.
    static func row(_ name: String, _ changes: [String: String] = [:], columns: [String] = header) -> String {
        cells(name, changes, columns: columns).map(csvField).joined(separator: ",")
    }

    /// The cells of `row(_:_:columns:)`, unquoted.
    static func cells(_ name: String, _ changes: [String: String] = [:], columns: [String] = header) -> [String] {
        var values = [
            "name": name, "ice": "", "city": "Casablanca", "country": "Morocco", "sector": "AI",
            "founded_on": "2022-09-12", "founder": "Salma Bennani",
            "email": "\(name.lowercased().filter(\.isLetter))@example.ma", "phone": "06 12 34 56 78",
            "monthly_revenue": "45000", "applied_at": "2026-02-15",
        ]
        for (key, value) in changes { values[key] = value }
        return columns.map { values[$0] ?? "" }
    }

    /// A CSV file's text: the header row then the rows, LF line ends.
    static func csv(_ rows: [String], columns: [String] = header) -> String {
        ([columns.joined(separator: ",")] + rows).joined(separator: "\n") + "\n"
    }

    static func csvField(_ value: String) -> String {
        guard value.contains(where: { [",", "\"", "\n", "\r"].contains($0) }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    func write(_ name: String, _ text: String) throws -> String {
        try write(name, bytes: Array(text.utf8))
    }

    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let path = folder.file(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func request(
        _ path: String, cohort: String? = "2026-A", mappings: [String] = [], mode: ImportMode = .allOrNothing,
        dryRun: Bool = false
    ) -> ImportRequest {
        ImportRequest(path: path, cohort: cohort, mappings: mappings, mode: mode, dryRun: dryRun, today: StoreFixture.today)
    }

    @discardableResult
    func importFile(
        _ path: String, cohort: String? = "2026-A", mappings: [String] = [], mode: ImportMode = .allOrNothing,
        dryRun: Bool = false
    ) throws -> ImportReport {
        try store.importApplications(request(path, cohort: cohort, mappings: mappings, mode: mode, dryRun: dryRun))
    }

    /// Writes a file then imports it.
    @discardableResult
    func importText(_ name: String, _ text: String, cohort: String? = "2026-A", mappings: [String] = [], mode: ImportMode = .allOrNothing) throws -> ImportReport {
        try importFile(try write(name, text), cohort: cohort, mappings: mappings, mode: mode)
    }

    /// Every row of every table, in storage order.
    func dump() throws -> [String: [Row]] {
        let queue = try DatabaseQueue(path: store.path)
        defer { try? queue.close() }
        return try queue.read { db in
            var tables: [String: [Row]] = [:]
            for table in Self.tables {
                tables[table] = try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY rowid")
            }
            return tables
        }
    }

    func count(_ table: String) throws -> Int {
        let queue = try DatabaseQueue(path: store.path)
        defer { try? queue.close() }
        return try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? -1 }
    }
}

// MARK: - Every value checked

/// A bad value and where the import must place it.
struct BadValue: Sendable, CustomTestStringConvertible {
    var column: String
    var value: String
    var expectedColumn: Int
    var message: String

    var testDescription: String { "\(column) = “\(value)”" }
}

@Suite("import: every value is checked")
struct ImportValidationTests {
    let fixture: ImportFixture

    init() throws {
        fixture = try ImportFixture()
    }

    @Test(
        "a bad value gives one error at the row's line and the value's 1-based column",
        arguments: [
            BadValue(column: "founded_on", value: "32/01/2024", expectedColumn: 6, message: ValueError.invalidDate("32/01/2024").description),
            BadValue(column: "applied_at", value: "yesterday", expectedColumn: 11, message: ValueError.invalidDate("yesterday").description),
            BadValue(column: "monthly_revenue", value: "45k", expectedColumn: 10, message: ValueError.invalidMoney("45k").description),
            BadValue(column: "phone", value: "12345", expectedColumn: 9, message: ValueError.invalidPhone("12345").description),
            BadValue(column: "email", value: "salma at atlas.ma", expectedColumn: 8, message: ValueError.invalidEmail("salma at atlas.ma").description),
            BadValue(column: "ice", value: "12345", expectedColumn: 2, message: ValueError.invalidICE("12345").description),
            BadValue(column: "ice", value: "0023456780000123", expectedColumn: 2, message: ValueError.invalidICE("0023456780000123").description),
            BadValue(column: "country", value: "France", expectedColumn: 4, message: "the program is for Moroccan startups; this one is in France (FR)"),
            BadValue(column: "country", value: "Atlantis", expectedColumn: 4, message: ValueError.invalidCountry("Atlantis").description),
            BadValue(column: "founded_on", value: "2027-01-01", expectedColumn: 6, message: "the founding date 2027-01-01 is in the future"),
            BadValue(column: "founded_on", value: "2026-03-01", expectedColumn: 6, message: "the founding date 2026-03-01 is after the application date 2026-02-15"),
            BadValue(column: "name", value: "", expectedColumn: 1, message: "the startup name is missing"),
            BadValue(column: "city", value: "  ", expectedColumn: 3, message: "the city is missing"),
            BadValue(column: "sector", value: "", expectedColumn: 5, message: "the sector is missing"),
            BadValue(column: "founder", value: "", expectedColumn: 7, message: "the lead founder's name is missing"),
            BadValue(column: "email", value: "", expectedColumn: 8, message: "the lead founder's e-mail is missing"),
            BadValue(column: "applied_at", value: "2026-06-02", expectedColumn: 11, message: "the application date 2026-06-02 is in the future"),
            BadValue(column: "applied_at", value: "02/06/2026 09:30", expectedColumn: 11, message: "the application date 2026-06-02 is in the future"),
            BadValue(column: "name", value: "🚀", expectedColumn: 1, message: "the startup name has no letter or digit: “🚀”"),
            BadValue(column: "name", value: "‽‽", expectedColumn: 1, message: "the startup name has no letter or digit: “‽‽”"),
        ])
    func badValue(_ bad: BadValue) throws {
        let report = try fixture.importText("bad.csv", ImportFixture.csv([
            ImportFixture.row("Atlas AI"),
            ImportFixture.row("Argan Pay", [bad.column: bad.value]),
        ]))
        #expect(report.rejected == 1)
        #expect(report.errors.count == 1)
        let error = try #require(report.errors.first)
        #expect(error.line == 3)
        #expect(error.column == bad.expectedColumn)
        #expect(error.header == bad.column)
        #expect(error.severity == .error)
        #expect(error.message == bad.message)
        #expect(error.description == "line 3, column \(bad.expectedColumn) (\(bad.column)): \(bad.message)")
    }

    @Test("an open application in another cohort is an error in the cohort column")
    func openApplicationElsewhere() throws {
        let columns = ImportFixture.header + ["cohort"]
        try fixture.importText("a.csv", ImportFixture.csv([ImportFixture.row("Atlas AI", ["cohort": "2026-A"], columns: columns)], columns: columns))
        let report = try fixture.importText("b.csv", ImportFixture.csv([
            ImportFixture.row("Argan Pay", ["cohort": "2026-B"], columns: columns),
            ImportFixture.row("Atlas AI", ["cohort": "2026-B"], columns: columns),
        ], columns: columns), cohort: nil)
        #expect(report.rejected == 1)
        let error = try #require(report.errors.first)
        #expect(error.line == 3)
        #expect(error.column == 12)
        #expect(error.message == "the startup already has an open application in cohort 2026-A (applied); it may apply again once that one is rejected or withdrawn")
        #expect(!report.committed)
    }

    @Test("a rejected startup may apply again to a later cohort through an import")
    func reapplyAfterRejection() throws {
        try fixture.importText("a.csv", ImportFixture.csv([ImportFixture.row("Atlas AI")]))
        _ = try fixture.store.move(
            startup: "Atlas AI", cohort: nil, request: StoreFixture.request(.rejected), context: StoreFixture.context())
        let report = try fixture.importText("b.csv", ImportFixture.csv([ImportFixture.row("Atlas AI", ["applied_at": "2026-05-02"])]), cohort: "2026-B")
        #expect(report.errors.isEmpty, "\(report.errors)")
        #expect(report.inserted == 1)
        let details = try fixture.store.details(of: "Atlas AI")
        #expect(details.applications.map(\.cohort) == ["2026-A", "2026-B"])
        #expect(details.applications.map(\.stage) == [.rejected, .applied])
    }

    @Test("every bad row of a file is reported in one pass, each at its own line")
    func allProblemsInOnePass() throws {
        let report = try fixture.importText("three.csv", ImportFixture.csv([
            ImportFixture.row("Atlas AI"),
            ImportFixture.row("Argan Pay", ["phone": "12345"]),
            ImportFixture.row("Sahara H2", ["city": ""]),
            ImportFixture.row("Tbib Connect"),
            ImportFixture.row("Fellah Data", ["ice": "42"]),
        ]))
        #expect(report.rejected == 3)
        #expect(report.errors.map(\.line) == [3, 4, 6])
        #expect(report.errors.map(\.column) == [9, 3, 2])
        #expect(report.inserted == 2)
        #expect(!report.committed)
    }

    @Test(
        "every problem of one row is reported, value errors and missing fields together")
    func allProblemsOfOneRow() throws {
        let report = try fixture.importText("row.csv", ImportFixture.csv([
            ImportFixture.row("Argan Pay", ["phone": "12345", "city": "", "country": "France"]),
        ]))
        #expect(report.rejected == 1)
        #expect(report.errors.map(\.column) == [9, 3, 4])
        #expect(report.errors.allSatisfy { $0.line == 2 })
    }

    @Test("lines are physical: a row after a multi-line value is reported at the line where it starts")
    func physicalLines() throws {
        let report = try fixture.importText("multiline.csv", ImportFixture.csv([
            ImportFixture.row("Atlas AI", ["city": "Casablanca\nAïn Sebaâ\nSidi Moumen"]),
            ImportFixture.row("Argan Pay", ["email": "nope"]),
        ]))
        #expect(report.errors.map(\.line) == [5])
    }

    @Test("a sector outside the list and a company older than 8 years are warnings: the row is kept and flagged")
    func warningsKeepTheRow() throws {
        let report = try fixture.importText("warn.csv", ImportFixture.csv([
            ImportFixture.row("Riad Stays", ["sector": "Tourism", "founded_on": "2016-04-01", "applied_at": "2026-02-19"]),
            ImportFixture.row("Atlas AI"),
        ]))
        #expect(report.committed)
        #expect(report.inserted == 2)
        #expect(report.rejected == 0)
        #expect(report.warnings == 2)
        #expect(report.flagged.map(\.line) == [2, 2])
        #expect(report.flagged.map(\.column) == [5, 6])
        #expect(report.flagged.allSatisfy { $0.severity == .warning })
        let warnings = [
            "sector “Tourism” is not one of the program's emerging-technology sectors",
            "the company, founded 2016-04-01, is more than 8 years old at its application (the program's limit)",
        ]
        #expect(report.flagged.map(\.message) == warnings)
        #expect(try fixture.store.details(of: "Riad Stays").applications.first?.warnings == warnings)
    }

    @Test("a header row that maps nothing is refused before any row is read, and nothing is written")
    func headerMapsNothing() throws {
        let path = try fixture.write("nothing.csv", "a,b,c\n1,2,3\n")
        #expect(throws: ImportError.mapping(path: path, .missingRequired([.name, .founder, .email, .city, .sector], headers: ["a", "b", "c"]))) {
            try fixture.importFile(path)
        }
        #expect(try fixture.count("batch") == 0)
    }

    @Test("a file with no cohort column needs --cohort")
    func noCohort() throws {
        let path = try fixture.write("a.csv", ImportFixture.csv([ImportFixture.row("Atlas AI")]))
        #expect(throws: ImportError.noCohort(path: path)) { try fixture.importFile(path, cohort: nil) }
        #expect(try fixture.count("startup") == 0)
    }

    @Test("a missing file is a file-system failure, not a refusal")
    func missingFile() throws {
        let path = fixture.folder.file("absent.csv")
        let error = #expect(throws: ImportError.self) { try fixture.importFile(path) }
        #expect(error?.isIOFailure == true)
        #expect(error?.description == "\(path): no such file; check the path")
    }
}

// MARK: - Outcomes

@Suite("import: all or nothing, skip invalid, dry run")
struct ImportOutcomeTests {
    let fixture: ImportFixture

    init() throws {
        fixture = try ImportFixture()
    }

    @Test("by default one bad row means nothing is written: no startup, no cohort, no batch")
    func allOrNothing() throws {
        let before = try fixture.dump()
        let report = try fixture.importText("one-bad.csv", ImportFixture.csv([
            ImportFixture.row("Atlas AI"),
            ImportFixture.row("Argan Pay", ["email": "argan"]),
            ImportFixture.row("Sahara H2"),
        ]))
        #expect(!report.committed)
        #expect(report.batchId == nil)
        #expect(report.rejected == 1)
        #expect(try fixture.store.list(ListFilter()).isEmpty)
        #expect(try fixture.store.batches().isEmpty)
        #expect(try fixture.dump() == before)
        #expect(!FileManager.default.fileExists(atPath: fixture.folder.file("one-bad.rejects.csv")))
    }

    @Test("--skip-invalid writes the valid rows and the rejects file with the original columns plus line and error")
    func skipInvalid() throws {
        let rejects = fixture.folder.file("rejects.csv")
        let good1 = ImportFixture.row("Atlas AI")
        let bad = ImportFixture.row("Argan Pay", ["phone": "12345"])
        let good2 = ImportFixture.row("Sahara H2")
        let report = try fixture.importText("skip.csv", ImportFixture.csv([good1, bad, good2]), mode: .skipInvalid(rejectsPath: rejects))
        #expect(report.committed)
        #expect(report.inserted == 2)
        #expect(report.rejected == 1)
        #expect(report.rejectsFile == rejects)
        #expect(try fixture.store.list(ListFilter()).map(\.name) == ["Atlas AI", "Sahara H2"])
        let message = "phone: " + ValueError.invalidPhone("12345").description
        let expected = ImportFixture.header.joined(separator: ",") + ",line,error\r\n"
            + bad + ",3," + ImportFixture.csvField(message) + "\r\n"
        #expect(try String(contentsOfFile: rejects, encoding: .utf8) == expected)
        let mode = try FileManager.default.attributesOfItem(atPath: rejects)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
    }

    @Test("a rejects file, once its bad cell is fixed, imports as it is")
    func rejectsFileReimports() throws {
        let rejects = fixture.folder.file("rejects.csv")
        try fixture.importText("skip.csv", ImportFixture.csv([
            ImportFixture.row("Atlas AI"),
            ImportFixture.row("Argan Pay", ["phone": "12345"]),
            ImportFixture.row("Sahara H2", ["email": "sahara@"]),
        ]), mode: .skipInvalid(rejectsPath: rejects))
        var text = try String(contentsOfFile: rejects, encoding: .utf8)
        text = text.replacingOccurrences(of: ",12345,", with: ",0612345678,")
            .replacingOccurrences(of: ",sahara@,", with: ",sahara@example.ma,")
        try Data(text.utf8).write(to: URL(fileURLWithPath: rejects))
        let report = try fixture.importFile(rejects)
        #expect(report.errors.isEmpty, "\(report.errors)")
        #expect(report.inserted == 2)
        #expect(report.extraColumns == [])
        #expect(try fixture.store.list(ListFilter()).map(\.name) == ["Argan Pay", "Atlas AI", "Sahara H2"])
        #expect(try fixture.store.details(of: "Argan Pay").phone == "+212612345678")
        #expect(try fixture.store.details(of: "Argan Pay").applications.first?.extra == [])
    }

    @Test("--dry-run reports the real counts and writes nothing")
    func dryRun() throws {
        try fixture.importText("first.csv", ImportFixture.csv([ImportFixture.row("Atlas AI"), ImportFixture.row("Argan Pay")]))
        let before = try fixture.dump()
        let path = try fixture.write("second.csv", ImportFixture.csv([
            ImportFixture.row("Atlas AI", ["city": "Rabat"]),
            ImportFixture.row("Argan Pay"),
            ImportFixture.row("Sahara H2", ["sector": "Tourism"]),
            ImportFixture.row("Tbib Connect", ["email": "x"]),
        ]))
        let rejects = fixture.folder.file("dry.rejects.csv")
        let report = try fixture.importFile(path, mode: .skipInvalid(rejectsPath: rejects), dryRun: true)
        #expect(report.dryRun)
        #expect(!report.committed)
        #expect(report.batchId == nil)
        #expect(report.counts == "1 inserted, 1 updated, 1 unchanged, 1 rejected, 1 warnings")
        #expect(try fixture.dump() == before)
        #expect(!FileManager.default.fileExists(atPath: rejects))
    }
}

// MARK: - Idempotent upsert

@Suite("import: the same startup is updated, never duplicated")
struct ImportUpsertTests {
    let fixture: ImportFixture

    init() throws {
        fixture = try ImportFixture()
    }

    static let rows = [
        ImportFixture.row("Atlas AI", ["ice": "002345678000012"]),
        ImportFixture.row("Argan Pay", ["ice": "001987654000034", "monthly_revenue": "120 000,00"]),
        ImportFixture.row("Sahara H2", ["sector": "Green Hydrogen"]),
        ImportFixture.row("Riad Stays", ["sector": "Tourism", "founded_on": "2016-04-01"]),
    ]

    @Test("importing the same file twice changes nothing the second time: no row, no event, no timestamp")
    func sameFileTwice() throws {
        let path = try fixture.write("applicants.csv", ImportFixture.csv(Self.rows))
        let first = try fixture.importFile(path)
        #expect(first.inserted == 4)
        let firstBatch = try #require(first.batchId)
        let before = try fixture.dump()
        let second = try fixture.importFile(path)
        #expect(second.counts == "0 inserted, 0 updated, 4 unchanged, 0 rejected, 2 warnings")
        #expect(second.batchId == nil)
        #expect(second.alreadyImported == [firstBatch])
        #expect(try fixture.dump() == before)
    }

    @Test("the same rows in another file (other bytes) are unchanged too, and not named as already imported")
    func sameRowsOtherFile() throws {
        try fixture.importText("a.csv", ImportFixture.csv(Self.rows))
        let before = try fixture.dump()
        let second = try fixture.importText("b.csv", ImportFixture.csv(Self.rows.reversed()).replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(second.counts == "0 inserted, 0 updated, 4 unchanged, 0 rejected, 2 warnings")
        #expect(second.alreadyImported == [])
        #expect(try fixture.dump() == before)
    }

    @Test("a changed row updates that startup only; the others are unchanged")
    func changedRow() throws {
        try fixture.importText("a.csv", ImportFixture.csv(Self.rows))
        var rows = Self.rows
        rows[1] = ImportFixture.row("Argan Pay", ["ice": "001987654000034", "monthly_revenue": "120 000,00", "city": "Agadir"])
        let report = try fixture.importText("b.csv", ImportFixture.csv(rows))
        #expect(report.counts == "0 inserted, 1 updated, 3 unchanged, 0 rejected, 2 warnings")
        #expect(try fixture.store.details(of: "Argan Pay").city == "Agadir")
        #expect(try fixture.store.details(of: "Atlas AI").city == "Casablanca")
        #expect(try fixture.count("startup") == 4)
        #expect(try fixture.count("application") == 4)
    }

    @Test("after many new startups the stored keys are loaded, and stored startups further on are still found")
    func keysLoadedAfterMissedLookups() throws {
        try fixture.importText("a.csv", ImportFixture.csv(Self.rows))
        // More new startups than `Importer.lookupsBeforeKeys`, then the stored ones (by ICE and by
        // name and e-mail), and a new startup of this file met again.
        let news = (0..<1_100).map { ImportFixture.row("Startup \($0)") }
        let rows = news + Self.rows + [ImportFixture.row("Startup 7", ["city": "Rabat"])]
        let report = try fixture.importText("b.csv", ImportFixture.csv(rows))
        #expect(report.counts == "1100 inserted, 1 updated, 4 unchanged, 0 rejected, 2 warnings")
        #expect(report.duplicates.map(\.earlierLine) == [9])
        #expect(try fixture.count("startup") == 1_104)
        #expect(try fixture.store.details(of: "Startup 7").city == "Rabat")
    }

    @Test(
        "a startup or lead founder changed by anything but an import is compared column by column, and put back",
        arguments: [
            "UPDATE startup SET city = 'Fès' WHERE name = 'Argan Pay'",
            "UPDATE startup SET phone = NULL WHERE name = 'Argan Pay'",
            "UPDATE founder SET full_name = 'Omar Idrissi' WHERE startup_id = (SELECT id FROM startup WHERE name = 'Argan Pay')",
            "UPDATE founder SET email = 'omar@argan.ma' WHERE startup_id = (SELECT id FROM startup WHERE name = 'Argan Pay')",
        ])
    func changedOutsideAnImport(edit: String) throws {
        let path = try fixture.write("applicants.csv", ImportFixture.csv(Self.rows))
        try fixture.importFile(path)
        let before = try fixture.dump()
        let queue = try DatabaseQueue(path: fixture.store.path)
        let fingerprint = "SELECT import_fingerprint FROM startup WHERE name = 'Argan Pay'"
        try queue.write { db in
            #expect(try Int64.fetchOne(db, sql: fingerprint) != nil)
            try db.execute(sql: edit)
        }
        try queue.close()
        let report = try fixture.importFile(path)
        #expect(report.counts == "0 inserted, 1 updated, 3 unchanged, 0 rejected, 2 warnings")
        let after = try fixture.dump()
        #expect(after["founder"] == before["founder"])
        #expect(try fixture.store.details(of: "Argan Pay").city == "Casablanca")
        // Imported again, the startup is met by its new fingerprint.
        #expect(try fixture.importFile(path).counts == "0 inserted, 0 updated, 4 unchanged, 0 rejected, 2 warnings")
    }

    @Test("an edit of a startup clears its fingerprint; an import's update writes the new one")
    func fingerprintCleared() throws {
        try fixture.importText("a.csv", ImportFixture.csv(Self.rows))
        let queue = try DatabaseQueue(path: fixture.store.path)
        defer { try? queue.close() }
        let fingerprint = "SELECT import_fingerprint FROM startup WHERE name = 'Atlas AI'"
        let first = try queue.read { try Int64.fetchOne($0, sql: fingerprint) }
        #expect(first != nil)
        try queue.write { try $0.execute(sql: "UPDATE startup SET updated_at = 'now' WHERE name = 'Atlas AI'") }
        #expect(try queue.read { try Int64.fetchOne($0, sql: fingerprint) } == nil)
        var rows = Self.rows
        rows[0] = ImportFixture.row("Atlas AI", ["ice": "002345678000012", "city": "Tanger"])
        let report = try fixture.importText("b.csv", ImportFixture.csv(rows))
        #expect(report.updated == 1)
        let second = try queue.read { try Int64.fetchOne($0, sql: fingerprint) }
        #expect(second != nil && second != first)
        // Undone, the startup has its old values and no fingerprint.
        _ = try fixture.store.undoImport(try #require(report.batchId))
        #expect(try queue.read { try Int64.fetchOne($0, sql: fingerprint) } == nil)
        #expect(try fixture.store.details(of: "Atlas AI").city == "Casablanca")
    }

    @Test("a startup is matched by its ICE whatever its name and e-mail")
    func matchedByICE() throws {
        try fixture.importText("a.csv", ImportFixture.csv([ImportFixture.row("Atlas AI", ["ice": "002345678000012"])]))
        let report = try fixture.importText("b.csv", ImportFixture.csv([
            ImportFixture.row("Atlas Intelligence", ["ice": "002 345 678 000 012", "email": "contact@atlas.ma"]),
        ]))
        #expect(report.counts == "0 inserted, 1 updated, 0 unchanged, 0 rejected, 0 warnings")
        #expect(try fixture.count("startup") == 1)
        #expect(try fixture.count("application") == 1)
        let details = try fixture.store.details(of: "002345678000012")
        #expect(details.name == "Atlas Intelligence")
        #expect(details.founders.map(\.email) == ["contact@atlas.ma"])
    }

    @Test("without an ICE a startup is matched by its normalised name and lead e-mail")
    func matchedByNameAndEmail() throws {
        try fixture.importText("a.csv", ImportFixture.csv([ImportFixture.row("Atlas AI", ["email": "salma@atlas.ma"])]))
        let report = try fixture.importText("b.csv", ImportFixture.csv([
            ImportFixture.row("ATLAS AI", ["email": "Salma@Atlas.ma"]),
        ]))
        #expect(report.inserted == 0)
        #expect(report.updated == 1)
        #expect(try fixture.count("startup") == 1)
        #expect(try fixture.count("application") == 1)
    }

    @Test("startups entered with apply, by ICE or by name and e-mail, are met by a later import, not duplicated")
    func matchesStartupsFromApply() throws {
        _ = try fixture.store.addCohort(code: "2026-A", startsOn: CalendarDate(year: 2026, month: 1, day: 5)!, capacity: nil)
        let today = CalendarDate(year: 2026, month: 3, day: 25)!
        _ = try fixture.store.apply(StoreFixture.form("Atlas AI", email: "salma@atlas.ma"), today: today)
        _ = try fixture.store.apply(StoreFixture.form("Argan Pay", ice: "001525874000088"), today: today)
        let report = try fixture.importText("a.csv", ImportFixture.csv([
            ImportFixture.row("ATLAS  AI", ["email": "Salma@Atlas.ma"]),
            ImportFixture.row("Argan Payments", ["ice": "001525874000088"]),
            ImportFixture.row("Sahara H2"),
        ]))
        #expect(report.inserted == 1)
        #expect(report.updated + report.unchanged == 2)
        #expect(try fixture.count("startup") == 3)
        #expect(try fixture.count("application") == 3)
    }

    @Test("without an ICE the same name with another lead e-mail is another startup")
    func sameNameOtherEmail() throws {
        try fixture.importText("a.csv", ImportFixture.csv([ImportFixture.row("Atlas AI", ["email": "salma@atlas.ma"])]))
        let report = try fixture.importText("b.csv", ImportFixture.csv([
            ImportFixture.row("Atlas AI", ["email": "omar@atlas2.ma"]),
        ]))
        #expect(report.inserted == 1)
        #expect(try fixture.count("startup") == 2)
    }

    @Test("two rows for one startup in a file: the later row wins and the report names both lines")
    func duplicateRows() throws {
        let report = try fixture.importText("dup.csv", ImportFixture.csv([
            ImportFixture.row("Atlas AI", ["ice": "002345678000012", "city": "Casablanca"]),
            ImportFixture.row("Argan Pay"),
            ImportFixture.row("ATLAS AI", ["ice": "002345678000012", "city": "Rabat"]),
        ]))
        #expect(report.committed)
        #expect(report.duplicates.map(\.line) == [4])
        #expect(report.duplicates.map(\.earlierLine) == [2])
        #expect(report.duplicates.map(\.startup) == ["ATLAS AI"])
        #expect(report.inserted == 2)
        #expect(try fixture.count("startup") == 2)
        #expect(try fixture.count("application") == 2)
        let details = try fixture.store.details(of: "002345678000012")
        #expect(details.city == "Rabat")
        #expect(details.name == "ATLAS AI")
    }

    @Test("new startups are written by groups of rows: a later row still meets an earlier one of any group, by ICE or by name and e-mail")
    func duplicatesAcrossGroups() throws {
        var rows = (0..<40).map { index in
            ImportFixture.row("Startup \(index)", ["ice": String(format: "%015d", 7_000 + index), "email": "f\(index)@startup.ma"])
        }
        rows.append(ImportFixture.row("Startup Three", ["ice": String(format: "%015d", 7_003), "city": "Rabat"]))
        rows.append(ImportFixture.row("STARTUP 20", ["email": "F20@startup.ma", "city": "Fès"]))
        let report = try fixture.importText("groups.csv", ImportFixture.csv(rows))
        #expect(report.committed)
        #expect(report.inserted == 40)
        #expect(report.duplicates.map(\.line) == [42, 43])
        #expect(report.duplicates.map(\.earlierLine) == [5, 22])
        #expect(try fixture.count("startup") == 40)
        #expect(try fixture.count("founder") == 40)
        #expect(try fixture.count("application") == 40)
        #expect(try fixture.store.details(of: String(format: "%015d", 7_003)).city == "Rabat")
        #expect(try fixture.store.details(of: "STARTUP 20").city == "Fès")
    }

    @Test("an import never changes an application's stage")
    func stageUntouched() throws {
        try fixture.importText("a.csv", ImportFixture.csv(Self.rows))
        _ = try fixture.store.move(
            startup: "Atlas AI", cohort: nil, request: StoreFixture.request(.mentored), context: StoreFixture.context())
        var rows = Self.rows
        rows[0] = ImportFixture.row("Atlas AI", ["ice": "002345678000012", "city": "Tanger", "applied_at": "2026-02-20"])
        let report = try fixture.importText("b.csv", ImportFixture.csv(rows))
        #expect(report.updated == 1)
        let details = try fixture.store.details(of: "Atlas AI")
        #expect(details.city == "Tanger")
        #expect(details.applications.map(\.stage) == [.mentored])
        #expect(details.applications.first?.mentors.map(\.name) == ["Karim Alaoui"])
        #expect(try fixture.store.history(of: "Atlas AI").events.map(\.to) == [.mentored])
    }
}

// MARK: - Batches and undo

@Suite("import: batches and undo")
struct ImportBatchTests {
    let fixture: ImportFixture

    init() throws {
        fixture = try ImportFixture()
    }

    static let original = ImportFixture.csv([
        ImportFixture.row("Atlas AI", ["ice": "002345678000012"]),
        ImportFixture.row("Argan Pay", ["sector": "Tourism"]),
        ImportFixture.row("Sahara H2"),
    ])

    static let changed = ImportFixture.csv([
        ImportFixture.row("Atlas AI", ["ice": "002345678000012", "city": "Rabat", "phone": "0661234567"]),
        ImportFixture.row("Argan Pay", ["sector": "Tourism"]),
        ImportFixture.row("Sahara H2"),
    ])

    /// The SHA-256 of a file, by the system's own tool.
    static func sha256(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(String(decoding: data, as: UTF8.self).prefix(64))
    }

    @Test("batches lists an import with its file, SHA-256, cohort and counts")
    func batchListed() throws {
        let path = try fixture.write("applicants.csv", Self.original)
        let report = try fixture.importFile(path)
        let batches = try fixture.store.batches()
        #expect(batches.count == 1)
        let batch = try #require(batches.first)
        #expect(batch.id == report.batchId)
        #expect(batch.kind == "import")
        #expect(batch.file == path)
        #expect(batch.sha256 == (try Self.sha256(path)))
        #expect(report.sha256 == batch.sha256)
        #expect(batch.cohort == "2026-A")
        #expect(batch.counts == "3 inserted, 0 updated, 0 unchanged, 0 rejected, 1 warnings")
        #expect(batch.undoneAt == nil)
    }

    @Test("an update batch lists its counts, newest batch first")
    func batchesNewestFirst() throws {
        let first = try fixture.importText("a.csv", Self.original)
        let second = try fixture.importText("b.csv", Self.changed)
        let batches = try fixture.store.batches()
        #expect(batches.map(\.id) == [second.batchId, first.batchId].compactMap { $0 })
        #expect(batches[0].counts == "0 inserted, 1 updated, 2 unchanged, 0 rejected, 1 warnings")
    }

    @Test("undo restores updated rows to their previous values, then removes inserted ones")
    func undoChain() throws {
        let first = try fixture.importText("a.csv", Self.original)
        let afterFirst = try fixture.store.details(of: "Atlas AI")
        let second = try fixture.importText("b.csv", Self.changed)
        #expect(try fixture.store.details(of: "Atlas AI").city == "Rabat")

        let undoSecond = try fixture.store.undoImport(try #require(second.batchId))
        #expect(undoSecond.removed == 0)
        #expect(undoSecond.restored == 1)
        let restored = try fixture.store.details(of: "Atlas AI")
        #expect(restored.city == "Casablanca")
        #expect(restored.phone == "+212612345678")
        #expect(restored == afterFirst)

        let undoFirst = try fixture.store.undoImport(try #require(first.batchId))
        #expect(undoFirst.removed == 3)
        #expect(try fixture.store.list(ListFilter()).isEmpty)
        #expect(try fixture.count("startup") == 0)
        #expect(try fixture.count("founder") == 0)
        #expect(try fixture.store.batches().allSatisfy { $0.undoneAt != nil })
    }

    @Test("undo is refused when a row of the batch changed since, and then nothing is undone")
    func undoRefusedAfterMove() throws {
        let first = try fixture.importText("a.csv", Self.original)
        _ = try fixture.store.move(
            startup: "Sahara H2", cohort: nil, request: StoreFixture.request(.mentored), context: StoreFixture.context())
        let before = try fixture.dump()
        let id = try #require(first.batchId)
        let error = #expect(throws: UndoError.self) { try fixture.store.undoImport(id) }
        guard case .changedSince(let batch, let rows)? = error else {
            Issue.record("expected changedSince, got \(String(describing: error))")
            return
        }
        #expect(batch == id)
        #expect(rows.count == 1)
        #expect(rows.first?.hasSuffix("the application of Sahara H2 to 2026-A (now mentored) was changed after this import") == true)
        #expect(try fixture.dump() == before)
        #expect(try fixture.store.list(ListFilter()).count == 3)
    }

    @Test("undo of an older batch is refused while a later import changed its rows")
    func undoRefusedAfterLaterImport() throws {
        let first = try fixture.importText("a.csv", Self.original)
        try fixture.importText("b.csv", Self.changed)
        let before = try fixture.dump()
        let id = try #require(first.batchId)
        let error = #expect(throws: UndoError.self) { try fixture.store.undoImport(id) }
        guard case .changedSince(let batch, let rows)? = error else {
            Issue.record("expected changedSince, got \(String(describing: error))")
            return
        }
        #expect(batch == id)
        #expect(rows.count == 1)
        #expect(rows.first?.hasSuffix("startup Atlas AI (#1) was changed after this import") == true)
        #expect(try fixture.dump() == before)
    }

    @Test("undoing a batch twice is refused the second time")
    func undoTwice() throws {
        let report = try fixture.importText("a.csv", Self.original)
        let id = try #require(report.batchId)
        _ = try fixture.store.undoImport(id)
        let before = try fixture.dump()
        let error = #expect(throws: UndoError.self) { try fixture.store.undoImport(id) }
        guard case .alreadyUndone(let batch, let time)? = error else {
            Issue.record("expected alreadyUndone, got \(String(describing: error))")
            return
        }
        #expect(batch == id)
        #expect(try fixture.store.batches().first?.undoneAt == time)
        #expect(try fixture.dump() == before)
    }

    @Test("undoing a batch that does not exist is refused")
    func undoUnknown() throws {
        #expect(throws: UndoError.unknownBatch(42)) { try fixture.store.undoImport(42) }
    }

    @Test("after an undo the same file imports again as new rows")
    func reimportAfterUndo() throws {
        let path = try fixture.write("a.csv", Self.original)
        let first = try fixture.importFile(path)
        _ = try fixture.store.undoImport(try #require(first.batchId))
        let again = try fixture.importFile(path)
        #expect(again.inserted == 3)
        #expect(again.alreadyImported == [])
    }
}

// MARK: - Dialects, mappings, extras, large values

@Suite("import: dialects, remembered mappings, extra columns")
struct ImportDialectTests {
    let fixture: ImportFixture

    init() throws {
        fixture = try ImportFixture()
    }

    @Test("a French Excel export (semicolons, BOM, CRLF, day-first dates, French amounts, a multi-line quoted value) imports as it is")
    func frenchExcel() throws {
        let text = "\u{FEFF}Nom de la startup;ICE;Ville;Région;Pays;Secteur;Date de création;Fondateur principal;E-mail;Téléphone;CA mensuel (MAD);Financement recherché (MAD);Description du projet;Date de candidature\r\n"
            + "Oasis Énergie;006789012000011;Ouarzazate;Drâa-Tafilalet;Maroc;CleanTech;14/03/2021;Aïcha Lahlou;aicha@oasis-energie.ma;06 61 23 45 67;85 000,00;1 500 000,50;\"Micro-réseaux solaires ; « douars » isolés.\r\nMaintenance assurée sur place.\";02/03/2026\r\n"
            + "Darija Lab;;Casablanca;Casablanca-Settat;Maroc;IA;01/10/2023;Mehdi Kabbaj;mehdi@darijalab.ma;+212 6 70 11 22 33;0;800\u{00A0}000;Reconnaissance vocale (ⵜⴰⵎⴰⵣⵉⵖⵜ);03/03/2026\r\n"
        let report = try fixture.importText("candidatures.csv", text, cohort: "2026-B")
        #expect(report.errors.isEmpty, "\(report.errors)")
        #expect(report.inserted == 2)
        #expect(report.warnings == 0)
        #expect(report.dialect.delimiter == ";")
        #expect(report.dialect.encoding == "utf-8")
        #expect(report.dialect.byteOrderMark)
        #expect(report.dialect.lineEnding == "CRLF")
        let oasis = try fixture.store.details(of: "oasis energie")
        #expect(oasis.name == "Oasis Énergie")
        #expect(oasis.region == "Drâa-Tafilalet")
        #expect(oasis.founders.map(\.fullName) == ["Aïcha Lahlou"])
        #expect(oasis.foundedOn == "2021-03-14")
        #expect(oasis.applications.first?.appliedOn == "2026-03-02")
        #expect(oasis.monthlyRevenue == "85000.00 MAD")
        #expect(oasis.fundingSought == "1500000.50 MAD")
        #expect(oasis.phone == "+212661234567")
        #expect(oasis.description == "Micro-réseaux solaires ; « douars » isolés.\r\nMaintenance assurée sur place.")
        let darija = try fixture.store.details(of: "Darija Lab")
        #expect(darija.sector == "AI")
        #expect(darija.fundingSought == "800000.00 MAD")
        #expect(darija.description == "Reconnaissance vocale (ⵜⴰⵎⴰⵣⵉⵖⵜ)")
    }

    @Test("a Windows-1252 file imports with its accents right")
    func windows1252() throws {
        var bytes = Array("name;city;sector;founder;email;description\r\n".utf8)
        bytes += Array("Oasis ".utf8) + [0xC9] + Array("nergie;F".utf8) + [0xE8] + Array("s;CleanTech;A".utf8) + [0xEF]
            + Array("cha Lahlou;aicha@oasis.ma;".utf8) + [0xAB, 0xA0] + Array("solaire ".utf8) + [0x80, 0xA0, 0xBB] + Array("\r\n".utf8)
        let path = try fixture.write("cp1252.csv", bytes: bytes)
        let report = try fixture.importFile(path)
        #expect(report.errors.isEmpty, "\(report.errors)")
        #expect(report.dialect.encoding == "windows-1252")
        let details = try fixture.store.details(of: "Oasis Énergie")
        #expect(details.name == "Oasis Énergie")
        #expect(details.city == "Fès")
        #expect(details.founders.first?.fullName == "Aïcha Lahlou")
        #expect(details.description == "«\u{00A0}solaire €\u{00A0}»")
    }

    @Test("a Windows-1252 file whose first megabytes are plain ASCII is read again as Windows-1252 and imports right")
    func windows1252AfterAsciiPrefix() throws {
        var bytes = Array("name;city;sector;founder;email;description\r\n".utf8)
        var index = 0
        while bytes.count <= 4 << 20 + 1000 {
            bytes += Array("Startup \(index);Rabat;AI;Salma Bennani;s\(index)@startup.ma;Plateforme de paiement mobile\r\n".utf8)
            index += 1
        }
        bytes += Array("Oasis ".utf8) + [0xC9] + Array("nergie;F".utf8) + [0xE8] + Array("s;CleanTech;A".utf8) + [0xEF]
            + Array("cha Lahlou;aicha@oasis.ma;Solaire\r\n".utf8)
        let path = try fixture.write("late-cp1252.csv", bytes: bytes)
        let report = try fixture.importFile(path)
        #expect(report.errors.isEmpty, "\(report.errors.prefix(3))")
        #expect(report.committed)
        #expect(report.inserted == index + 1)
        #expect(report.dialect.encoding == "windows-1252")
        let details = try fixture.store.details(of: "Oasis Énergie")
        #expect(details.city == "Fès")
        #expect(details.founders.first?.fullName == "Aïcha Lahlou")
        #expect(try fixture.count("batch") == 1)
    }

    @Test("a tab-separated file imports")
    func tabSeparated() throws {
        let text = ImportFixture.header.joined(separator: "\t") + "\n"
            + ImportFixture.cells("Atlas AI", ["monthly_revenue": "1,500,000.50", "city": "Salé"]).joined(separator: "\t") + "\n"
            + ImportFixture.cells("Argan Pay", ["founder": "Youssef \"Yo\" Amrani"]).joined(separator: "\t") + "\n"
        let report = try fixture.importText("tabs.tsv", text)
        #expect(report.errors.isEmpty, "\(report.errors)")
        #expect(report.dialect.delimiter == "tab")
        #expect(report.inserted == 2)
        #expect(try fixture.store.details(of: "Atlas AI").monthlyRevenue == "1500000.50 MAD")
        #expect(try fixture.store.details(of: "Atlas AI").city == "Salé")
        #expect(try fixture.store.details(of: "Argan Pay").founders.first?.fullName == "Youssef \"Yo\" Amrani")
    }

    static let formHeaders = [
        "Horodateur", "Adresse e-mail", "Quel est le nom de votre startup ?", "Dans quelle ville êtes-vous basés ?",
        "Dans quel secteur opérez-vous ?", "Nom et prénom du fondateur / de la fondatrice principal(e)",
        "Comment avez-vous connu le programme ?",
    ]

    static let formMappings = [
        "Quel est le nom de votre startup ?=name",
        "Dans quelle ville êtes-vous basés ?=city",
        "Dans quel secteur opérez-vous ?=sector",
        "Nom et prénom du fondateur / de la fondatrice principal(e)=founder",
    ]

    static func form(_ rows: [[String]]) -> String {
        ([formHeaders] + rows).map { $0.map(ImportFixture.csvField).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    @Test("--map choices are remembered for a file with the same header row")
    func rememberedMapping() throws {
        let first = try fixture.importText("responses-1.csv", Self.form([
            ["06/03/2026 09:14:52", "youness@jiranet.ma", "JiraNet", "Kénitra", "IoT", "Youness Ziani", "LinkedIn"],
        ]), cohort: "2026-B", mappings: Self.formMappings)
        #expect(first.inserted == 1)
        #expect(!first.usedRememberedMapping)
        #expect(try fixture.count("header_mapping") == 1)

        let second = try fixture.importText("responses-2.csv", Self.form([
            ["06/03/2026 09:14:52", "youness@jiranet.ma", "JiraNet", "Kénitra", "IoT", "Youness Ziani", "LinkedIn"],
            ["07/03/2026 16:45:30", "anas@safar.ma", "Safar Mobility", "Tanger", "Mobility", "Anas El Fassi", "Un ami"],
        ]), cohort: "2026-B")
        #expect(second.errors.isEmpty, "\(second.errors)")
        #expect(second.usedRememberedMapping)
        #expect(second.counts == "1 inserted, 0 updated, 1 unchanged, 0 rejected, 0 warnings")
        let safar = try fixture.store.details(of: "Safar Mobility")
        #expect(safar.city == "Tanger")
        #expect(safar.applications.first?.appliedOn == "2026-03-07")
    }

    @Test("the same header row without --map and nothing remembered is refused")
    func noMappingNotRemembered() throws {
        let path = try fixture.write("responses.csv", Self.form([]))
        let error = #expect(throws: ImportError.self) { try fixture.importFile(path, cohort: "2026-B") }
        guard case .mapping(_, .missingRequired(let fields, _))? = error else {
            Issue.record("expected missingRequired, got \(String(describing: error))")
            return
        }
        #expect(fields == [.name, .founder, .city, .sector])
    }

    @Test("a refused --map is not remembered")
    func refusedMappingNotRemembered() throws {
        let path = try fixture.write("responses.csv", Self.form([]))
        #expect(throws: ImportError.self) {
            try fixture.importFile(path, cohort: "2026-B", mappings: Self.formMappings + ["Question absente=website"])
        }
        #expect(try fixture.count("header_mapping") == 0)
    }

    @Test("extra columns are kept per application and listed in the report")
    func extraColumns() throws {
        let columns = ImportFixture.header + ["pitch_deck_url", "Comment avez-vous connu le programme ?"]
        let report = try fixture.importText("extra.csv", ImportFixture.csv([
            ImportFixture.row("Atlas AI", ["pitch_deck_url": "https://atlas-ai.ma/deck.pdf", "Comment avez-vous connu le programme ?": "LinkedIn, puis un ami"], columns: columns),
            ImportFixture.row("Argan Pay", ["Comment avez-vous connu le programme ?": "Technopark"], columns: columns),
        ], columns: columns))
        #expect(report.extraColumns == ["pitch_deck_url", "Comment avez-vous connu le programme ?"])
        #expect(try fixture.store.details(of: "Atlas AI").applications.first?.extra.map(\.pair) == [
            ["pitch_deck_url", "https://atlas-ai.ma/deck.pdf"],
            ["Comment avez-vous connu le programme ?", "LinkedIn, puis un ami"],
        ])
        #expect(try fixture.store.details(of: "Argan Pay").applications.first?.extra.map(\.pair) == [
            ["Comment avez-vous connu le programme ?", "Technopark"],
        ])
    }

    @Test("a changed extra value updates the application, and an undo restores it")
    func extraChangeUndone() throws {
        let columns = ImportFixture.header + ["source"]
        try fixture.importText("a.csv", ImportFixture.csv([ImportFixture.row("Atlas AI", ["source": "LinkedIn"], columns: columns)], columns: columns))
        let second = try fixture.importText("b.csv", ImportFixture.csv([ImportFixture.row("Atlas AI", ["source": "Un ami"], columns: columns)], columns: columns))
        #expect(second.updated == 1)
        #expect(try fixture.store.details(of: "Atlas AI").applications.first?.extra.map(\.pair) == [["source", "Un ami"]])
        _ = try fixture.store.undoImport(try #require(second.batchId))
        #expect(try fixture.store.details(of: "Atlas AI").applications.first?.extra.map(\.pair) == [["source", "LinkedIn"]])
    }

    @Test("a 1 MB description imports intact")
    func megabyteField() throws {
        let columns = ImportFixture.header + ["description"]
        var description = ""
        description.reserveCapacity(1_100_000)
        let words = ["réseau", "\"solaire\"", "douar,", "ⵜⴰⵎⴰⵣⵉⵖⵜ", "énergie\n", "الطاقة"]
        var index = 0
        while description.utf8.count < 1_048_576 {
            description += words[index % words.count] + " "
            index += 1
        }
        description += "fin."
        let report = try fixture.importText("big.csv", ImportFixture.csv([
            ImportFixture.row("Atlas AI", ["description": description], columns: columns),
        ], columns: columns))
        #expect(report.errors.isEmpty, "\(report.errors)")
        let stored = try fixture.store.details(of: "Atlas AI").description
        #expect(stored?.utf8.count == description.utf8.count)
        #expect(stored == description)
    }
}

extension ExtraAttribute {
    /// The attribute as `[name, value]`, to compare with a literal.
    var pair: [String] { [name, value] }
}

extension ImportReport {
    /// The five counts, as one line to compare.
    var counts: String {
        "\(inserted) inserted, \(updated) updated, \(unchanged) unchanged, \(rejected) rejected, \(warnings) warnings"
    }
}

extension BatchSummary {
    /// The five counts, as one line to compare.
    var counts: String {
        "\(inserted) inserted, \(updated) updated, \(unchanged) unchanged, \(rejected) rejected, \(warnings) warnings"
    }
}

// MARK: - The sample spreadsheets, and undo of every kind of value

@Suite("import: the sample spreadsheets")
struct ImportSampleTests {
    let fixture: ImportFixture

    init() throws {
        fixture = try ImportFixture()
    }

    static let sampleData = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SampleData")

    static func sample(_ name: String) throws -> String {
        try String(contentsOf: sampleData.appendingPathComponent(name), encoding: .utf8)
    }

    static let names = [
        "Atlas AI", "Argan Pay", "Sahara H2", "Tbib Connect", "Fellah Data", "Madrasa Plus", "Riad Stays", "Souk Cloud",
    ]

    /// The English sample with a change of every kind: text, number, money, a value emptied, values
    /// filled, a multi-line quoted value, an extra column, the application date, a sector that warns.
    static func changedSample() throws -> String {
        var text = try sample("applicants-2026A.en.csv")
        let changes = [
            ("Atlas AI,Atlas AI SARL,002345678000012,Casablanca,", "Atlas AI,Atlas AI SARL,002345678000012,Mohammedia,"),
            (",MVP,12,", ",Revenue,14,"),
            ("https://atlas-ai.ma/deck.pdf", "https://atlas-ai.ma/deck-v2.pdf"),
            ("0661 22 33 44", ""),
            ("nadia@fellahdata.ma,,,Idea", "nadia@fellahdata.ma,0612000000,https://fellahdata.ma,Idea"),
            ("Booking platform for family-run riads.", "\"Booking platform for riads,\nwith a \"\"quote\"\".\""),
            ("2026-02-17", "2026-02-18"),
            ("Morocco,E-commerce", "Morocco,Tourism"),
            ("\"400,000.00\"", "\"410,000.50\""),
        ]
        for (old, new) in changes {
            #expect(text.contains(old), "the sample no longer holds \(old)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        return text
    }

    @Test("the English sample imports every row, with its warnings and its extra column")
    func englishSample() throws {
        let report = try fixture.importText("applicants.csv", try Self.sample("applicants-2026A.en.csv"))
        #expect(report.errors.isEmpty, "\(report.errors)")
        #expect(report.counts == "8 inserted, 0 updated, 0 unchanged, 0 rejected, 2 warnings")
        #expect(report.flagged.map(\.line) == [8, 8])
        #expect(report.extraColumns == ["pitch_deck_url"])
        let atlas = try fixture.store.details(of: "Atlas AI")
        #expect(atlas.monthlyRevenue == "45000.00 MAD")
        #expect(atlas.phone == "+212612345678")
        #expect(atlas.applications.first?.extra.map(\.pair) == [["pitch_deck_url", "https://atlas-ai.ma/deck.pdf"]])
        #expect(try fixture.store.details(of: "Tbib Connect").region == "Rabat-Salé-Kénitra")
    }

    @Test("re-importing the English sample changes nothing in any table")
    func englishSampleTwice() throws {
        let path = try fixture.write("applicants.csv", try Self.sample("applicants-2026A.en.csv"))
        try fixture.importFile(path)
        let before = try fixture.dump()
        let again = try fixture.importFile(path)
        #expect(again.counts == "0 inserted, 0 updated, 8 unchanged, 0 rejected, 2 warnings")
        #expect(try fixture.dump() == before)
    }

    @Test("re-importing the French sample changes nothing in any table")
    func frenchSampleTwice() throws {
        let path = try fixture.write("candidatures.csv", try Self.sample("candidatures-2026B.fr.csv"))
        let first = try fixture.importFile(path, cohort: "2026-B")
        #expect(first.counts == "5 inserted, 0 updated, 0 unchanged, 0 rejected, 0 warnings")
        let before = try fixture.dump()
        let again = try fixture.importFile(path, cohort: "2026-B")
        #expect(again.counts == "0 inserted, 0 updated, 5 unchanged, 0 rejected, 0 warnings")
        #expect(try fixture.dump() == before)
    }

    @Test("a changed sample updates exactly the changed rows")
    func changedSampleCounts() throws {
        try fixture.importText("a.csv", try Self.sample("applicants-2026A.en.csv"))
        let report = try fixture.importText("b.csv", try Self.changedSample())
        #expect(report.counts == "0 inserted, 6 updated, 2 unchanged, 0 rejected, 3 warnings")
        #expect(try fixture.store.details(of: "Riad Stays").description == "Booking platform for riads,\nwith a \"quote\".")
        #expect(try fixture.store.details(of: "Sahara H2").phone == nil)
        #expect(try fixture.store.details(of: "Riad Stays").monthlyRevenue == "410000.50 MAD")
    }

    @Test("undoing a batch of changes of every kind gives back every startup exactly as before it")
    func undoEveryKindOfChange() throws {
        try fixture.importText("a.csv", try Self.sample("applicants-2026A.en.csv"))
        let before = try Self.names.map { try fixture.store.details(of: $0) }
        let second = try fixture.importText("b.csv", try Self.changedSample())
        let outcome = try fixture.store.undoImport(try #require(second.batchId))
        #expect(outcome.removed == 0)
        #expect(outcome.restored == 8)
        let after = try Self.names.map { try fixture.store.details(of: $0) }
        for (old, new) in zip(before, after) {
            #expect(new == old, "\(old.name) differs after the undo")
        }
        let again = try fixture.importText("a-again.csv", try Self.sample("applicants-2026A.en.csv"))
        #expect(again.counts == "0 inserted, 0 updated, 8 unchanged, 0 rejected, 2 warnings")
    }

    @Test("undoing a batch that matched a startup by ICE and renamed it restores its name and lead founder")
    func undoRenameByICE() throws {
        let original = ImportFixture.csv([ImportFixture.row("Atlas AI", ["ice": "002345678000012", "email": "salma@atlas.ma"])])
        try fixture.importText("a.csv", original)
        let before = try fixture.store.details(of: "Atlas AI")
        let second = try fixture.importText("b.csv", ImportFixture.csv([
            ImportFixture.row("Atlas Intelligence", ["ice": "002345678000012", "founder": "Omar Idrissi", "email": "omar@atlas.ma"]),
        ]))
        _ = try fixture.store.undoImport(try #require(second.batchId))
        #expect(try fixture.store.details(of: "Atlas AI") == before)
        // Without its ICE, the startup is found again by its old name and lead e-mail.
        let again = try fixture.importText("c.csv", ImportFixture.csv([ImportFixture.row("ATLAS AI", ["email": "SALMA@atlas.ma"], columns: ImportFixture.header.filter { $0 != "ice" })], columns: ImportFixture.header.filter { $0 != "ice" }))
        #expect(again.inserted == 0)
        #expect(try fixture.count("startup") == 1)
    }

    @Test("undoing a file with two rows for one stored startup restores the values from before the file")
    func undoDuplicateRowsOfStoredStartup() throws {
        try fixture.importText("a.csv", ImportFixture.csv([ImportFixture.row("Atlas AI", ["ice": "002345678000012"])]))
        let before = try fixture.store.details(of: "Atlas AI")
        let second = try fixture.importText("b.csv", ImportFixture.csv([
            ImportFixture.row("Atlas AI", ["ice": "002345678000012", "city": "Rabat"]),
            ImportFixture.row("Atlas AI", ["ice": "002345678000012", "city": "Tanger", "phone": ""]),
        ]))
        #expect(second.duplicates.map(\.earlierLine) == [2])
        #expect(try fixture.store.details(of: "Atlas AI").city == "Tanger")
        _ = try fixture.store.undoImport(try #require(second.batchId))
        #expect(try fixture.store.details(of: "Atlas AI") == before)
    }
}

@Suite("import: more values and files")
struct ImportMoreTests {
    let fixture: ImportFixture

    init() throws {
        fixture = try ImportFixture()
    }

    @Test("a record with more fields than the header is reported at its line and the rows after it are still checked")
    func tooManyFields() throws {
        let text = ImportFixture.csv([
            ImportFixture.row("Atlas AI"),
            ImportFixture.row("Argan Pay") + ",surplus",
            ImportFixture.row("Sahara H2", ["email": "sahara"]),
        ])
        let report = try fixture.importText("wide.csv", text)
        #expect(report.rejected == 2)
        #expect(report.errors.map(\.line) == [3, 4])
        #expect(report.errors.first?.message == "12 fields, but the header has 11 (is a delimiter inside an unquoted value?)")
        #expect(report.errors.last?.column == 8)
    }

    @Test("a head count that is not a whole number is an error in its column")
    func badEmployees() throws {
        let columns = ["name", "founder", "email", "city", "sector", "employees"]
        let report = try fixture.importText("staff.csv", ImportFixture.csv([
            ImportFixture.row("Atlas AI", ["employees": "1 200"], columns: columns),
            ImportFixture.row("Argan Pay", ["employees": "douze"], columns: columns),
        ], columns: columns))
        #expect(report.errors.map(\.line) == [3])
        #expect(report.errors.map(\.column) == [6])
        #expect(report.errors.first?.message == "“douze” is not a head count: write a whole number such as 12")
    }

    @Test("a cohort column is read per row, its codes normalised, and a bad code is an error in that column")
    func cohortColumn() throws {
        let columns = ["name", "founder", "email", "city", "sector", "cohorte"]
        let report = try fixture.importText("cohorts.csv", ImportFixture.csv([
            ImportFixture.row("Atlas AI", ["cohorte": "2026-b"], columns: columns),
            ImportFixture.row("Argan Pay", ["cohorte": "2026 B!"], columns: columns),
            ImportFixture.row("Sahara H2", ["cohorte": ""], columns: columns),
        ], columns: columns), cohort: nil)
        #expect(report.errors.map(\.line) == [3, 4])
        #expect(report.errors.map(\.column) == [6, nil])
        #expect(report.errors.last?.message == "no cohort: give --cohort or fill the cohort column")
        #expect(report.inserted == 1)
    }

    @Test("a cohort named by the rows is created with the default capacity, once, and the report says so")
    func createdCohort() throws {
        let first = try fixture.importText("a.csv", ImportFixture.csv([ImportFixture.row("Atlas AI"), ImportFixture.row("Argan Pay")]))
        #expect(first.createdCohorts.map(\.code) == ["2026-A"])
        #expect(first.createdCohorts.map(\.capacity) == [30])
        #expect(first.createdCohorts.map(\.startsOn) == ["2026-06-01"])
        let second = try fixture.importText("b.csv", ImportFixture.csv([ImportFixture.row("Sahara H2")]))
        #expect(second.createdCohorts.isEmpty)
        #expect(try fixture.store.cohorts().map(\.applications) == [3])
    }

    @Test("undoing an import removes the cohorts it created, unless an application was put in them since")
    func undoRemovesCreatedCohorts() throws {
        let columns = ImportFixture.header + ["cohort"]
        let first = try fixture.importText("a.csv", ImportFixture.csv([
            ImportFixture.row("Atlas AI", ["cohort": "2026-X"], columns: columns),
            ImportFixture.row("Argan Pay", ["cohort": "2026-Y"], columns: columns),
        ], columns: columns), cohort: nil)
        #expect(first.createdCohorts.map(\.code) == ["2026-X", "2026-Y"])
        _ = try fixture.store.apply(StoreFixture.form("Sahara H2", cohort: "2026-Y"), today: CalendarDate(year: 2026, month: 6, day: 1)!)

        let outcome = try fixture.store.undoImport(try #require(first.batchId))
        #expect(outcome.removed == 2)
        #expect(outcome.removedCohorts == ["2026-X"])
        #expect(try fixture.store.cohorts().map(\.code) == ["2026-Y"])
        #expect(try fixture.count("application") == 1)

        // The same file again creates 2026-X again.
        let again = try fixture.importText("a.csv", ImportFixture.csv([
            ImportFixture.row("Atlas AI", ["cohort": "2026-X"], columns: columns),
            ImportFixture.row("Argan Pay", ["cohort": "2026-Y"], columns: columns),
        ], columns: columns), cohort: nil)
        #expect(again.createdCohorts.map(\.code) == ["2026-X"])
        #expect(again.inserted == 2)
    }

    @Test("undoing a batch restores values that were empty before it")
    func undoRestoresEmptyValues() throws {
        let columns = ImportFixture.header + ["employees", "website"]
        try fixture.importText("a.csv", ImportFixture.csv([
            ImportFixture.row("Atlas AI", ["ice": "002345678000012", "phone": "", "monthly_revenue": ""], columns: columns),
        ], columns: columns))
        let before = try fixture.store.details(of: "Atlas AI")
        let second = try fixture.importText("b.csv", ImportFixture.csv([
            ImportFixture.row("Atlas AI", ["ice": "002345678000012", "employees": "12", "website": "https://atlas.ma"], columns: columns),
        ], columns: columns))
        #expect(second.updated == 1)
        _ = try fixture.store.undoImport(try #require(second.batchId))
        let after = try fixture.store.details(of: "Atlas AI")
        #expect(after.phone == nil)
        #expect(after.employees == nil)
        #expect(after.monthlyRevenue == nil)
        #expect(after == before)
    }

    @Test("a file without an application date, imported again another day, is unchanged")
    func noApplicationDateAnotherDay() throws {
        let columns = ["name", "founder", "email", "city", "sector"]
        let path = try fixture.write("a.csv", ImportFixture.csv([ImportFixture.row("Atlas AI", columns: columns)], columns: columns))
        try fixture.importFile(path)
        #expect(try fixture.store.details(of: "Atlas AI").applications.first?.appliedOn == "2026-06-01")
        var request = fixture.request(path)
        request.today = CalendarDate(year: 2026, month: 6, day: 9)!
        let again = try fixture.store.importApplications(request)
        #expect(again.counts == "0 inserted, 0 updated, 1 unchanged, 0 rejected, 0 warnings")
    }

    @Test("the rejects file of a Windows-1252 file is UTF-8 with a byte order mark and keeps the accents")
    func rejectsOfWindows1252() throws {
        var bytes = Array("name;city;sector;founder;email\r\n".utf8)
        bytes += Array("Oasis ".utf8) + [0xC9] + Array("nergie;F".utf8) + [0xE8] + Array("s;CleanTech;A".utf8) + [0xEF] + Array("cha;aicha@oasis\r\n".utf8)
        bytes += Array("Darija Lab;Rabat;IA;Mehdi;mehdi@darijalab.ma\r\n".utf8)
        let path = try fixture.write("cp1252.csv", bytes: bytes)
        let rejects = fixture.folder.file("cp1252.rejects.csv")
        let report = try fixture.importFile(path, mode: .skipInvalid(rejectsPath: rejects))
        #expect(report.inserted == 1)
        let data = try [UInt8](Data(contentsOf: URL(fileURLWithPath: rejects)))
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("name;city;sector;founder;email;line;error\r\nOasis Énergie;Fès;CleanTech;Aïcha;aicha@oasis;2;email: "))
    }

    @Test(
        "a country is read by its code, English, French or Arabic name",
        arguments: ["MA", "Morocco", "Maroc", "المغرب", "  maroc "])
    func moroccoSpellings(country: String) throws {
        let report = try fixture.importText("country.csv", ImportFixture.csv([ImportFixture.row("Atlas AI", ["country": country])]))
        #expect(report.errors.isEmpty, "\(report.errors)")
        #expect(try fixture.store.details(of: "Atlas AI").country == "MA")
    }

    @Test("with date_order month-first in the rules, a/b/yyyy dates are read month first")
    func monthFirstDates() throws {
        _ = try fixture.store.setRules(text: "date_order = \"month-first\"\n", path: "rules.toml")
        let report = try fixture.importText("us.csv", ImportFixture.csv([
            ImportFixture.row("Atlas AI", ["founded_on": "09/12/2022", "applied_at": "02/15/2026 14:03:11"]),
        ]))
        #expect(report.errors.isEmpty, "\(report.errors)")
        let details = try fixture.store.details(of: "Atlas AI")
        #expect(details.foundedOn == "2022-09-12")
        #expect(details.applications.first?.appliedOn == "2026-02-15")
    }

    @Test(
        "the rejects file of a --map import keeps every original column, so it imports with the same --map")
    func rejectsOfMappedImport() throws {
        let headers = ImportDialectTests.formHeaders
        let mappings = ImportDialectTests.formMappings + ["Comment avez-vous connu le programme ?=ignore"]
        let path = try fixture.write("responses.csv", ImportDialectTests.form([
            ["06/03/2026 09:14:52", "youness@jiranet.ma", "JiraNet", "Kénitra", "IoT", "Youness Ziani", "LinkedIn"],
            ["07/03/2026 16:45:30", "anas@safar", "Safar Mobility", "Tanger", "Mobility", "Anas El Fassi", "Un ami"],
        ]))
        let rejects = fixture.folder.file("responses.rejects.csv")
        let report = try fixture.importFile(path, cohort: "2026-B", mappings: mappings, mode: .skipInvalid(rejectsPath: rejects))
        #expect(report.rejected == 1)
        var text = try String(contentsOfFile: rejects, encoding: .utf8)
        let headerLine = text.prefix { !$0.isNewline }
        #expect(String(headerLine) == (headers + ["line", "error"]).map(ImportFixture.csvField).joined(separator: ","))
        text = text.replacingOccurrences(of: "anas@safar,", with: "anas@safar.ma,")
        try Data(text.utf8).write(to: URL(fileURLWithPath: rejects))
        let fixed = try fixture.importFile(rejects, cohort: "2026-B", mappings: mappings)
        #expect(fixed.inserted == 1)
    }
}
