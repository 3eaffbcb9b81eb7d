import AcceleratorDomain
import AcceleratorStore
import Foundation
import GRDB
import Testing

/// A temporary folder removed when the test ends.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "accelerator-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String { path + "/" + name }
}

enum StoreFixture {
    static let today = CalendarDate(year: 2026, month: 6, day: 1)!

    static func form(_ name: String, cohort: String = "2026-A", ice: String? = nil, email: String? = nil) -> ApplicationForm {
        let address = email ?? "\(name.lowercased().filter(\.isLetter))@example.ma"
        return ApplicationForm(
            name: name, ice: ice.flatMap { try? ICE($0) }, city: "Casablanca", country: .morocco, sector: "AI",
            founders: [FounderEntry(fullName: "Salma Bennani", email: try? EmailAddress(address))],
            appliedOn: CalendarDate(year: 2026, month: 3, day: 25)!, cohort: cohort)
    }

    static func context(on day: CalendarDate? = nil) -> MoveContext {
        MoveContext(actor: "tester", note: nil, occurredOn: day, today: today)
    }

    static func request(_ target: Stage) -> MoveRequest {
        var request = MoveRequest(target: target, on: today)
        switch target {
        case .mentored: request.mentor = MentorDraft(mentorName: "Karim Alaoui", organisation: "Technopark")
        case .funded:
            request.funding = FundingDraft(
                amount: Money(minorUnits: 50_000_000, currency: .mad), kind: .grant, investor: "CCG", fundedOn: today)
        case .international: request.market = MarketDraft(country: try? CountryCode("ES"), partner: "PnP Spain")
        case .rejected, .withdrawn: request.reason = "not a fit"
        case .applied: break
        }
        return request
    }
}

struct StoreTests {
    @Test("a new database gets every migration")
    func migratesNewDatabase() throws {
        let folder = try TemporaryFolder()
        let store = try AppDatabase.openOrCreate(path: folder.file("a.sqlite"))
        let queue = try DatabaseQueue(path: store.path)
        let applied = try queue.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(applied == AppDatabase.migrationNames)
    }

    @Test("the database file is created with mode 0600")
    func fileMode() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("private.sqlite")
        _ = try AppDatabase.openOrCreate(path: path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test("the database is in WAL mode with foreign keys on")
    func pragmas() throws {
        let folder = try TemporaryFolder()
        let store = try AppDatabase.openOrCreate(path: folder.file("wal.sqlite"))
        let queue = try DatabaseQueue(path: store.path)
        let mode = try queue.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }

    @Test("a database written by a newer version is refused and left untouched")
    func newerVersionRefused() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("newer.sqlite")
        _ = try AppDatabase.openOrCreate(path: path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        }
        try queue.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: StoreError.newerDatabase(path: path, unknownMigrations: ["v99-from-the-future"])) {
            try AppDatabase.open(path: path)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("a file that is not a database is refused with a clear error")
    func notADatabase() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("notes.sqlite")
        try Data(String(repeating: "not sqlite at all\n", count: 100).utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: StoreError.notADatabase(path: path)) { try AppDatabase.open(path: path) }
    }

    @Test("a missing folder is a clear error, not a crash")
    func missingFolder() throws {
        let path = "/nonexistent-folder-\(UUID().uuidString)/a.sqlite"
        #expect(throws: StoreError.cannotOpen(path: path, reason: "No such file or directory")) {
            try AppDatabase.openOrCreate(path: path)
        }
    }

    @Test("only init creates a database: opening a path where none is, or an empty file, is refused and creates nothing")
    func openingNeverCreates() throws {
        let folder = try TemporaryFolder()
        let typo = folder.file("accelerater.sqlite")
        #expect(throws: StoreError.missingDatabase(path: typo)) { try AppDatabase.open(path: typo) }
        #expect(!FileManager.default.fileExists(atPath: typo))
        let empty = folder.file("empty.sqlite")
        _ = FileManager.default.createFile(atPath: empty, contents: Data())
        #expect(throws: StoreError.missingDatabase(path: empty)) { try AppDatabase.open(path: empty) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: empty)).isEmpty)
    }

    @Test("init brings an empty file to mode 0600 when it becomes the database")
    func emptyFileBecomesPrivate() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("shared.sqlite")
        _ = FileManager.default.createFile(atPath: path, contents: Data(), attributes: [.posixPermissions: 0o644])
        _ = try AppDatabase.openOrCreate(path: path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test("another application's SQLite file is refused by open and by init, byte for byte untouched and not switched to WAL")
    func foreignDatabaseIsRefused() throws {
        let folder = try TemporaryFolder()
        for (name, sql) in [
            ("other.sqlite", "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('keep me')"),
            ("other-grdb.sqlite", "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY); INSERT INTO grdb_migrations VALUES ('createUsers')"),
        ] {
            let path = folder.file(name)
            let queue = try DatabaseQueue(path: path)
            try queue.write { try $0.execute(sql: sql) }
            try queue.close()
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(throws: StoreError.foreignDatabase(path: path)) { try AppDatabase.open(path: path) }
            #expect(throws: StoreError.foreignDatabase(path: path)) { try AppDatabase.openOrCreate(path: path) }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
            #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        }
    }

    @Test("a database that records Accelerator's migrations without their tables is refused, untouched")
    func damagedDatabaseIsRefused() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("damaged.sqlite")
        _ = try AppDatabase.openOrCreate(path: path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "DROP TABLE header_mapping") }
        try queue.close()
        #expect(throws: StoreError.damagedDatabase(path: path, missingTables: ["header_mapping"])) {
            try AppDatabase.open(path: path)
        }
    }

    @Test("stage events cannot be updated or deleted, even with SQL")
    func appendOnlyTriggers() throws {
        let folder = try TemporaryFolder()
        let store = try AppDatabase.openOrCreate(path: folder.file("events.sqlite"))
        _ = try store.apply(StoreFixture.form("Atlas AI"), today: StoreFixture.today)
        _ = try store.move(startup: "Atlas AI", cohort: nil, request: StoreFixture.request(.mentored), context: StoreFixture.context())
        let queue = try DatabaseQueue(path: store.path)
        #expect(throws: DatabaseError.self) {
            try queue.write { db in try db.execute(sql: "UPDATE stage_event SET actor = 'someone else'") }
        }
        #expect(throws: DatabaseError.self) {
            try queue.write { db in try db.execute(sql: "DELETE FROM stage_event") }
        }
        let count = try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM stage_event") }
        #expect(count == 1)
    }
}

