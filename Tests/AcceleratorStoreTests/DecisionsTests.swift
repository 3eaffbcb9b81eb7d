import AcceleratorDomain
import AcceleratorStore
import Foundation
import GRDB
import Testing

/// A database with three applications in 2026-A, and decisions files written beside it.
final class DecisionsFixture {
    let folder: TemporaryFolder
    let store: AppDatabase
    static let today = CalendarDate(year: 2026, month: 6, day: 1)!

    static let header = [
        "startup", "cohort", "decision", "date", "mentor", "mentor_org", "amount", "currency", "funding_kind", "investor",
        "market", "partner", "reason", "note",
    ]

    init(startups: [String] = ["Atlas AI", "Argan Pay", "Sahara H2"], capacity: Int? = nil) throws {
        folder = try TemporaryFolder()
        store = try AppDatabase.openOrCreate(path: folder.file("decisions.sqlite"))
        _ = try store.addCohort(code: "2026-A", startsOn: CalendarDate(year: 2026, month: 3, day: 1)!, capacity: capacity)
        for name in startups {
            _ = try store.apply(StoreFixture.form(name), today: Self.today)
        }
    }

    /// One row: the decision and whatever its gate needs, by column name.
    static func row(_ startup: String, _ decision: String, _ values: [String: String] = [:]) -> String {
        var all = values
        all["startup"] = startup
        all["decision"] = decision
        return header.map { ImportFixture.csvField(all[$0] ?? "") }.joined(separator: ",")
    }

    /// A row that satisfies the gate of `stage`, dated `date`.
    static func complete(_ startup: String, _ stage: Stage, date: String) -> String {
        switch stage {
        case .mentored:
            row(startup, "mentored", ["date": date, "mentor": "Karim Alaoui", "mentor_org": "Technopark"])
        case .funded:
            row(startup, "funded", ["date": date, "amount": "500 000", "funding_kind": "grant", "investor": "Tamwilcom"])
        case .international:
            row(startup, "international", ["date": date, "market": "ES", "partner": "Plug and Play Spain"])
        case .rejected:
            row(startup, "rejected", ["date": date, "reason": "out of scope"])
        case .withdrawn:
            row(startup, "withdrawn", ["date": date, "reason": "joined another program"])
        case .applied:
            row(startup, "applied", ["date": date])
        }
    }

    static func csv(_ rows: [String]) -> String {
        ([header.joined(separator: ",")] + rows).joined(separator: "\n") + "\n"
    }

