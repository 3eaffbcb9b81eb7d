import AcceleratorDomain
import Foundation
import GRDB

extension AppDatabase {
    /// The program's report as it stood at the end of `asOf`: applications made on or before that
    /// day, and the moves, funding and markets recorded by its end (stage events with
    /// `occurred_at` on or before it). For one cohort, or for every cohort, compared, and together.
    public func report(cohort: String?, asOf: CalendarDate, today: CalendarDate) throws -> ProgramReport {
        guard asOf <= today else { throw ReportError.asOfInFuture(asOf, today: today) }
        let code = try cohort.map(Self.cohortCode)
        if let code { try read { db in try Self.requireCohort(db, code) } }
        let scan = ReportScan(asOf: asOf, cohort: code)
        guard let pool = writer as? DatabasePool else {
            // One connection (an in-memory database): everything read in turn.
            return try read { db in try Self.report(db, scan: scan, cohort: code, asOf: asOf) { try scan.readSide(db) } }
        }
        // The applications and their moves on one reader connection, the startups' places, the
        // funding, markets and warnings on another, on the other core. Both reads are started from
        // the writer's queue, so both see the same last commit (`DatabasePool.asyncConcurrentRead`).
        do {
            let main = pool.writeWithoutTransaction { _ in
                let side = ConcurrentRead(pool) { db in try scan.readSide(db) }
                return ConcurrentRead(pool) { db in
                    try Self.report(db, scan: scan, cohort: code, asOf: asOf) { try side.wait() }
                }
            }
            return try main.wait()
        } catch let error as DatabaseError {
            throw StoreError.from(error, path: path)
        }
    }

    /// The report read on `db`, with the side figures from `side`.
    private static func report(
        _ db: Database, scan: ReportScan, cohort code: String?, asOf: CalendarDate, side: () throws -> ReportScan.Side
    ) throws -> ProgramReport {
        let tallies = try scan.tallies(db, side: side)
        var meta: [String: (startsOn: String, capacity: Int)] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT code, starts_on, capacity FROM cohort") {
            meta[row[0]] = (row[1], row[2])
        }
        var codes = tallies.keys.sorted()
        if let code, !codes.contains(code) { codes = [code] }
        let cohorts = try codes.map { code in
            try (tallies[code] ?? CohortTally()).figures(cohort: code, startsOn: meta[code]?.startsOn, capacity: meta[code]?.capacity)
        }
        var overall: CohortFigures?
        if code == nil {
            var all = CohortTally()
            for tally in tallies.values { all.merge(tally) }
            overall = try all.figures(cohort: "all", startsOn: nil, capacity: nil, ofEveryCohort: true)
        }
        return ProgramReport(
            program: ProgramReport.programName, asOf: asOf.description, cohort: code, cohorts: cohorts, overall: overall)
    }
}

/// The figures of a report: SQL aggregates where SQLite can group without joining row by row
/// (funding, markets, warnings, the distinct places), and one pass per large table joined in
/// memory by id where it cannot.
///
/// SQLite joins by nested loops: grouping a million stage events or applications by their
/// cohort and their startup's sector would cost a million index look-ups per query, seconds on a
/// million applications. Instead the applications, their stage events and their startups are
/// each read once, in storage order, through SQLite's C interface, and meet in arrays indexed by
/// id; the startups, funding, markets and warnings on a second connection at the same time.
struct ReportScan {
    /// The report's day, ISO.
    let day: String
    /// The first instant after it: events strictly before count.
    let end: String
    /// The report's day as a day number.
    let asOfDay: Int32
    /// The cohort, if one was asked for.
    let cohort: String?

    init(asOf: CalendarDate, cohort: String?) {
        day = asOf.description
        end = Timestamp.startOf(asOf.adding(days: 1))
        asOfDay = Int32(clamping: asOf.daysSince1970)
        self.cohort = cohort
    }

    /// Applications made by the report's day, of the cohort asked for, and not voided by its end
    /// (a report as of an earlier day counts a voided application, as it did then).
    var applicationFilter: String {
        let made = "a.applied_on <= :day AND (a.voided_at IS NULL OR a.voided_at >= :end)"
        return cohort == nil ? made : made + " AND a.cohort_code = :cohort"
    }

    /// Rows of a table about applications (alias `x`) limited to the cohort asked for.
    var cohortFilter: String {
        cohort == nil ? "1" : "x.application_id IN (SELECT a.id FROM application a WHERE \(applicationFilter))"
    }

