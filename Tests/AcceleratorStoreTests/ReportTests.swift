import AcceleratorDomain
import AcceleratorStore
import Foundation
import Testing

/// A small cohort whose every figure is computed by hand below.
///
/// Cohort 2026-A (capacity 10), as of 2026-06-30:
///
/// | startup   | sector        | city       | applied | mentored | funded           | then                    |
/// |-----------|---------------|------------|---------|----------|------------------|-------------------------|
/// | Atlas AI  | AI            | Casablanca | 03-01   | 03-11    | 04-10 500000 MAD grant Tamwilcom | international 05-10 (ES) |
/// | Argan Pay | FinTech       | Rabat      | 03-02   | 03-22    | 05-21 1500000 MAD equity UM6P Ventures | still funded |
/// | Sahara H2 | GreenHydrogen | Casablanca | 03-03   | 03-08    | —                | withdrawn 04-07         |
/// | Riad Stays| Tourism ⚠     | Marrakech  | 03-04   | —        | —                | rejected 03-14          |
/// | Tbib      | HealthTech ⚠  | casablanca | 03-05   | —        | —                | still applied (founded 2010: too old) |
/// | Souk      | E-commerce    | Fès        | 03-06   | 03-26    | —                | still mentored          |
enum ReportFixture {
    static let today = day(7, 1)

    static func day(_ month: Int, _ day: Int) -> CalendarDate {
        CalendarDate(year: 2026, month: month, day: day)!
    }

    static func form(
        _ name: String, sector: String, city: String, region: String? = nil, appliedOn: CalendarDate,
        founded: CalendarDate? = nil, cohort: String = "2026-A"
    ) -> ApplicationForm {
        ApplicationForm(
            name: name, city: city, region: region, country: .morocco, sector: sector, foundedOn: founded,
            founders: [FounderEntry(fullName: "Fondatrice \(name)", email: try? EmailAddress("\(name.lowercased().filter(\.isLetter))@example.ma"))],
            appliedOn: appliedOn, cohort: cohort)
    }

    static func move(_ store: AppDatabase, _ name: String, to target: Stage, on date: CalendarDate, reason: String? = nil,
                     amount: Int64 = 0, kind: FundingKind = .grant, investor: String = "") throws {
        var request = MoveRequest(target: target, reason: reason, on: date)
        switch target {
        case .mentored: request.mentor = MentorDraft(mentorName: "Karim Alaoui", organisation: "Technopark")
        case .funded:
            request.funding = FundingDraft(amount: Money(minorUnits: amount, currency: .mad), kind: kind, investor: investor, fundedOn: date)
        case .international: request.market = MarketDraft(country: try CountryCode("ES"), partner: "Plug and Play Spain")
        case .applied, .rejected, .withdrawn: break
        }
        _ = try store.move(
            startup: name, cohort: nil, request: request,
            context: MoveContext(actor: "tester", occurredOn: date, today: today))
    }

    static func makeStore(path: String? = nil) throws -> AppDatabase {
        let store = try path.map { try AppDatabase.openOrCreate(path: $0) } ?? AppDatabase.makeInMemory()
        _ = try store.addCohort(code: "2026-A", startsOn: day(3, 1), capacity: 10)
        let forms = [
            form("Atlas AI", sector: "AI", city: "Casablanca", region: "Casablanca-Settat", appliedOn: day(3, 1)),
            form("Argan Pay", sector: "FinTech", city: "Rabat", appliedOn: day(3, 2)),
            form("Sahara H2", sector: "GreenHydrogen", city: "Casablanca", region: "Casablanca-Settat", appliedOn: day(3, 3)),
            form("Riad Stays", sector: "Tourism", city: "Marrakech", appliedOn: day(3, 4)),
            form("Tbib", sector: "HealthTech", city: "casablanca", appliedOn: day(3, 5), founded: CalendarDate(year: 2010, month: 1, day: 1)),
            form("Souk", sector: "E-commerce", city: "Fès", appliedOn: day(3, 6)),
        ]
        for form in forms { _ = try store.apply(form, today: today) }
        try move(store, "Sahara H2", to: .mentored, on: day(3, 8))
        try move(store, "Atlas AI", to: .mentored, on: day(3, 11))
        try move(store, "Riad Stays", to: .rejected, on: day(3, 14), reason: "Secteur hors du programme")
        try move(store, "Argan Pay", to: .mentored, on: day(3, 22))
        try move(store, "Souk", to: .mentored, on: day(3, 26))
        try move(store, "Sahara H2", to: .withdrawn, on: day(4, 7), reason: "L'équipe rejoint un autre programme")
        try move(store, "Atlas AI", to: .funded, on: day(4, 10), amount: 50_000_000, kind: .grant, investor: "Tamwilcom")
        try move(store, "Atlas AI", to: .international, on: day(5, 10))
        try move(store, "Argan Pay", to: .funded, on: day(5, 21), amount: 150_000_000, kind: .equity, investor: "UM6P Ventures")
        return store
    }
}