struct WorkflowTests {
    let store: AppDatabase

    init() throws {
        store = try AppDatabase.makeInMemory()
    }

    @Test("applying creates the startup, the cohort with the default capacity, and the application")
    func apply() throws {
        let outcome = try store.apply(StoreFixture.form("Atlas AI"), today: StoreFixture.today)
        #expect(outcome.createdCohort?.code == "2026-A")
        #expect(outcome.createdCohort?.capacity == 30)
        #expect(outcome.createdCohort?.startsOn == "2026-06-01")
        #expect(try store.list(ListFilter()).map(\.name) == ["Atlas AI"])
    }

    @Test("a startup applying twice to one cohort is refused")
    func applyTwice() throws {
        _ = try store.apply(StoreFixture.form("Atlas AI"), today: StoreFixture.today)
        #expect(throws: OperationError.alreadyApplied(startup: "Atlas AI", cohort: "2026-A", stage: .applied)) {
            try store.apply(StoreFixture.form("Atlas AI"), today: StoreFixture.today)
        }
    }

    @Test("a startup with an open application cannot apply to another cohort; after a rejection it can")
    func reapply() throws {
        _ = try store.apply(StoreFixture.form("Atlas AI"), today: StoreFixture.today)
        #expect(throws: OperationError.self) {
            try store.apply(StoreFixture.form("Atlas AI", cohort: "2026-B"), today: StoreFixture.today)
        }
        _ = try store.move(startup: "atlas ai", cohort: nil, request: StoreFixture.request(.rejected), context: StoreFixture.context())
        let second = try store.apply(StoreFixture.form("Atlas AI", cohort: "2026-B"), today: StoreFixture.today)
        #expect(second.existingStartup)
        // Without a cohort, the only open application is the one meant.
        let moved = try store.move(startup: "Atlas AI", cohort: nil, request: StoreFixture.request(.mentored), context: StoreFixture.context())
        #expect(moved.to == .mentored && moved.cohort == "2026-B")
        _ = try store.move(startup: "Atlas AI", cohort: nil, request: StoreFixture.request(.withdrawn), context: StoreFixture.context())
        #expect(throws: OperationError.cohortNeeded(startup: "Atlas AI", cohorts: ["2026-A", "2026-B"])) {
            try store.move(startup: "Atlas AI", cohort: nil, request: StoreFixture.request(.rejected), context: StoreFixture.context())
        }
    }

    @Test("a whole flow writes one event per move and the gate's records")
    func wholeFlow() throws {
        _ = try store.apply(StoreFixture.form("Atlas AI"), today: StoreFixture.today)
        for target in [Stage.mentored, .funded, .international] {
            let outcome = try store.move(startup: "Atlas AI", cohort: nil, request: StoreFixture.request(target), context: StoreFixture.context())
            #expect(outcome.changed)
        }
        let details = try store.details(of: "ATLAS ai")
        let application = try #require(details.applications.first)
        #expect(application.stage == .international)
        #expect(application.mentors.map(\.name) == ["Karim Alaoui"])
        #expect(application.funding.map(\.amount) == ["500000.00"])
        #expect(application.markets.map(\.country) == ["ES"])
        let history = try store.history(of: "Atlas AI").events
        #expect(history.map(\.to) == [.mentored, .funded, .international])
        #expect(history.map(\.from) == [.applied, .mentored, .funded])
    }

    @Test("a request for the current stage writes nothing")
    func unchanged() throws {
        _ = try store.apply(StoreFixture.form("Atlas AI"), today: StoreFixture.today)
        _ = try store.move(startup: "Atlas AI", cohort: nil, request: StoreFixture.request(.mentored), context: StoreFixture.context())
        let again = try store.move(startup: "Atlas AI", cohort: nil, request: MoveRequest(target: .mentored, on: StoreFixture.today), context: StoreFixture.context())
        #expect(!again.changed)
        #expect(try store.history(of: "Atlas AI").events.count == 1)
    }

    @Test("a refused move writes nothing and names the rule")
    func refusedMove() throws {
        _ = try store.apply(StoreFixture.form("Atlas AI"), today: StoreFixture.today)
        _ = try store.move(startup: "Atlas AI", cohort: nil, request: StoreFixture.request(.mentored), context: StoreFixture.context())
        let error = #expect(throws: OperationError.self) {
            try store.move(startup: "Atlas AI", cohort: nil, request: MoveRequest(target: .funded, on: StoreFixture.today), context: StoreFixture.context())
        }
        #expect(error?.description == "cannot advance Atlas AI (2026-A) to funded: no funding recorded — give --amount, --funding-kind, --investor and --funded-on")
        #expect(try store.history(of: "Atlas AI").events.count == 1)
        #expect(try store.details(of: "Atlas AI").applications.first?.stage == .mentored)
    }

    @Test("the capacity counts applications that ever reached mentored, exits included")
    func capacityCountsEver() throws {
        _ = try store.addCohort(code: "2026-C", startsOn: StoreFixture.today, capacity: 1)
        _ = try store.apply(StoreFixture.form("Atlas AI", cohort: "2026-C"), today: StoreFixture.today)
        _ = try store.apply(StoreFixture.form("Argan Pay", cohort: "2026-C"), today: StoreFixture.today)
        _ = try store.move(startup: "Atlas AI", cohort: nil, request: StoreFixture.request(.mentored), context: StoreFixture.context())
        _ = try store.move(startup: "Atlas AI", cohort: nil, request: StoreFixture.request(.withdrawn), context: StoreFixture.context())
        let error = #expect(throws: OperationError.self) {
            try store.move(startup: "Argan Pay", cohort: nil, request: StoreFixture.request(.mentored), context: StoreFixture.context())
        }
        #expect(error?.description == "cannot advance Argan Pay (2026-C) to mentored: the cohort is full: 1 of its 1 places in mentoring are taken (capacity 1)")
    }

    @Test("startups are found by id, ICE, or name without case and accents; ambiguity lists candidates")
    func resolution() throws {
        let first = try store.apply(StoreFixture.form("Été Solaire", ice: "001234567000089"), today: StoreFixture.today)
        #expect(try store.details(of: "ete solaire").id == first.startupId)
        #expect(try store.details(of: "001 234 567 000 089").id == first.startupId)
        #expect(try store.details(of: "\(first.startupId)").name == "Été Solaire")
        #expect(throws: OperationError.unknownStartup("Nobody")) { try store.details(of: "Nobody") }
        _ = try store.apply(StoreFixture.form("ETE SOLAIRE", cohort: "2026-B", email: "other@example.ma"), today: StoreFixture.today)
        let error = #expect(throws: OperationError.self) { try store.details(of: "été solaire") }
        guard case .ambiguousStartup(_, let candidates, _)? = error else { Issue.record("not ambiguous: \(String(describing: error))"); return }
        #expect(candidates.count == 2)
    }

    @Test("a bad rules file is refused and the old rules stay")
    func rulesRefused() throws {
        try store.setRules(text: "default_capacity = 12", path: "rules.toml")
        #expect(throws: OperationError.self) { try store.setRules(text: "default_capacity = -1", path: "bad.toml") }
        #expect(try store.rules().defaultCapacity == 12)
    }
}