    func arguments(_ names: Set<String>) -> StatementArguments {
        var values: [String: (any DatabaseValueConvertible)?] = [:]
        if names.contains("day") { values["day"] = day }
        // The application filter needs the end of the day beside the day.
        if names.contains("end") || names.contains("day") { values["end"] = end }
        if let cohort, names.contains("cohort") { values["cohort"] = cohort }
        return StatementArguments(values)
    }

    /// An application as the passes see it.
    struct Application {
        /// Its cohort's slot (0: not in the report).
        var slot: UInt32 = 0
        /// Its stage at the end of the report's day, as `StageCode`.
        var stage: UInt8 = StageCode.applied
        /// The stages it reached by then, one bit per `StageCode`.
        var reached: UInt8 = 0
        /// The day it was made.
        var appliedDay: Int32 = 0
        /// The day of its last move.
        var lastDay: Int32 = 0
        /// Its startup.
        var startup: Int64 = -1
    }

    /// Stages as small numbers, in the order of `Stage.allCases`.
    enum StageCode {
        static let applied: UInt8 = 0
        static let stages: [Stage] = Stage.allCases

        /// The stages' names as stored.
        static let names: [[UInt8]] = Stage.allCases.map { Array($0.rawValue.utf8) }

        /// The code of a stored stage name, read from its bytes; `nil` for anything else.
        static func code(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt8? {
            for (index, name) in names.enumerated() where name.count == bytes.count && name.elementsEqual(bytes) {
                return UInt8(index)
            }
            return nil
        }
    }

    /// What the passes add up, per cohort slot, in flat arrays and integer-keyed dictionaries
    /// (one hash per row at most), turned into tallies at the end.
    struct Counts {
        /// Cohort codes; slot `n` is `cohorts[n - 1]`, slot 0 is "not in the report".
        var cohorts: [String] = []
        var slots: [String: UInt32] = [:]
        var applications: [Int] = [0]
        /// Moves: `slot × 36 + from × 6 + to`.
        var moves = [Int](repeating: 0, count: 36)
        /// Days in applied, mentored, funded: key `(slot × 3 + stage) << 32 | days`.
        var durations: [Int64: Int] = [:]
        /// Applications still in applied, mentored, funded: `slot × 3 + stage`.
        var ongoing = [0, 0, 0]
        /// How far the applications of each place went: key `slot << 32 | (place + 1)`.
        var reach: [Int64: CohortTally.Reach] = [:]
        /// What the small passes (exits, funding, markets, warnings) add, per slot.
        var tallies = [CohortTally()]

        mutating func slot(for code: String) -> UInt32 {
            if let slot = slots[code] { return slot }
            cohorts.append(code)
            let slot = UInt32(cohorts.count)
            slots[code] = slot
            applications.append(0)
            moves += repeatElement(0, count: 36)
            ongoing += [0, 0, 0]
            tallies.append(CohortTally())
            return slot
        }

        mutating func addDuration(slot: UInt32, stage: UInt8, days: Int32) {
            let key = (Int64(slot) * 3 + Int64(stage)) << 32 | Int64(max(0, days))
            durations[key, default: 0] += 1
        }

        mutating func addPlace(slot: UInt32, place: Int32, reached: UInt8) {
            let key = Int64(slot) << 32 | Int64(place + 1)
            reach[key, default: CohortTally.Reach()].add(
                CohortTally.Reach(
                    applications: 1, mentored: Int(reached >> 1 & 1), funded: Int(reached >> 2 & 1),
                    international: Int(reached >> 3 & 1)))
        }