    func write(_ name: String, _ text: String) throws -> String {
        let path = folder.file(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @discardableResult
    func apply(_ rows: [String], name: String = "decisions.csv", dryRun: Bool = false) throws -> DecisionsReport {
        try applyFile(try write(name, Self.csv(rows)), dryRun: dryRun)
    }

    @discardableResult
    func applyFile(_ path: String, dryRun: Bool = false) throws -> DecisionsReport {
        try store.applyDecisions(DecisionsRequest(path: path, dryRun: dryRun, actor: "committee", today: Self.today))
    }

    func stage(_ startup: String) throws -> Stage {
        try store.details(of: startup).applications[0].stage
    }

    func application(_ startup: String) throws -> ApplicationDetails {
        try store.details(of: startup).applications[0]
    }

    /// Rows of every table a decisions file may write, and every application's stage.
    func snapshot() throws -> [String] {
        let queue = try DatabaseQueue(path: store.path)
        defer { try? queue.close() }
        return try queue.read { db in
            var lines: [String] = []
            for table in ["stage_event", "mentor_assignment", "funding", "market_entry", "batch", "batch_event"] {
                lines.append("\(table): \(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? -1)")
            }
            lines += try String.fetchAll(db, sql: """
                SELECT id || ' ' || stage || ' ' || ifnull(exit_reason, '-') || ' ' || ifnull(last_batch_id, '-')
                  FROM application ORDER BY id
                """)
            return lines
        }
    }

    func problems(_ report: DecisionsReport) -> [String] {
        report.problems.map(\.description)
    }
}

@Suite("decisions: applying a file")
struct DecisionsApplyTests {
    @Test(
        "each decision kind moves the application and records what its gate needs",
        arguments: [Stage.mentored, .funded, .international, .rejected, .withdrawn])
    func eachKind(target: Stage) throws {
        let fixture = try DecisionsFixture()
        let path: [Stage] =
            switch target {
            case .mentored: [.mentored]
            case .funded: [.mentored, .funded]
            case .international: [.mentored, .funded, .international]
            case .rejected, .withdrawn: [.mentored, target]
            case .applied: []
            }
        let dates = ["2026-04-01", "2026-04-20", "2026-05-10"]
        let report = try fixture.apply(path.enumerated().map { DecisionsFixture.complete("Atlas AI", $1, date: dates[$0]) })
        #expect(report.problems.isEmpty)
        #expect(report.committed)
        #expect(report.moves == path.count)
        #expect(try fixture.stage("Atlas AI") == target)
        let application = try fixture.application("Atlas AI")
        #expect(application.mentors.map(\.name) == ["Karim Alaoui"])
        switch target {
        case .funded, .international:
            #expect(application.funding.map(\.fundedOn) == ["2026-04-20"])
            #expect(application.funding.map(\.amount) == ["500000.00"])
        case .rejected:
            #expect(application.exitReason == "out of scope")
        case .withdrawn:
            #expect(application.exitReason == "joined another program")
        case .applied, .mentored:
            break
        }
        if target == .international {
            #expect(application.markets.map(\.country) == ["ES"])
            #expect(application.markets.map(\.enteredOn) == ["2026-05-10"])
        }
        let history = try fixture.store.history(of: "Atlas AI").events
        #expect(history.map(\.to) == path)
        #expect(history.map { String($0.occurredAt.prefix(10)) } == Array(dates.prefix(path.count)))
        #expect(history.allSatisfy { $0.actor == "committee" })
    }

    @Test(
        "each gate's refusal is listed with its line and the columns to fill in",
        arguments: [
            (
                [DecisionsFixture.row("Atlas AI", "mentored", ["date": "2026-04-01"])],
                "line 2: cannot advance Atlas AI (2026-A) to mentored: no mentor assigned — give the mentor and mentor_org columns"
            ),
            (
                [DecisionsFixture.row("Atlas AI", "mentored", ["mentor": "Karim Alaoui"])],
                "line 2: cannot advance Atlas AI (2026-A) to mentored: the mentor is incomplete — give the mentor_org column"
            ),
            (
                [DecisionsFixture.complete("Atlas AI", .mentored, date: "2026-04-01"),
                 DecisionsFixture.row("Atlas AI", "funded", ["date": "2026-04-02"])],
                "line 3: cannot advance Atlas AI (2026-A) to funded: no funding recorded — give the amount, funding_kind, investor and date columns"
            ),
            (
                [DecisionsFixture.complete("Atlas AI", .mentored, date: "2026-04-01"),
                 DecisionsFixture.row("Atlas AI", "funded", ["amount": "0", "funding_kind": "grant", "investor": "CCG", "date": "2026-04-02"])],
                "line 3: cannot advance Atlas AI (2026-A) to funded: a funding amount must be above zero, not 0.00 MAD"
            ),
            (
                [DecisionsFixture.complete("Atlas AI", .mentored, date: "2026-04-01"),
                 DecisionsFixture.row("Atlas AI", "funded", ["amount": "100", "funding_kind": "grant", "investor": "CCG"])],
                "line 3: cannot advance Atlas AI (2026-A) to funded: the funding is incomplete — give the date column"
            ),
            (
                [DecisionsFixture.complete("Atlas AI", .mentored, date: "2026-04-01"),
                 DecisionsFixture.complete("Atlas AI", .funded, date: "2026-04-02"),
                 DecisionsFixture.row("Atlas AI", "international", ["market": "Maroc", "date": "2026-04-03"])],
                "line 4: cannot advance Atlas AI (2026-A) to international: Morocco (MA) is home, not a foreign market"
            ),
            (
                [DecisionsFixture.complete("Atlas AI", .mentored, date: "2026-04-01"),
                 DecisionsFixture.complete("Atlas AI", .funded, date: "2026-04-02"),
                 DecisionsFixture.row("Atlas AI", "international", ["market": "Bolivie", "date": "2026-04-03"])],
                "line 4: cannot advance Atlas AI (2026-A) to international: Bolivia (BO) is not one of the network's countries; see `accelerator rules show`"
            ),
            (
                [DecisionsFixture.complete("Atlas AI", .mentored, date: "2026-04-01"),
                 DecisionsFixture.row("Atlas AI", "international", ["date": "2026-04-03"])],
                "line 3: cannot advance Atlas AI (2026-A) to international: stages move one step at a time: from mentored the next stage is funded, not international"
            ),
            (
                [DecisionsFixture.row("Atlas AI", "rejected", ["date": "2026-04-01"])],
                "line 2: cannot reject Atlas AI (2026-A): a reason is required to mark an application rejected — give the reason column"
            ),
            (
                [DecisionsFixture.row("Atlas AI", "retiré", ["date": "2026-04-01"])],
                "line 2: cannot withdraw Atlas AI (2026-A): a reason is required to mark an application withdrawn — give the reason column"
            ),
            (
                [DecisionsFixture.complete("Atlas AI", .rejected, date: "2026-04-01"),
                 DecisionsFixture.complete("Atlas AI", .mentored, date: "2026-04-02")],
                "line 3: cannot advance Atlas AI (2026-A) to mentored: the application ended as rejected and nothing moves out of an exit; the startup may apply again in a later cohort"
            ),
            (
                [DecisionsFixture.complete("Atlas AI", .mentored, date: "2026-07-01")],
                "line 2: cannot advance Atlas AI (2026-A) to mentored: a move cannot be dated in the future (2026-07-01)"
            ),
            (
                [DecisionsFixture.complete("Atlas AI", .mentored, date: "2026-04-10"),
                 DecisionsFixture.complete("Atlas AI", .funded, date: "2026-04-01")],
                "line 3: cannot advance Atlas AI (2026-A) to funded: a move cannot be dated 2026-04-01, before the application's previous move (2026-04-10)"
            ),
            (
                [DecisionsFixture.row("Atlas AI", "mentored", ["mentor": "K", "mentor_org": "T", "amount": "100"])],
                "line 2: cannot advance Atlas AI (2026-A) to mentored: the amount column cannot be recorded by a move to mentored; leave it empty on this row"
            ),
        ])
    func gateRefused(rows: [String], expected: String) throws {
        let fixture = try DecisionsFixture()
        let before = try fixture.snapshot()
        let report = try fixture.apply(rows)
        #expect(fixture.problems(report) == [expected])
        #expect(!report.committed)
        #expect(report.batchId == nil)
        #expect(try fixture.snapshot() == before)
    }

    @Test("the cohort's capacity is checked row after row, as a sequence of advance commands would")
    func capacity() throws {
        let fixture = try DecisionsFixture(capacity: 2)
        let report = try fixture.apply([
            DecisionsFixture.complete("Atlas AI", .mentored, date: "2026-04-01"),
            DecisionsFixture.complete("Argan Pay", .mentored, date: "2026-04-01"),
            DecisionsFixture.complete("Sahara H2", .mentored, date: "2026-04-01"),
        ])
        #expect(fixture.problems(report) == [
            "line 4: cannot advance Sahara H2 (2026-A) to mentored: the cohort is full: 2 of its 2 places in mentoring are taken (capacity 2)",
        ])
        #expect(try fixture.stage("Atlas AI") == .applied)
    }