@Suite("the cohort report")
struct ReportTests {
    let store: AppDatabase
    let figures: CohortFigures

    init() throws {
        store = try ReportFixture.makeStore()
        let report = try store.report(cohort: "2026-a", asOf: ReportFixture.day(6, 30), today: ReportFixture.today)
        figures = try #require(report.cohorts.first)
    }

    @Test("it counts the applications and those with warnings")
    func applications() {
        #expect(figures.cohort == "2026-A")
        #expect(figures.startsOn == "2026-03-01")
        #expect(figures.capacity == 10)
        #expect(figures.applications == 6)
        #expect(figures.warnings.applications == 2)
    }

    @Test("the funnel counts every application that ever reached a stage, and where each is now")
    func funnel() {
        #expect(figures.funnel.map(\.stage) == [.applied, .mentored, .funded, .international])
        #expect(figures.funnel.map(\.reached) == [6, 4, 2, 1])
        #expect(figures.funnel.map(\.current) == [1, 1, 1, 1])
    }

    @Test("conversion is the share of a stage's applications that reached the next one")
    func conversion() throws {
        let shares = figures.funnel.map(\.conversionToNext)
        #expect(abs(try #require(shares[0]) - 4.0 / 6.0) < 1e-12)
        #expect(shares[1] == 0.5)
        #expect(shares[2] == 0.5)
        #expect(shares[3] == nil)
    }

    @Test("the exits are counted with the stage they left and their reasons")
    func exits() {
        #expect(figures.exit(.rejected) == ExitFigures(
            stage: .rejected, count: 1, fromStages: [StageCount(stage: .applied, count: 1)],
            reasons: [ReasonCount(reason: "Secteur hors du programme", count: 1)]))
        #expect(figures.exit(.withdrawn) == ExitFigures(
            stage: .withdrawn, count: 1, fromStages: [StageCount(stage: .mentored, count: 1)],
            reasons: [ReasonCount(reason: "L'équipe rejoint un autre programme", count: 1)]))
    }

    @Test("days in applied run from the application to the next move, or to the report's day")
    func daysApplied() {
        // 10, 20, 5, 10, 117 (Tbib, 03-05 → 06-30, still applied), 20 → sorted 5 10 10 20 20 117.
        #expect(figures.time(in: .applied) == StageTime(stage: .applied, applications: 6, ongoing: 1, medianDays: 15, p90Days: 68.5))
    }

    @Test("days in mentored and funded run from the move in to the move out, or to the report's day")
    func daysMentoredAndFunded() throws {
        // Mentored: Atlas 30, Argan 60, Sahara 30, Souk 96 (03-26 → 06-30, still there).
        let mentored = try #require(figures.time(in: .mentored))
        #expect(mentored.applications == 4)
        #expect(mentored.ongoing == 1)
        #expect(mentored.medianDays == 45)
        #expect(abs(try #require(mentored.p90Days) - 85.2) < 1e-9)
        // Funded: Atlas 30, Argan 40 (05-21 → 06-30, still there).
        #expect(figures.time(in: .funded) == StageTime(stage: .funded, applications: 2, ongoing: 1, medianDays: 35, p90Days: 39))
    }

    @Test("funding is totalled per currency, with its median, its kinds and its investors")
    func funding() {
        #expect(figures.funding == [CurrencyFunding(
            currency: "MAD", count: 2, totalMinor: 200_000_000, total: "2000000.00",
            medianMinor: 100_000_000, median: "1000000.00",
            byKind: [
                KindFunding(kind: .grant, count: 1, totalMinor: 50_000_000, total: "500000.00"),
                KindFunding(kind: .equity, count: 1, totalMinor: 150_000_000, total: "1500000.00"),
            ],
            topInvestors: [
                InvestorFunding(investor: "UM6P Ventures", count: 1, totalMinor: 150_000_000, total: "1500000.00"),
                InvestorFunding(investor: "Tamwilcom", count: 1, totalMinor: 50_000_000, total: "500000.00"),
            ])])
    }

    @Test("sectors are broken down with how far their applications went")
    func sectors() {
        #expect(figures.sectors.count == 6)
        #expect(figures.sectors.first { $0.value == "AI" } == Breakdown(value: "AI", applications: 1, mentored: 1, funded: 1, international: 1))
        #expect(figures.sectors.first { $0.value == "FinTech" } == Breakdown(value: "FinTech", applications: 1, mentored: 1, funded: 1, international: 0))
        #expect(figures.sectors.first { $0.value == "Tourism" } == Breakdown(value: "Tourism", applications: 1, mentored: 0, funded: 0, international: 0))
    }

    @Test("cities written with another case count together, under the most frequent spelling")
    func cities() {
        #expect(figures.cities == [
            Breakdown(value: "Casablanca", applications: 3, mentored: 2, funded: 1, international: 1),
            Breakdown(value: "Fès", applications: 1, mentored: 1, funded: 0, international: 0),
            Breakdown(value: "Marrakech", applications: 1, mentored: 0, funded: 0, international: 0),
            Breakdown(value: "Rabat", applications: 1, mentored: 1, funded: 1, international: 0),
        ])
    }

    @Test("regions not given are counted together")
    func regions() {
        #expect(figures.regions == [
            Breakdown(value: nil, applications: 4, mentored: 2, funded: 1, international: 0),
            Breakdown(value: "Casablanca-Settat", applications: 2, mentored: 2, funded: 1, international: 1),
        ])
    }

    @Test("markets entered are counted per country")
    func markets() {
        #expect(figures.markets == [MarketFigures(country: "ES", name: "Spain", frenchName: "Espagne", applications: 1)])
    }

    @Test("warnings are counted by message")
    func warnings() {
        #expect(figures.warnings.byMessage.count == 2)
        #expect(figures.warnings.byMessage.allSatisfy { $0.count == 1 })
        #expect(figures.warnings.byMessage.contains { $0.reason.contains("Tourism") })
        #expect(figures.warnings.byMessage.contains { $0.reason.contains("2010-01-01") })
    }
}