        /// The tallies of the cohorts that have applications in the report.
        func tallies(places: [CohortTally.Place]) -> [String: CohortTally] {
            var result: [String: CohortTally] = [:]
            var byCohort = tallies
            for slot in 1..<byCohort.count {
                byCohort[slot].applications = applications[slot]
                for from in 0..<6 {
                    for to in 0..<6 where moves[slot * 36 + from * 6 + to] > 0 {
                        byCohort[slot].moves[CohortTally.Move(from: StageCode.stages[from], to: StageCode.stages[to])] =
                            moves[slot * 36 + from * 6 + to]
                    }
                }
                for (index, stage) in [Stage.applied, .mentored, .funded].enumerated() {
                    byCohort[slot].ongoing[stage] = ongoing[slot * 3 + index]
                }
            }
            for (key, count) in durations {
                let slotStage = Int(key >> 32), days = Int(key & 0xFFFF_FFFF)
                let stage = [Stage.applied, .mentored, .funded][slotStage % 3]
                byCohort[slotStage / 3].durations[stage, default: [:]][days] = count
            }
            let unknown = CohortTally.Place(sector: "", city: "", region: nil)
            for (key, reach) in reach {
                let slot = Int(key >> 32), place = Int(key & 0xFFFF_FFFF) - 1
                let where_ = place >= 0 && place < places.count ? places[place] : unknown
                byCohort[slot].places[where_, default: CohortTally.Reach()].add(reach)
            }
            for slot in 1..<byCohort.count where applications[slot] > 0 {
                result[cohorts[slot - 1]] = byCohort[slot]
            }
            return result
        }
    }

    func tallies(_ db: Database, side readSide: () throws -> Side) throws -> [String: CohortTally] {
        var counts = Counts()
        for code in try String.fetchAll(db, sql: "SELECT code FROM cohort ORDER BY code") { _ = counts.slot(for: code) }
        var applications = try readApplications(db, counts: &counts)
        try readMoves(db, applications: &applications, counts: &counts)
        try readExits(db, applications: applications, counts: &counts)
        let side = try readSide()
        finish(applications, places: side.places, counts: &counts)
        addFundingAndMarkets(side, applications: applications, counts: &counts)
        var tallies = counts.tallies(places: side.places.keys)
        for (code, partial) in side.byCohort where tallies[code] != nil {
            tallies[code]?.merge(partial)
        }
        return tallies
    }

    /// What the second connection reads: the places, the funding and markets of each application
    /// (small tables, read whole: their cohort comes from the applications' pass, no look-up
    /// into the wide application rows), and the SQL aggregates of the warnings per cohort.
    struct Side: Sendable {
        struct FundingRecord: Sendable {
            var application: Int64
            var currency: String
            var kind: FundingKind
            var investor: String
            var amount: Int64
        }

        var places: Places
        var funding: [FundingRecord] = []
        var markets: [(application: Int64, country: String)] = []
        var byCohort: [String: CohortTally] = [:]
    }