    @Test("rows for one startup apply in file order: mentored then funded works, funded then mentored does not")
    func fileOrder() throws {
        let fixture = try DecisionsFixture()
        let mentored = DecisionsFixture.complete("Atlas AI", .mentored, date: "2026-04-01")
        let funded = DecisionsFixture.complete("Atlas AI", .funded, date: "2026-04-01")
        let reversed = try fixture.apply([funded, mentored], name: "reversed.csv")
        #expect(fixture.problems(reversed) == [
            "line 2: cannot advance Atlas AI (2026-A) to funded: stages move one step at a time: from applied the next stage is mentored, not funded",
        ])
        #expect(try fixture.stage("Atlas AI") == .applied)

        let inOrder = try fixture.apply([mentored, funded], name: "in-order.csv")
        #expect(inOrder.problems.isEmpty)
        #expect(inOrder.rows.map(\.to) == [.mentored, .funded])
        #expect(try fixture.stage("Atlas AI") == .funded)
    }

    @Test("one refused row and nothing at all is applied, and every problem of the file is listed")
    func allOrNothing() throws {
        let fixture = try DecisionsFixture()
        let before = try fixture.snapshot()
        let report = try fixture.apply([
            DecisionsFixture.complete("Atlas AI", .mentored, date: "2026-04-01"),
            DecisionsFixture.complete("Atlas AI", .funded, date: "2026-04-02"),
            DecisionsFixture.complete("Argan Pay", .mentored, date: "2026-04-01"),
            DecisionsFixture.row("Sahara H2", "funded", ["date": "2026-04-02"]),
            DecisionsFixture.row("Nobody", "rejected", ["reason": "x"]),
            DecisionsFixture.row("Argan Pay", "funded", ["date": "someday", "amount": "100"]),
        ])
        #expect(fixture.problems(report) == [
            "line 5: cannot advance Sahara H2 (2026-A) to funded: stages move one step at a time: from applied the next stage is mentored, not funded",
            "line 6 (startup): no startup matches “Nobody”: give its id, its ICE or its name (see `accelerator list`)",
            "line 7 (date): “someday” is not a date: write it as 2026-03-25 or 25/03/2026",
        ])
        #expect(report.moves == 3)
        #expect(!report.committed)
        #expect(report.batchId == nil)
        #expect(try fixture.snapshot() == before)
        #expect(try fixture.store.batches().isEmpty)
    }

    @Test("a dry run reports what would happen and writes nothing")
    func dryRun() throws {
        let fixture = try DecisionsFixture()
        let before = try fixture.snapshot()
        let report = try fixture.apply([
            DecisionsFixture.complete("Atlas AI", .mentored, date: "2026-04-01"),
            DecisionsFixture.complete("Argan Pay", .rejected, date: "2026-04-01"),
        ], dryRun: true)
        #expect(report.dryRun)
        #expect(!report.committed)
        #expect(report.batchId == nil)
        #expect(report.moves == 2)
        #expect(report.rows.map { "\($0.line) \($0.startup) \($0.from)→\($0.to)" } == [
            "2 Atlas AI applied→mentored", "3 Argan Pay applied→rejected",
        ])
        #expect(try fixture.snapshot() == before)
    }

    @Test("an applied file is a decisions batch with its file, SHA-256, cohort and number of moves")
    func batchRecorded() throws {
        let fixture = try DecisionsFixture()
        try fixture.apply([DecisionsFixture.complete("Atlas AI", .mentored, date: "2026-04-01")], name: "first.csv")
        let path = try fixture.write("decisions.csv", DecisionsFixture.csv([
            DecisionsFixture.complete("Atlas AI", .mentored, date: "2026-04-01"),
            DecisionsFixture.complete("Atlas AI", .funded, date: "2026-04-02"),
            DecisionsFixture.complete("Argan Pay", .withdrawn, date: "2026-04-02"),
        ]))
        let report = try fixture.applyFile(path)
        #expect(report.unchanged == 1)
        #expect(report.rows.first?.changed == false)
        let batch = try #require(try fixture.store.batches().first)
        #expect(batch.id == report.batchId)
        #expect(batch.kind == "decisions")
        #expect(batch.file == path)
        #expect(batch.sha256 == (try ImportBatchTests.sha256(path)))
        #expect(batch.cohort == "2026-A")
        #expect(batch.counts == "2 inserted, 0 updated, 1 unchanged, 0 rejected, 0 warnings")
    }

    @Test("a file that moves nothing writes nothing, not even a batch")
    func nothingToDo() throws {
        let fixture = try DecisionsFixture()
        try fixture.apply([DecisionsFixture.complete("Atlas AI", .mentored, date: "2026-04-01")], name: "a.csv")
        let report = try fixture.apply([DecisionsFixture.complete("Atlas AI", .mentored, date: "2026-04-01")], name: "b.csv")
        #expect(report.problems.isEmpty)
        #expect(report.moves == 0)
        #expect(report.unchanged == 1)
        #expect(report.batchId == nil)
        #expect(try fixture.store.batches().count == 1)
    }

    @Test("French headers, semicolons, a BOM and French spellings apply like the English file")
    func french() throws {
        let fixture = try DecisionsFixture()
        let text = "\u{FEFF}Nom de la startup;Cohorte;Décision;Date de décision;Mentor;Organisation du mentor;Montant;Devise;"
            + "Type de financement;Investisseur;Marché;Partenaire;Motif;Commentaire\r\n"
            + "Atlas AI;2026-a;Mentorée;01/04/2026;Karim Alaoui;Technopark;;;;;;;;Comité d'avril\r\n"
            + "Atlas AI;;financé;02/04/2026;;;1 500 000,50;MAD;subvention;Tamwilcom;;;;\r\n"
            + "Atlas AI;;internationale;03/04/2026;;;;;;;Espagne;Plug and Play Spain;;\r\n"
            + "Argan Pay;;rejeté;01/04/2026;;;;;;;;;Hors du programme;\r\n"
            + "Sahara H2;;désisté;01/04/2026;;;;;;;;;Rejoint un autre programme;\r\n"
            + ";;;;;;;;;;;;;\r\n"
        let report = try fixture.applyFile(try fixture.write("décisions.csv", text))
        #expect(report.problems.isEmpty)
        #expect(report.dialect.delimiter == ";")
        #expect(report.dialect.byteOrderMark)
        #expect(try fixture.stage("Atlas AI") == .international)
        #expect(try fixture.stage("Argan Pay") == .rejected)
        #expect(try fixture.stage("Sahara H2") == .withdrawn)
        let atlas = try fixture.application("Atlas AI")
        #expect(atlas.funding.map { "\($0.amount) \($0.currency) \($0.kind) \($0.fundedOn)" } == ["1500000.50 MAD grant 2026-04-02"])
        #expect(atlas.markets.map(\.country) == ["ES"])
        #expect(try fixture.store.history(of: "Atlas AI").events.first?.note == "Comité d'avril")
        #expect(try fixture.application("Argan Pay").exitReason == "Hors du programme")
    }

    @Test("a French refusal names the file's own columns")
    func frenchRefusal() throws {
        let fixture = try DecisionsFixture()
        let text = "Nom de la startup;Décision;Date;Montant;Type de financement;Investisseur\n"
            + "Atlas AI;mentoré;01/04/2026;;;\n"
        let report = try fixture.applyFile(try fixture.write("fr.csv", text))
        #expect(fixture.problems(report) == [
            "line 2: cannot advance Atlas AI (2026-A) to mentored: no mentor assigned — give the mentor and mentor_org columns",
        ])
        let funded = try fixture.applyFile(try fixture.write("fr2.csv", text.replacingOccurrences(of: "mentoré", with: "financé")))
        #expect(fixture.problems(funded) == [
            "line 2: cannot advance Atlas AI (2026-A) to funded: stages move one step at a time: from applied the next stage is mentored, not funded",
        ])
    }

    @Test("a startup named by id or ICE is found; of several applications, the only open one is meant, else the cohort column is needed")
    func resolution() throws {
        let fixture = try DecisionsFixture(startups: [])
        _ = try fixture.store.apply(StoreFixture.form("Atlas AI", ice: "002345678000012"), today: DecisionsFixture.today)
        _ = try fixture.store.apply(StoreFixture.form("Argan Pay"), today: DecisionsFixture.today)
        _ = try fixture.store.move(
            startup: "Argan Pay", cohort: nil, request: StoreFixture.request(.rejected), context: StoreFixture.context())
        _ = try fixture.store.apply(StoreFixture.form("Argan Pay", cohort: "2026-B"), today: DecisionsFixture.today)
        let open = try fixture.apply([DecisionsFixture.complete("Argan Pay", .mentored, date: "2026-06-01")], dryRun: true)
        #expect(open.problems.isEmpty && open.rows.map(\.cohort) == ["2026-B"])
        var row = DecisionsFixture.complete("Argan Pay", .withdrawn, date: "2026-06-01")
        row = row.replacingOccurrences(of: "Argan Pay,", with: "Argan Pay,2026-B")
        #expect(try fixture.apply([row]).problems.isEmpty)
        let report = try fixture.apply([
            DecisionsFixture.complete("002345678000012", .mentored, date: "2026-04-01"),
            DecisionsFixture.complete("Argan Pay", .rejected, date: "2026-06-01"),
        ])
        #expect(fixture.problems(report) == [
            "line 3 (cohort): Argan Pay has applications in 2026-A, 2026-B; say which in the cohort column",
        ])
        let fixed = try fixture.apply([DecisionsFixture.complete("002345678000012", .mentored, date: "2026-04-01"), row])
        #expect(fixed.problems.isEmpty)
        #expect(fixed.rows.map(\.cohort) == ["2026-A", "2026-B"])
    }

    @Test("a record with too many fields and an ambiguous name are listed with their lines too")
    func recordProblems() throws {
        let fixture = try DecisionsFixture()
        _ = try fixture.store.apply(StoreFixture.form("ATLAS ÄI", email: "omar@atlas2.ma"), today: DecisionsFixture.today)
        let text = "startup,decision,reason\nSahara H2,rejected,a,b\natlas ai,rejected,out of scope\n"
        let report = try fixture.applyFile(try fixture.write("odd.csv", text))
        #expect(report.problems.count == 2)
        #expect(report.problems.first?.description == "line 2: 4 fields, but the header has 3 (is a delimiter inside an unquoted value?)")
        let ambiguous = try #require(report.problems.last)
        #expect(ambiguous.line == 3)
        #expect(ambiguous.column == "startup")
        #expect(ambiguous.message.hasPrefix("“atlas ai” matches 2 startups"))
        #expect(!ambiguous.message.contains("\n"))
    }

    @Test("a file whose header has no decision column is refused before any row")
    func badHeader() throws {
        let fixture = try DecisionsFixture()
        let path = try fixture.write("bad.csv", "startup,stage of life\nAtlas AI,mentored\n")
        #expect(throws: DecisionsError.self) { try fixture.applyFile(path) }
        let missing = fixture.folder.file("missing.csv")
        let error = #expect(throws: DecisionsError.self) { try fixture.applyFile(missing) }
        #expect(error?.isIOFailure == true)
        #expect(error?.description == "\(missing): no such file; check the path")
    }
}