@Suite("the report as of a day")
struct ReportAsOfTests {
    let store: AppDatabase

    init() throws {
        store = try ReportFixture.makeStore()
    }

    func figures(asOf date: CalendarDate) throws -> CohortFigures {
        try #require(try store.report(cohort: "2026-A", asOf: date, today: ReportFixture.today).cohorts.first)
    }

    @Test("before any move, every application is in applied and its days run to that day")
    func beforeMoves() throws {
        let figures = try figures(asOf: ReportFixture.day(3, 7))
        #expect(figures.applications == 6)
        #expect(figures.funnel.map(\.reached) == [6, 0, 0, 0])
        #expect(figures.funnel.map(\.current) == [6, 0, 0, 0])
        // 6, 5, 4, 3, 2, 1 days since each application.
        #expect(figures.time(in: .applied) == StageTime(stage: .applied, applications: 6, ongoing: 6, medianDays: 3.5, p90Days: 5.5))
        #expect(figures.time(in: .mentored) == StageTime(stage: .mentored, applications: 0, ongoing: 0, medianDays: nil, p90Days: nil))
        #expect(figures.funding.isEmpty)
        #expect(figures.markets.isEmpty)
        #expect(figures.exits.allSatisfy { $0.count == 0 && $0.reasons.isEmpty })
    }

    @Test("applications made after the day are left out")
    func laterApplications() throws {
        let figures = try figures(asOf: ReportFixture.day(3, 2))
        #expect(figures.applications == 2)
        #expect(figures.sectors.map(\.value).sorted { ($0 ?? "") < ($1 ?? "") } == ["AI", "FinTech"])
    }

    @Test("a move counts from the end of its own day")
    func moveOnTheDay() throws {
        let before = try figures(asOf: ReportFixture.day(4, 9))
        let on = try figures(asOf: ReportFixture.day(4, 10))
        #expect(before.step(.funded)?.reached == 0)
        #expect(before.funding.isEmpty)
        #expect(on.step(.funded)?.reached == 1)
        #expect(on.funding.first?.totalMinor == 50_000_000)
        #expect(on.time(in: .funded) == StageTime(stage: .funded, applications: 1, ongoing: 1, medianDays: 0, p90Days: 0))
    }

    @Test("between moves, the funnel, the exits and the days are those of that day")
    func betweenMoves() throws {
        let figures = try figures(asOf: ReportFixture.day(3, 20))
        // Moved by 03-20: Sahara (03-08) and Atlas (03-11) mentored, Riad rejected (03-14).
        #expect(figures.funnel.map(\.reached) == [6, 2, 0, 0])
        #expect(figures.funnel.map(\.current) == [3, 2, 0, 0])
        #expect(figures.exit(.rejected)?.count == 1)
        #expect(figures.exit(.withdrawn)?.count == 0)
        // Applied: Atlas 10, Sahara 5, Riad 10 left; Argan 18, Tbib 15, Souk 14 still there.
        #expect(figures.time(in: .applied) == StageTime(stage: .applied, applications: 6, ongoing: 3, medianDays: 12, p90Days: 16.5))
        // Mentored, both still there: Sahara 12, Atlas 9.
        let mentored = try #require(figures.time(in: .mentored))
        #expect(mentored.applications == 2)
        #expect(mentored.ongoing == 2)
        #expect(mentored.medianDays == 10.5)
        #expect(abs(try #require(mentored.p90Days) - 11.7) < 1e-9)
    }