    func readSide(_ db: Database) throws -> Side {
        var side = Side(places: try readPlaces(db))
        // Funding recorded by the end of the day (by its move, else by its own date).
        let funding = try SQLiteRows(db, sql: """
            SELECT x.application_id, x.currency, x.kind, x.investor, x.amount_minor
              FROM funding x LEFT JOIN stage_event e ON e.id = x.event_id
             WHERE coalesce(e.occurred_at, x.funded_on || 'T00:00:00Z') < :end AND \(cohortFilter)
            """, arguments: arguments(["day", "end", "cohort"]))
        while try funding.next() {
            let columns = funding.columns
            guard let currency = columns.text(1), let kind = columns.text(2).flatMap(FundingKind.init(rawValue:)),
                let amount = columns.integer(4)
            else { continue }
            side.funding.append(Side.FundingRecord(
                application: columns.id(0), currency: currency, kind: kind, investor: columns.text(3) ?? "", amount: amount))
        }
        // Markets entered by the end of the day, once per application and country.
        let markets = try SQLiteRows(db, sql: """
            SELECT DISTINCT x.application_id, x.country
              FROM market_entry x LEFT JOIN stage_event e ON e.id = x.event_id
             WHERE coalesce(e.occurred_at, x.entered_on || 'T00:00:00Z') < :end AND \(cohortFilter)
            """, arguments: arguments(["day", "end", "cohort"]))
        while try markets.next() {
            guard let country = markets.columns.text(1) else { continue }
            side.markets.append((markets.columns.id(0), country))
        }
        // Warnings: the partial index on applications with warnings finds them without reading the others.
        for row in try Row.fetchAll(db, sql: """
            SELECT a.cohort_code, COUNT(*) FROM application a WHERE a.warnings <> '[]' AND \(applicationFilter) GROUP BY 1
            """, arguments: arguments(["day", "cohort"])) {
            side.byCohort[row[0], default: CohortTally()].flagged += row[1] as Int
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT a.cohort_code, j.value, COUNT(*)
              FROM application a, json_each(a.warnings) j
             WHERE a.warnings <> '[]' AND \(applicationFilter)
             GROUP BY 1, 2
            """, arguments: arguments(["day", "cohort"])) {
            side.byCohort[row[0], default: CohortTally()].warnings[row[1], default: 0] += row[2] as Int
        }
        return side
    }

    /// What every application adds once its moves are known: its days in the stage it is still in
    /// (up to the report's day), and how far the applications of its place went.
    func finish(_ applications: IdTable<Application>, places: Places, counts: inout Counts) {
        applications.forEach { application in
            guard application.slot != 0 else { return }
            if application.stage <= 2 {
                let start = application.stage == StageCode.applied ? application.appliedDay : application.lastDay
                counts.addDuration(slot: application.slot, stage: application.stage, days: asOfDay - start)
                counts.ongoing[Int(application.slot) * 3 + Int(application.stage)] += 1
            }
            counts.addPlace(slot: application.slot, place: places.ofStartup[application.startup], reached: application.reached)
        }
    }

    /// Adds the funding and markets read on the second connection to the cohorts of their applications.
    func addFundingAndMarkets(_ side: Side, applications: IdTable<Application>, counts: inout Counts) {
        for record in side.funding {
            let slot = Int(applications[record.application].slot)
            guard slot != 0 else { continue }
            counts.tallies[slot].fundingKinds[record.currency, default: [:]][record.kind, default: CohortTally.Sum()]
                .add(count: 1, total: record.amount)
            counts.tallies[slot].investors[record.currency, default: [:]][record.investor, default: CohortTally.Sum()]
                .add(count: 1, total: record.amount)
            counts.tallies[slot].amounts[record.currency, default: [:]][record.amount, default: 0] += 1
        }
        for (application, country) in side.markets {
            let slot = Int(applications[application].slot)
            guard slot != 0 else { continue }
            counts.tallies[slot].markets[country, default: 0] += 1
        }
    }

    // MARK: - Passes

    /// The startups' places: the distinct (sector, city, region), and each startup's.
    struct Places: Sendable {
        var keys: [CohortTally.Place] = []
        var ofStartup: IdTable<Int32>
    }

    func readPlaces(_ db: Database) throws -> Places {
        let bounds = try Row.fetchOne(db, sql: "SELECT MAX(id), COUNT(*) FROM startup")
        var places = Places(ofStartup: IdTable(maxId: bounds?[0] ?? 0, count: bounds?[1] ?? 0, fill: -1))
        let only = cohort == nil ? "" : "WHERE s.id IN (SELECT a.startup_id FROM application a WHERE \(applicationFilter))"
        let rows = try SQLiteRows(db, sql: """
            SELECT s.id, s.sector, s.city, s.region FROM startup s \(only)
            """, arguments: arguments(["day", "cohort"]))
        let columns = rows.columns
        let earlier = try placesBefore(db)
        // A place is found by the bytes of its three columns, gathered in one reused buffer and
        // hashed (FNV-1a) in the same loop; a string is made only for a place not met before.
        var byHash: [UInt64: Int32] = [:]
        var keys: [[UInt8]] = []
        var collided: [[UInt8]: Int32] = [:]
        var key: [UInt8] = []
        while try rows.next() {
            key.removeAll(keepingCapacity: true)
            // A startup corrected since the report's day is placed where it was then (the change log's
            // values before the first change after the day); the few it has are read as strings.
            let then = earlier.isEmpty ? nil : earlier[columns.id(0)].map { corrected in
                CohortTally.Place(
                    sector: corrected.sector ?? columns.text(1) ?? "", city: corrected.city ?? columns.text(2) ?? "",
                    region: corrected.region ?? columns.text(3))
            }
            if let then {
                key.append(contentsOf: Array(then.sector.utf8) + [0x1F] + Array(then.city.utf8) + [0x1F])
                if let region = then.region { key.append(contentsOf: Array(region.utf8)) } else { key.append(0x00) }
            } else {
                columns.withBytes(1) { key.append(contentsOf: $0) }
                key.append(0x1F)
                columns.withBytes(2) { key.append(contentsOf: $0) }
                key.append(0x1F)
                if columns.withBytes(3, { key.append(contentsOf: $0) }) == nil { key.append(0x00) }
            }
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            for byte in key { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            let place: Int32
            if let found = byHash[hash], keys[Int(found)] == key {
                place = found
            } else if let found = collided[key] {
                place = found
            } else {
                places.keys.append(then ?? CohortTally.Place(sector: columns.text(1) ?? "", city: columns.text(2) ?? "", region: columns.text(3)))
                place = Int32(places.keys.count - 1)
                keys.append(key)
                if byHash[hash] == nil { byHash[hash] = place } else { collided[key] = place }
            }
            places.ofStartup[columns.id(0)] = place
        }
        return places
    }

    /// A place's values before a correction made after the report's day; `nil` where unchanged.
    struct EarlierPlace {
        var sector: String?
        var city: String?
        var region: String??
    }

    /// The startups whose sector, city or region was corrected after the report's day, with the
    /// values they had then: each field's value before its first change after the day.
    func placesBefore(_ db: Database) throws -> [Int64: EarlierPlace] {
        var earlier: [Int64: EarlierPlace] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT startup_id, field, old_value FROM change_log
             WHERE entity = 'startup' AND field IN ('sector', 'city', 'region') AND changed_at >= ? AND startup_id IS NOT NULL
             ORDER BY id
            """, arguments: [end]) {
            let id: Int64 = row["startup_id"]
            let old: String? = row["old_value"]
            var place = earlier[id] ?? EarlierPlace()
            switch row["field"] as String {
            case "sector": if place.sector == nil { place.sector = old }
            case "city": if place.city == nil { place.city = old }
            default: if place.region == nil { place.region = .some(old) }
            }
            earlier[id] = place
        }
        return earlier
    }