@Suite("decisions: undo")
struct DecisionsUndoTests {
    let fixture: DecisionsFixture

    init() throws {
        fixture = try DecisionsFixture()
    }

    func applySample() throws -> Int64 {
        let report = try fixture.apply([
            DecisionsFixture.complete("Atlas AI", .mentored, date: "2026-04-01"),
            DecisionsFixture.complete("Atlas AI", .funded, date: "2026-04-10"),
            DecisionsFixture.complete("Atlas AI", .international, date: "2026-04-20"),
            DecisionsFixture.complete("Argan Pay", .mentored, date: "2026-04-01"),
            DecisionsFixture.complete("Sahara H2", .rejected, date: "2026-04-02"),
        ])
        #expect(report.problems.isEmpty)
        return try #require(report.batchId)
    }

    @Test("one undo operation dispatches on the batch's kind: a decisions batch, then the import before it")
    func undoBatchDispatches() throws {
        let id = try applySample()
        guard case .decisions(let outcome) = try fixture.store.undoBatch(id, actor: "staff") else {
            Issue.record("a decisions batch was undone as an import")
            return
        }
        #expect(outcome.batchId == id)
        let file = try fixture.write("new.csv", "name,city,sector,founder,email\nNour Analytics,Oujda,AI,Sara Kettani,sara@nour.ma\n")
        let imported = try #require(try fixture.store.importApplications(
            ImportRequest(path: file, cohort: "2026-A", today: StoreFixture.today)).batchId)
        guard case .importBatch(let undone) = try fixture.store.undoBatch(imported, actor: "staff") else {
            Issue.record("an import was undone as a decisions batch")
            return
        }
        #expect(undone.batchId == imported)
        #expect(undone.removed == 1)
        #expect(throws: UndoError.unknownBatch(999)) { try fixture.store.undoBatch(999, actor: "staff") }
    }

    @Test("undo restores the previous stages with compensating events and removes the batch's records")
    func undo() throws {
        let day = CalendarDate(year: 2026, month: 3, day: 30)!
        var mentored = StoreFixture.request(.mentored)
        mentored.on = day
        _ = try fixture.store.move(startup: "Argan Pay", cohort: nil, request: mentored, context: StoreFixture.context(on: day))
        let report = try fixture.apply([
            DecisionsFixture.complete("Atlas AI", .mentored, date: "2026-04-01"),
            DecisionsFixture.complete("Atlas AI", .funded, date: "2026-04-10"),
            DecisionsFixture.complete("Atlas AI", .international, date: "2026-04-20"),
            DecisionsFixture.complete("Argan Pay", .funded, date: "2026-04-01"),
            DecisionsFixture.complete("Sahara H2", .rejected, date: "2026-04-02"),
        ])
        let id = try #require(report.batchId)
        let outcome = try fixture.store.undoDecisions(id, actor: "staff")
        #expect(outcome.restored.map { "\($0.startup) \($0.from)→\($0.to)" } == [
            "Atlas AI international→applied", "Argan Pay funded→mentored", "Sahara H2 rejected→applied",
        ])
        #expect(outcome.removedRecords == 4)
        #expect(try fixture.stage("Atlas AI") == .applied)
        #expect(try fixture.stage("Argan Pay") == .mentored)
        #expect(try fixture.stage("Sahara H2") == .applied)
        let atlas = try fixture.application("Atlas AI")
        #expect(atlas.mentors.isEmpty && atlas.funding.isEmpty && atlas.markets.isEmpty)
        #expect(try fixture.application("Argan Pay").mentors.count == 1)  // recorded by advance, before the batch
        #expect(try fixture.application("Sahara H2").exitReason == nil)

        // History stays append-only: the batch's events are still there, the undo is one more.
        let history = try fixture.store.history(of: "Atlas AI").events
        #expect(history.map { "\($0.from)→\($0.to)" } == [
            "applied→mentored", "mentored→funded", "funded→international", "international→applied",
        ])
        #expect(history.last?.note == "undo of decisions batch \(id)")
        #expect(history.last?.actor == "staff")
        #expect(history.last?.occurredAt == "2026-04-20T00:00:00Z")
        #expect(try fixture.store.batches().first?.undoneAt != nil)
    }

    @Test("after an undo the corrected file applies with the committee's own dates")
    func applyAgainAfterUndo() throws {
        let id = try applySample()
        _ = try fixture.store.undoDecisions(id, actor: "staff")
        let again = try fixture.apply([
            DecisionsFixture.complete("Atlas AI", .mentored, date: "2026-04-01"),
            DecisionsFixture.complete("Atlas AI", .funded, date: "2026-04-10"),
            DecisionsFixture.complete("Sahara H2", .mentored, date: "2026-04-02"),
        ], name: "corrected.csv")
        #expect(again.problems.isEmpty)
        #expect(try fixture.stage("Atlas AI") == .funded)
        #expect(try fixture.stage("Sahara H2") == .mentored)
    }

    @Test("reports leave out the moves of an undone batch and their reversal")
    func reportsIgnoreUndoneMoves() throws {
        let id = try applySample()
        _ = try fixture.store.undoDecisions(id, actor: "staff")
        let report = try fixture.store.report(cohort: "2026-A", asOf: DecisionsFixture.today, today: DecisionsFixture.today)
        let funnel = try #require(report.cohorts.first).funnel
        #expect(funnel.map(\.reached) == [3, 0, 0, 0])
        #expect(funnel.first?.current == 3)
    }

    @Test("the places in mentoring taken by an undone batch are free again")
    func undoFreesPlaces() throws {
        let fixture = try DecisionsFixture(capacity: 1)
        let report = try fixture.apply([DecisionsFixture.complete("Atlas AI", .mentored, date: "2026-04-01")])
        let id = try #require(report.batchId)
        _ = try fixture.store.undoDecisions(id, actor: "staff")
        let other = try fixture.apply([DecisionsFixture.complete("Argan Pay", .mentored, date: "2026-04-01")], name: "other.csv")
        #expect(other.problems.isEmpty)
        #expect(try fixture.store.cohorts().first?.mentoredEver == 1)
    }

    @Test("undo is refused, naming the application and what happened, when one of them moved since")
    func refusedAfterMove() throws {
        let id = try applySample()
        let day = CalendarDate(year: 2026, month: 5, day: 2)!
        var funded = StoreFixture.request(.funded)
        funded.on = day
        funded.funding.fundedOn = day
        _ = try fixture.store.move(startup: "Argan Pay", cohort: nil, request: funded, context: StoreFixture.context(on: day))
        let before = try fixture.snapshot()
        #expect(throws: UndoError.changedSince(id, [
            "line 5: Argan Pay (2026-A) moved mentored → funded on 2026-05-02, after this batch",
        ])) {
            try fixture.store.undoDecisions(id, actor: "staff")
        }
        #expect(try fixture.snapshot() == before)
    }

    @Test("undo is refused when a funding round or a market was recorded since")
    func refusedAfterRecord() throws {
        let id = try applySample()
        _ = try fixture.store.recordMarket(
            startup: "Atlas AI", cohort: nil, draft: MarketDraft(country: try CountryCode("AE")), today: DecisionsFixture.today)
        #expect(throws: UndoError.changedSince(id, [
            "line 4: Atlas AI (2026-A) was changed after this batch (a funding round, a market or an import)",
        ])) {
            try fixture.store.undoDecisions(id, actor: "staff")
        }
    }

    @Test("an undone batch cannot be undone twice, and an unknown batch is said so")
    func undoTwice() throws {
        let id = try applySample()
        _ = try fixture.store.undoDecisions(id, actor: "staff")
        #expect(throws: UndoError.self) { try fixture.store.undoDecisions(id, actor: "staff") }
        #expect(throws: UndoError.unknownBatch(99)) { try fixture.store.batchKind(99) }
        #expect(try fixture.store.batchKind(id) == .decisions)
    }

    @Test("an import batch whose applications were moved by decisions cannot be undone")
    func importUndoAfterDecisions() throws {
        let folder = try TemporaryFolder()
        let store = try AppDatabase.openOrCreate(path: folder.file("db.sqlite"))
        let applicants = folder.file("applicants.csv")
        try Data(ImportFixture.csv([ImportFixture.row("Atlas AI"), ImportFixture.row("Argan Pay")]).utf8)
            .write(to: URL(fileURLWithPath: applicants))
        let imported = try store.importApplications(ImportRequest(path: applicants, cohort: "2026-A", today: DecisionsFixture.today))
        let decisions = folder.file("decisions.csv")
        try Data(DecisionsFixture.csv([DecisionsFixture.complete("Atlas AI", .mentored, date: "2026-04-01")]).utf8)
            .write(to: URL(fileURLWithPath: decisions))
        let applied = try store.applyDecisions(DecisionsRequest(path: decisions, actor: "committee", today: DecisionsFixture.today))
        let importId = try #require(imported.batchId)
        #expect(try store.batchKind(importId) == .import)
        #expect(throws: UndoError.self) { try store.undoImport(importId) }
        _ = try store.undoDecisions(try #require(applied.batchId), actor: "staff")
        // The application has a history now: it stays.
        #expect(throws: UndoError.self) { try store.undoImport(importId) }
    }
}