@Suite("one injected clock")
struct ClockTests {
    @Test("every operation stamps the injected clock's time, not the system's")
    func operationsUseTheClock() throws {
        let instant = Date(timeIntervalSince1970: 1_780_000_000)  // 2026-05-28T20:26:40Z
        let folder = try TemporaryFolder()
        let store = try AppDatabase.openOrCreate(path: folder.file("clock.sqlite"), clock: Clock { instant })
        #expect(store.clock.today == CalendarDate(year: 2026, month: 5, day: 28))
        _ = try store.addCohort(code: "2026-A", startsOn: StoreFixture.today, capacity: 5)
        _ = try store.apply(StoreFixture.form("Atlas AI"), today: store.clock.today)
        var request = StoreFixture.request(.mentored)
        request.on = store.clock.today
        _ = try store.move(startup: "Atlas AI", cohort: nil, request: request, context: MoveContext(actor: "staff", today: store.clock.today))
        let stamps = try DatabaseQueue(path: store.path).read { db in
            try String.fetchAll(db, sql: """
                SELECT created_at FROM cohort UNION ALL SELECT created_at FROM startup
                UNION ALL SELECT recorded_at FROM stage_event UNION ALL SELECT occurred_at FROM stage_event
                """)
        }
        #expect(stamps == Array(repeating: "2026-05-28T20:26:40Z", count: 4))
    }

    @Test("a clock on a fixed day reads that day, at the system's time of day")
    func fixedDay() {
        let day = CalendarDate(year: 2026, month: 6, day: 1)!
        #expect(Clock.on(day).today == day)
    }
}