    func readApplications(_ db: Database, counts: inout Counts) throws -> IdTable<Application> {
        let bounds = try Row.fetchOne(db, sql: "SELECT MAX(id), COUNT(*) FROM application")
        var applications = IdTable(maxId: bounds?[0] ?? 0, count: bounds?[1] ?? 0, fill: Application())
        // In storage order; the applications of a cohort and a day mostly come together (an import,
        // a day of applications), so the cohort's slot and the day are looked up only when they change.
        let rows = try SQLiteRows(db, sql: """
            SELECT a.id, a.cohort_code, a.applied_on, a.startup_id FROM application a WHERE \(applicationFilter)
            """, arguments: arguments(["day", "cohort"]))
        let columns = rows.columns
        var cohortBytes = LastBytes(), dayBytes = LastBytes()
        var slots: [[UInt8]: UInt32] = [:]
        var key: [UInt8] = []
        var slot: UInt32 = 0
        var appliedDay: Int32 = 0
        while try rows.next() {
            if cohortBytes.update(columns, 1) {
                // By the code's bytes: a string is made once per cohort, not once per change.
                key.removeAll(keepingCapacity: true)
                columns.withBytes(1) { key.append(contentsOf: $0) }
                if let known = slots[key] {
                    slot = known
                } else {
                    slot = counts.slot(for: columns.text(1) ?? "")
                    slots[key] = slot
                }
            }
            if dayBytes.update(columns, 2) {
                appliedDay = columns.withBytes(2, ReportScan.dayNumber).flatMap { $0 } ?? asOfDay
            }
            applications[columns.id(0)] = Application(
                slot: slot, stage: StageCode.applied, reached: 1, appliedDay: appliedDay, lastDay: appliedDay,
                startup: columns.id(3))
            counts.applications[Int(slot)] += 1
        }
        return applications
    }

    /// The stage events recorded by the end of the day, in the order they were recorded (for one
    /// application, the order of its moves): the funnel, the exits' origins, the days in each stage.
    func readMoves(_ db: Database, applications: inout IdTable<Application>, counts: inout Counts) throws {
        let rows = try SQLiteRows(db, sql: """
            SELECT x.application_id, x.from_stage, x.to_stage, x.occurred_at
              FROM \(try AppDatabase.stageEventsInForce(db)) x
             WHERE x.occurred_at < :end AND \(cohortFilter)
             ORDER BY x.id
            """, arguments: arguments(["day", "end", "cohort"]))
        let columns = rows.columns
        while try rows.next() {
            let id = columns.id(0)
            var application = applications[id]
            guard application.slot != 0,
                let from = columns.withBytes(1, StageCode.code).flatMap({ $0 }),
                let to = columns.withBytes(2, StageCode.code).flatMap({ $0 }),
                let day = columns.withBytes(3, ReportScan.dayNumber).flatMap({ $0 })
            else { continue }
            counts.moves[Int(application.slot) * 36 + Int(from) * 6 + Int(to)] += 1
            if from <= 2 {
                // Days in the stage left: from the application (applied) or from the move into it.
                let start = from == StageCode.applied ? application.appliedDay : application.lastDay
                counts.addDuration(slot: application.slot, stage: from, days: day - start)
            }
            application.reached |= 1 << to
            application.stage = to
            application.lastDay = day
            applications[id] = application
        }
    }