    @Test("after the last move, the report is the one of today")
    func afterMoves() throws {
        let late = try figures(asOf: ReportFixture.day(6, 30))
        let today = try figures(asOf: ReportFixture.today)
        #expect(late.funnel == today.funnel)
        #expect(late.exits == today.exits)
        #expect(late.funding == today.funding)
        // Only the days of those still in a stage grow.
        #expect(today.time(in: .applied)?.medianDays == 15)
        #expect(abs(try #require(today.time(in: .funded)?.p90Days) - 39.9) < 1e-9)
    }

    @Test("a day after today is refused")
    func futureDay() throws {
        #expect(throws: ReportError.asOfInFuture(ReportFixture.day(7, 2), today: ReportFixture.today)) {
            try store.report(cohort: nil, asOf: ReportFixture.day(7, 2), today: ReportFixture.today)
        }
    }

    @Test("an unknown cohort is refused, naming the cohorts")
    func unknownCohort() throws {
        #expect(throws: ReportError.unknownCohort("2030-Z", known: ["2026-A"])) {
            try store.report(cohort: "2030-z", asOf: ReportFixture.today, today: ReportFixture.today)
        }
    }
}

@Suite("the report across cohorts")
struct ReportAcrossCohortsTests {
    @Test("without a cohort, each cohort has its figures and the program has them all together")
    func comparison() throws {
        let store = try ReportFixture.makeStore()
        _ = try store.apply(
            ReportFixture.form("Nour", sector: "AI", city: "Oujda", appliedOn: ReportFixture.day(6, 1), cohort: "2026-B"),
            today: ReportFixture.today)
        let report = try store.report(cohort: nil, asOf: ReportFixture.day(6, 30), today: ReportFixture.today)
        #expect(report.cohort == nil)
        #expect(report.program == "Technopark Morocco × Plug and Play — Programme d'accélération")
        #expect(report.cohorts.map(\.cohort) == ["2026-A", "2026-B"])
        #expect(report.cohorts.map(\.applications) == [6, 1])
        let overall = try #require(report.overall)
        #expect(overall.cohort == "all")
        #expect(overall.applications == 7)
        #expect(overall.funnel.map(\.reached) == [7, 4, 2, 1])
        #expect(overall.funnel.map(\.current) == [2, 1, 1, 1])
        // Applied: the six of 2026-A, and Nour's 29 days → 5 10 10 20 20 29 117.
        let applied = try #require(overall.time(in: .applied))
        #expect(applied.applications == 7)
        #expect(applied.ongoing == 2)
        #expect(applied.medianDays == 20)
        #expect(abs(try #require(applied.p90Days) - 64.2) < 1e-9)
        #expect(overall.sectors.first == Breakdown(value: "AI", applications: 2, mentored: 1, funded: 1, international: 1))
        #expect(overall.funding.first?.totalMinor == 200_000_000)
    }

    @Test("a cohort asked for with no application yet has zero figures")
    func emptyCohort() throws {
        let store = try ReportFixture.makeStore()
        _ = try store.addCohort(code: "2027-A", startsOn: ReportFixture.day(6, 1), capacity: 5)
        let figures = try #require(try store.report(cohort: "2027-A", asOf: ReportFixture.today, today: ReportFixture.today).cohorts.first)
        #expect(figures.applications == 0)
        #expect(figures.funnel.map(\.reached) == [0, 0, 0, 0])
        #expect(figures.funnel.allSatisfy { $0.conversionToNext == nil })
        #expect(figures.time(in: .applied)?.medianDays == nil)
    }
}

@Suite("the report on a database file")
struct ReportOnFileTests {
    @Test("read on two connections at once, a file gives the same report as one connection in memory")
    func fileAndMemoryAgree() throws {
        let folder = try TemporaryFolder()
        let file = try ReportFixture.makeStore(path: folder.file("report.sqlite"))
        let memory = try ReportFixture.makeStore()
        for day in [ReportFixture.day(3, 7), ReportFixture.day(4, 10), ReportFixture.day(6, 30)] {
            for cohort in [nil, "2026-A"] {
                let fromFile = try file.report(cohort: cohort, asOf: day, today: ReportFixture.today)
                let fromMemory = try memory.report(cohort: cohort, asOf: day, today: ReportFixture.today)
                #expect(fromFile == fromMemory)
            }
        }
    }
}