@Suite("decisions: further funding, markets and mentors")
struct DecisionsRecordsTests {
    let fixture: DecisionsFixture

    init() throws {
        fixture = try DecisionsFixture()
        try fixture.apply([
            DecisionsFixture.complete("Atlas AI", .mentored, date: "2026-04-01"),
            DecisionsFixture.complete("Atlas AI", .funded, date: "2026-04-10"),
            DecisionsFixture.complete("Argan Pay", .mentored, date: "2026-04-01"),
            DecisionsFixture.complete("Sahara H2", .mentored, date: "2026-04-01"),
            DecisionsFixture.complete("Sahara H2", .withdrawn, date: "2026-04-05"),
        ])
    }

    static let round = FundingDraft(
        amount: Money(minorUnits: 200_000_000, currency: .mad), kind: .convertible, investor: "Azur Innovation",
        fundedOn: CalendarDate(year: 2026, month: 5, day: 15)!)

    @Test("fund records a further round on a funded application, with no stage event")
    func fund() throws {
        let events = try fixture.store.history(of: "Atlas AI").events.count
        let outcome = try fixture.store.recordFunding(startup: "atlas ai", cohort: nil, draft: Self.round, today: DecisionsFixture.today)
        #expect(outcome.summary == "2000000.00 MAD convertible from Azur Innovation on 2026-05-15")
        #expect(outcome.stage == .funded)
        #expect(try fixture.application("Atlas AI").funding.map(\.investor) == ["Tamwilcom", "Azur Innovation"])
        #expect(try fixture.store.history(of: "Atlas AI").events.count == events)
    }