    /// The reasons of the applications that had left the program by the end of the day.
    func readExits(_ db: Database, applications: IdTable<Application>, counts: inout Counts) throws {
        // In the order of the index on (stage, exit_reason): a reason is a run of equal rows, made a
        // string once.
        let rows = try SQLiteRows(db, sql: """
            SELECT x.id, x.stage, x.exit_reason
              FROM application x WHERE x.stage IN ('rejected', 'withdrawn')
             ORDER BY x.stage, x.exit_reason
            """)
        let columns = rows.columns
        var stageBytes = LastBytes(), reasonBytes = LastBytes()
        var stage = Stage.rejected, reason = ""
        // The applications of the current run (one exit, one reason), per cohort slot.
        var run = [Int](repeating: 0, count: counts.applications.count)
        func flush() {
            for slot in run.indices where run[slot] > 0 {
                counts.tallies[slot].reasons[stage, default: [:]][reason, default: 0] += run[slot]
                run[slot] = 0
            }
        }
        while try rows.next() {
            let stageChanged = stageBytes.update(columns, 1)
            if reasonBytes.update(columns, 2) || stageChanged {
                flush()
                stage = columns.withBytes(1, StageCode.code).flatMap { $0.map { StageCode.stages[Int($0)] } } ?? .rejected
                reason = columns.text(2) ?? ""
            }
            let application = applications[columns.id(0)]
            // Counted when its exit was recorded by the end of the day.
            guard application.slot != 0, application.stage < 6, StageCode.stages[Int(application.stage)].isExit else { continue }
            run[Int(application.slot)] += 1
        }
        flush()
    }

    /// The day number of an ISO day or timestamp (`2026-03-25`, `2026-03-25T10:00:00Z`).
    static func dayNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let digit = Int(bytes[index]) - 0x30
                guard (0...9).contains(digit) else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let date = CalendarDate(year: year, month: month, day: day)
        else { return nil }
        return Int32(clamping: date.daysSince1970)
    }
}

/// Values per row id: an array when ids are dense (rowids are), else a dictionary.
struct IdTable<Value> {
    private var dense: [Value]
    private var sparse: [Int64: Value] = [:]
    private let isDense: Bool
    private let fill: Value

    init(maxId: Int64, count: Int, fill: Value) {
        self.fill = fill
        // Dense unless deletions left most ids unused.
        isDense = maxId >= 0 && maxId <= Int64(count) * 4 + 4096
        dense = isDense ? Array(repeating: fill, count: Int(maxId) + 1) : []
    }

    subscript(id: Int64) -> Value {
        get {
            if isDense { return id >= 0 && id < dense.count ? dense[Int(id)] : fill }
            return sparse[id] ?? fill
        }
        set {
            if isDense {
                if id >= 0 && id < dense.count { dense[Int(id)] = newValue }
            } else {
                sparse[id] = newValue
            }
        }
    }

    func forEach(_ body: (Value) -> Void) {
        if isDense {
            dense.forEach(body)
        } else {
            sparse.values.forEach(body)
        }
    }
}

/// A read on a reader connection of a pool, started from the writer's queue (so that it sees the
/// last commit at that moment) and waited for by whoever needs its result.
final class ConcurrentRead<Value>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written once by the reader, before `done` is signalled; read after waiting on it.
    private var result: Result<Value, any Error>?

    /// Starts `body`; call from the writer's queue (`writeWithoutTransaction`), outside a transaction.
    init(_ pool: DatabasePool, _ body: @escaping @Sendable (Database) throws -> Value) {
        pool.asyncConcurrentRead { [self] database in
            result = Result { try body(database.get()) }
            done.signal()
        }
    }

    /// The read's result, waiting for it (once).
    func wait() throws -> Value {
        done.wait()
        done.signal()
        guard let result else { throw StoreError.database(path: "", message: "a concurrent read produced no result") }
        return try result.get()
    }
}

extension IdTable: Sendable where Value: Sendable {}