    @Test("fund is refused before the funding gate, naming the rule")
    func fundRefusedBeforeGate() throws {
        #expect(throws: RecordRefused(
            startup: "Argan Pay", cohort: "2026-A", record: .funding, stageNotAllowed: .mentored, refusals: [])) {
            try fixture.store.recordFunding(startup: "Argan Pay", cohort: nil, draft: Self.round, today: DecisionsFixture.today)
        }
        let refused = RecordRefused(startup: "Argan Pay", cohort: "2026-A", record: .funding, stageNotAllowed: .mentored, refusals: [])
        #expect(refused.description
            == "cannot record funding for Argan Pay (2026-A): the application is mentored; a further funding round is recorded only once it is funded or international (the first is recorded by `accelerator advance --to funded`)")
        #expect(throws: RecordRefused.self) {
            try fixture.store.recordFunding(startup: "Sahara H2", cohort: nil, draft: Self.round, today: DecisionsFixture.today)
        }
    }

    @Test("fund checks the funding as the gate does: complete, above zero, not in the future")
    func fundChecks() throws {
        var draft = Self.round
        draft.investor = nil
        draft.fundedOn = CalendarDate(year: 2026, month: 7, day: 1)
        #expect(throws: RecordRefused(
            startup: "Atlas AI", cohort: "2026-A", record: .funding, stageNotAllowed: nil,
            refusals: [.fundingIncomplete(missing: [.investor]), .fundingInFuture(CalendarDate(year: 2026, month: 7, day: 1)!)])) {
            try fixture.store.recordFunding(startup: "Atlas AI", cohort: nil, draft: draft, today: DecisionsFixture.today)
        }
        let empty = RecordRefused(startup: "Atlas AI", cohort: "2026-A", record: .funding, stageNotAllowed: nil, refusals: [.noFunding])
        #expect(throws: empty) {
            try fixture.store.recordFunding(startup: "Atlas AI", cohort: nil, draft: FundingDraft(), today: DecisionsFixture.today)
        }
        #expect(empty.description == "cannot record funding for Atlas AI (2026-A): no funding recorded — give --amount, --funding-kind, --investor and --funded-on")
        #expect(try fixture.application("Atlas AI").funding.count == 1)
    }

    @Test("market records a further market on an international application and refuses one before, or at home")
    func market() throws {
        #expect(throws: RecordRefused(
            startup: "Atlas AI", cohort: "2026-A", record: .market, stageNotAllowed: .funded, refusals: [])) {
            try fixture.store.recordMarket(
                startup: "Atlas AI", cohort: nil, draft: MarketDraft(country: try CountryCode("FR")), today: DecisionsFixture.today)
        }
        _ = try fixture.store.move(
            startup: "Atlas AI", cohort: nil, request: StoreFixture.request(.international), context: StoreFixture.context())
        let outcome = try fixture.store.recordMarket(
            startup: "Atlas AI", cohort: nil, draft: MarketDraft(country: try CountryCode("EAU"), partner: "PnP Abu Dhabi"),
            today: DecisionsFixture.today)
        #expect(outcome.summary == "United Arab Emirates (AE) with PnP Abu Dhabi since 2026-06-01")
        #expect(try fixture.application("Atlas AI").markets.map(\.country) == ["ES", "AE"])
        #expect(throws: RecordRefused(
            startup: "Atlas AI", cohort: "2026-A", record: .market, stageNotAllowed: nil, refusals: [.marketIsHome])) {
            try fixture.store.recordMarket(startup: "Atlas AI", cohort: nil, draft: MarketDraft(country: .morocco), today: DecisionsFixture.today)
        }
    }

    @Test("mentors lists every mentor with the applications still in the program")
    func mentors() throws {
        _ = try fixture.store.apply(StoreFixture.form("Souk Cloud"), today: DecisionsFixture.today)
        try fixture.apply([
            DecisionsFixture.row("Souk Cloud", "mentored", ["date": "2026-04-03", "mentor": "LEILA HADDAD", "mentor_org": "plug and play"]),
            DecisionsFixture.row("Argan Pay", "mentored", ["date": "2026-04-03"]),
        ], name: "more.csv")
        _ = try fixture.store.apply(StoreFixture.form("Oasis"), today: DecisionsFixture.today)
        try fixture.apply([
            DecisionsFixture.row("Oasis", "mentored", ["date": "2026-04-03", "mentor": "Leila Haddad", "mentor_org": "Plug and Play"]),
        ], name: "oasis.csv")
        let mentors = try fixture.store.mentors()
        #expect(mentors.map { "\($0.mentor) (\($0.organisation)): \($0.mentees.map { "\($0.startup) \($0.stage)" }.joined(separator: ", "))" } == [
            "Karim Alaoui (Technopark): Argan Pay mentored, Atlas AI funded",
            "LEILA HADDAD (plug and play): Oasis mentored, Souk Cloud mentored",
        ])
    }
}
